// Notifications: the channels alerts go out on (webhook, email) with a test button, the routes
// that pick channels by device tags and severity (and escalate what nobody acknowledges), the
// silences that mute devices for maintenance, and the notifications that could not be delivered,
// each with its last error. Changes are for operators; the server checks and audits each one.

import { api } from './api.js';
import { canOperate } from './store.js';
import { el, time } from './format.js';
import { notice } from './ui.js';

const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'];

/** "site=north, type=pump" to {site: 'north', type: 'pump'} and back. */
export function parseTags(text) {
  const tags = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 1) throw new Error('write tags as key=value, separated by commas: ' + part);
    tags[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return tags;
}
export const showTags = (tags) => Object.entries(tags || {}).map(([k, v]) => k + '=' + v).join(', ');

const severitySelect = (id, selected) => el('select', { id },
  SEVERITIES.map((s) => el('option', { value: s, text: 'from ' + s, selected: s === selected })));
const field = (label, input) => el('label', {}, label + ' ', input);
const ids = (text) => text.split(',').map((s) => s.trim()).filter(Boolean).map(Number);

export function notificationsView() {
  return (root) => {
    const channelRows = el('tbody');
    const routeRows = el('tbody');
    const silenceRows = el('tbody');
    const failedRows = el('tbody');
    let channels = [];

    // Channels
    const ch = {
      name: el('input', { id: 'channel-name', required: true, placeholder: 'ops' }),
      type: el('select', { id: 'channel-type' }, el('option', { value: 'webhook', text: 'webhook' }),
        el('option', { value: 'email', text: 'email' })),
      target: el('input', { id: 'channel-target', required: true, placeholder: 'https://hooks.example.com/vigil', size: 40 }),
      minSeverity: severitySelect('channel-severity', 'WARNING'),
      secret: el('input', { id: 'channel-secret', type: 'password', placeholder: 'optional', autocomplete: 'off' }),
    };
    const channelError = el('p', { id: 'channel-error', class: 'field-error', role: 'alert' });
    ch.type.onchange = () => {
      ch.target.placeholder = ch.type.value === 'email' ? 'oncall@example.com' : 'https://hooks.example.com/vigil';
      ch.secret.disabled = ch.type.value === 'email';
    };
    const channelForm = el('form', { id: 'channel-form', class: 'inline-form operator-only', novalidate: true },
      field('Name', ch.name), field('Type', ch.type), field('URL or address', ch.target), field('Severity', ch.minSeverity),
      field('Secret', ch.secret), el('button', { type: 'submit', text: 'Add channel' }), channelError);
    channelForm.onsubmit = async (event) => {
      event.preventDefault();
      channelError.textContent = '';
      const body = { name: ch.name.value.trim(), type: ch.type.value, minSeverity: ch.minSeverity.value };
      body[ch.type.value === 'email' ? 'address' : 'url'] = ch.target.value.trim();
      if (ch.secret.value && ch.type.value === 'webhook') body.secret = ch.secret.value;
      try {
        const saved = await api.post('/api/notifications/channels', body);
        notice('Added channel #' + saved.id + ' ' + saved.name + '.');
        channelForm.reset();
        load();
      } catch (e) { channelError.textContent = e.message; }
    };

    // Routes
    const rt = {
      name: el('input', { id: 'route-name', required: true, placeholder: 'north site' }),
      selector: el('input', { id: 'route-selector', placeholder: 'site=north (empty: every device)' }),
      minSeverity: severitySelect('route-severity', 'WARNING'),
      channelIds: el('input', { id: 'route-channels', placeholder: 'channel ids, e.g. 1, 2', size: 10 }),
      escalateAfterSeconds: el('input', { id: 'route-escalate', type: 'number', min: 1, placeholder: 'seconds' }),
      escalationChannelIds: el('input', { id: 'route-escalation-channels', placeholder: 'ids', size: 8 }),
      repeatSeconds: el('input', { id: 'route-repeat', type: 'number', min: 10, placeholder: 'seconds' }),
    };
    const routeError = el('p', { id: 'route-error', class: 'field-error', role: 'alert' });
    const routeForm = el('form', { id: 'route-form', class: 'inline-form operator-only', novalidate: true },
      field('Name', rt.name), field('Devices', rt.selector), field('Severity', rt.minSeverity), field('Channels', rt.channelIds),
      field('Escalate after', rt.escalateAfterSeconds), field('to channels', rt.escalationChannelIds),
      field('repeat every', rt.repeatSeconds), el('button', { type: 'submit', text: 'Add route' }), routeError);
    routeForm.onsubmit = async (event) => {
      event.preventDefault();
      routeError.textContent = '';
      const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
      try {
        const body = { name: rt.name.value.trim(), selector: parseTags(rt.selector.value), minSeverity: rt.minSeverity.value,
          channelIds: ids(rt.channelIds.value), escalateAfterSeconds: number(rt.escalateAfterSeconds),
          escalationChannelIds: ids(rt.escalationChannelIds.value), repeatSeconds: number(rt.repeatSeconds) };
        const saved = await api.post('/api/notifications/routes', body);
        notice('Added route #' + saved.id + ' ' + saved.name + '.');
        routeForm.reset();
        load();
      } catch (e) { routeError.textContent = e.message; }
    };

    // Silences
    const si = {
      deviceId: el('input', { id: 'silence-device', placeholder: 'device id' }),
      selector: el('input', { id: 'silence-selector', placeholder: 'or tags: site=north' }),
      minutes: el('input', { id: 'silence-minutes', type: 'number', min: 1, value: 60 }),
      comment: el('input', { id: 'silence-comment', required: true, placeholder: 'why (maintenance, ...)', size: 30 }),
    };
    const silenceError = el('p', { id: 'silence-error', class: 'field-error', role: 'alert' });
    const silenceForm = el('form', { id: 'silence-form', class: 'inline-form operator-only', novalidate: true },
      field('Device', si.deviceId), field('Devices', si.selector), field('Minutes', si.minutes), field('Comment', si.comment),
      el('button', { type: 'submit', text: 'Silence' }), silenceError);
    silenceForm.onsubmit = async (event) => {
      event.preventDefault();
      silenceError.textContent = '';
      try {
        const saved = await api.post('/api/notifications/silences', { deviceId: si.deviceId.value.trim() || null,
          selector: parseTags(si.selector.value), durationMinutes: Number(si.minutes.value), comment: si.comment.value.trim() });
        notice('Silenced until ' + time(saved.endsAt) + '.');
        silenceForm.reset();
        load();
      } catch (e) { silenceError.textContent = e.message; }
    };

    const table = (id, heads, rows) => el('div', { class: 'scroll' }, el('table', { id },
      el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col', text: h })))), rows));
    root.append(el('h2', { text: 'Notifications' }),
      el('p', { class: 'summary', text: 'A channel without routes hears of every alert from its severity up. '
        + 'Routes pick channels by device tags; an alert nobody acknowledges in time is escalated.' }),
      el('section', { 'aria-labelledby': 'channels-title' }, el('h3', { id: 'channels-title', text: 'Channels' }),
        table('channels', ['#', 'Name', 'Type', 'Sends to', 'Severity', ''], channelRows), channelForm),
      el('section', { 'aria-labelledby': 'routes-title' }, el('h3', { id: 'routes-title', text: 'Routes' }),
        table('routes', ['#', 'Name', 'Devices', 'Severity', 'Channels', 'Escalation', ''], routeRows), routeForm),
      el('section', { 'aria-labelledby': 'silences-title' }, el('h3', { id: 'silences-title', text: 'Silences' }),
        table('silences', ['#', 'Mutes', 'From', 'Until', 'Comment', 'By', ''], silenceRows), silenceForm),
      el('section', { 'aria-labelledby': 'failed-title' }, el('h3', { id: 'failed-title', text: 'Not delivered' }),
        table('failed-notifications', ['When', 'Channel', 'Event', 'Alert', 'Attempts', 'Last error'], failedRows),
        el('p', { id: 'pending-count', class: 'summary' })));

    const name = (id) => (channels.find((c) => c.id === id) || { name: '#' + id }).name;
    const button = (text, cls, onclick) => el('button', { type: 'button', class: cls, text, onclick });

    async function load() {
      try {
        const [chs, routes, silences, failed, counts] = await Promise.all([api.get('/api/notifications/channels'),
          api.get('/api/notifications/routes'), api.get('/api/notifications/silences'),
          api.get('/api/notifications?status=FAILED&limit=50'), api.get('/api/notifications/counts')]);
        channels = chs;
        channelRows.replaceChildren(...chs.map((c) => el('tr', { dataset: { channelId: c.id } },
          el('td', { text: String(c.id) }), el('td', { text: c.name }), el('td', { text: c.type }),
          el('td', { text: (c.url || c.address) + (c.secretSet ? ' (signed)' : '') }),
          el('td', { class: 'sev-' + c.minSeverity, text: 'from ' + c.minSeverity }),
          el('td', { class: 'operator-only' }, button('Send test', 'test', () => test(c)),
            button('Delete', 'danger delete', () => remove('channels', c.id, c.name))))));
        routeRows.replaceChildren(...routes.map((r) => el('tr', { dataset: { routeId: r.id } },
          el('td', { text: String(r.id) }), el('td', { text: r.name }),
          el('td', { text: showTags(r.selector) || 'every device' }), el('td', { text: 'from ' + r.minSeverity }),
          el('td', { text: r.channelIds.map(name).join(', ') }),
          el('td', { text: r.escalateAfterSeconds ? 'after ' + r.escalateAfterSeconds + ' s to '
            + (r.escalationChannelIds.length ? r.escalationChannelIds : r.channelIds).map(name).join(', ')
            + (r.repeatSeconds ? ', every ' + r.repeatSeconds + ' s' : '') : '—' }),
          el('td', { class: 'operator-only' }, button('Delete', 'danger delete', () => remove('routes', r.id, r.name))))));
        silenceRows.replaceChildren(...silences.map((s) => el('tr', { dataset: { silenceId: s.id } },
          el('td', { text: String(s.id) }),
          el('td', { text: [s.deviceId, showTags(s.selector)].filter(Boolean).join(', ') }),
          el('td', { text: time(s.startsAt) }), el('td', { text: time(s.endsAt) + (s.active ? ' (active)' : '') }),
          el('td', { text: s.comment }), el('td', { text: s.createdBy }),
          el('td', { class: 'operator-only' }, button('End now', 'end', () => end(s))))));
        failedRows.replaceChildren(...failed.map((n) => el('tr', { dataset: { notificationId: n.id } },
          el('td', { text: time(n.doneAt) }), el('td', { text: n.channel }), el('td', { text: n.event }),
          el('td', {}, n.alertId ? el('a', { href: '#/alerts/' + n.alertId, text: '#' + n.alertId }) : '—'),
          el('td', { text: String(n.attempts) }), el('td', { class: 'field-error', text: n.lastError || '' }))));
        document.getElementById('pending-count').textContent = (counts.PENDING || 0) + ' waiting to be delivered, '
          + (counts.SENT || 0) + ' delivered, ' + (counts.FAILED || 0) + ' not delivered.';
      } catch (e) { notice(e.message); }
    }

    async function test(channel) {
      try {
        const result = await api.post('/api/notifications/channels/' + channel.id + '/test');
        notice('Test message delivered to ' + channel.name + '.' + (result.deliveryId ? ' Delivery ' + result.deliveryId : ''));
      } catch (e) { notice('Test message to ' + channel.name + ' not delivered: ' + e.message); }
    }

    async function remove(kind, id, label) {
      if (!canOperate() || !confirm('Delete ' + kind.slice(0, -1) + ' #' + id + ' ' + label + '?')) return;
      try {
        await api.del('/api/notifications/' + kind + '/' + id);
        notice('Deleted ' + label + '.');
        load();
      } catch (e) { notice(e.message); }
    }

    async function end(silence) {
      try {
        await api.del('/api/notifications/silences/' + silence.id);
        notice('Silence #' + silence.id + ' ended.');
        load();
      } catch (e) { notice(e.message); }
    }

    load();
    const timer = setInterval(load, 10000);
    return () => clearInterval(timer);
  };
}
