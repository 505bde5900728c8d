// Device detail (#/devices/{id}, bookmarkable): live charts per metric over a chosen range,
// history aggregated by the server; the device's alerts, commands (and sending one), its
// quarantined readings, and its token (rotate, revoke) for operators.

import { api, enc } from './api.js';
import { store, on, serverNow, applyCommand, applyAlert } from './store.js';
import { el, time, ago } from './format.js';
import { MetricChart } from './charts.js';
import { notice } from './ui.js';
import { parseTags, showTags } from './notifications.js';

const RANGES = [['15m', 15 * 60e3], ['1h', 3600e3], ['24h', 86400e3], ['7d', 7 * 86400e3], ['90d', 90 * 86400e3]];

export function deviceView(id) {
  return (root) => {
    let range = { label: '1h', from: null, to: null };
    const charts = new Map();
    const chartBox = el('div', { id: 'charts', class: 'charts' });
    const header = el('div', { class: 'device-head' });
    const alertsBody = el('tbody');
    const commandsBody = el('tbody');
    const quarantineBody = el('tbody');
    const figures = el('p', { id: 'history-figures', class: 'summary' });

    const rangeButtons = RANGES.map(([label]) => el('button', {
      type: 'button', class: 'range', dataset: { range: label }, text: label, 'aria-pressed': String(label === range.label),
      onclick: () => { range = { label, from: null, to: null }; loadHistory(); },
    }));
    // The readings of the range shown, as a CSV file (GET /api/devices/{id}/readings.csv).
    const exportLink = el('a', { id: 'export-csv', class: 'button', text: 'Export CSV', download: id + '-readings.csv' });
    // A live range ends now: the link is brought up to date as it is about to be used.
    const exportRange = () => {
      const to = range.to || serverNow();
      const from = range.from || to - RANGES.find(([l]) => l === range.label)[1];
      exportLink.href = '/api/devices/' + enc(id) + '/readings.csv?from=' + Math.round(from) + '&to=' + Math.round(to);
    };
    ['focus', 'pointerenter', 'click'].forEach((type) => exportLink.addEventListener(type, exportRange));
    const fromInput = el('input', { type: 'datetime-local', id: 'range-from', 'aria-label': 'from' });
    const toInput = el('input', { type: 'datetime-local', id: 'range-to', 'aria-label': 'to' });
    const custom = el('button', { type: 'button', id: 'range-show', text: 'Show', onclick: () => {
      const from = Date.parse(fromInput.value);
      const to = Date.parse(toInput.value);
      if (Number.isNaN(from) || Number.isNaN(to) || from >= to) { notice('Choose a start before the end.'); return; }
      range = { label: 'custom', from, to };
      loadHistory();
    } });

    const commandName = el('input', { id: 'command-name', required: true, placeholder: 'set_interval', autocomplete: 'off' });
    const commandArgs = el('textarea', { id: 'command-args', rows: 2, placeholder: '{"seconds":5}' });
    const commandError = el('p', { id: 'command-error', class: 'field-error', role: 'alert' });
    const commandForm = el('form', { id: 'command-form', class: 'operator-only inline-form' },
      el('label', {}, 'Command ', commandName), el('label', {}, 'Arguments (JSON) ', commandArgs),
      el('button', { type: 'submit', text: 'Send command' }), commandError);
    commandForm.onsubmit = async (event) => {
      event.preventDefault();
      commandError.textContent = '';
      let args = {};
      try {
        args = commandArgs.value.trim() ? JSON.parse(commandArgs.value) : {};
      } catch (e) {
        commandError.textContent = 'Arguments must be a JSON object: ' + e.message;
        return;
      }
      try {
        const command = await api.post('/api/commands', { deviceId: id, name: commandName.value.trim(), args });
        applyCommand(command);
      } catch (e) {
        commandError.textContent = e.message;
      }
    };

    // Tags (key=value) that rules, routes and silences select devices by.
    const tagsShown = el('span', { id: 'device-tags', text: '…' });
    const tagsInput = el('input', { id: 'tags-input', size: 40, placeholder: 'site=north, type=pump' });
    const tagsError = el('p', { id: 'tags-error', class: 'field-error', role: 'alert' });
    const tagsForm = el('form', { id: 'tags-form', class: 'operator-only inline-form' },
      el('label', {}, 'Tags ', tagsInput), el('button', { type: 'submit', text: 'Save tags' }), tagsError);
    const showDeviceTags = (tags) => {
      tagsShown.textContent = showTags(tags) || 'none';
      tagsInput.value = showTags(tags);
    };
    tagsForm.onsubmit = async (event) => {
      event.preventDefault();
      tagsError.textContent = '';
      try {
        showDeviceTags(await api.put('/api/devices/' + enc(id) + '/tags', parseTags(tagsInput.value)));
        notice('Tags of ' + id + ' saved.');
      } catch (e) { tagsError.textContent = e.message; }
    };
    api.get('/api/devices/' + enc(id) + '/tags').then(showDeviceTags).catch(() => { tagsShown.textContent = '—'; });

    const tokenBox = el('div', { id: 'token-actions', class: 'operator-only' },
      el('button', { type: 'button', id: 'rotate-token', text: 'Issue a new token', onclick: rotate }),
      el('button', { type: 'button', id: 'revoke-token', class: 'danger', text: 'Revoke token', onclick: revoke }));

    root.append(header,
      el('section', { 'aria-labelledby': 'dev-tags-title' }, el('h3', { id: 'dev-tags-title', text: 'Tags' }),
        el('p', { class: 'summary' }, 'Tags: ', tagsShown), tagsForm),
      el('section', { 'aria-labelledby': 'history-title' },
        el('h3', { id: 'history-title', text: 'History' }),
        el('div', { class: 'toolbar', role: 'group', 'aria-label': 'Range' }, rangeButtons,
          el('span', { class: 'custom' }, fromInput, '–', toInput, custom), exportLink),
        figures, chartBox),
      el('section', { 'aria-labelledby': 'dev-alerts-title' }, el('h3', { id: 'dev-alerts-title', text: 'Alerts' }),
        el('table', { id: 'device-alerts' }, el('thead', {}, el('tr', {},
          ['Raised', 'Severity', 'Condition', 'State', 'Acknowledged', 'Cleared'].map((h) => el('th', { scope: 'col', text: h })))), alertsBody)),
      el('section', { 'aria-labelledby': 'dev-commands-title' }, el('h3', { id: 'dev-commands-title', text: 'Commands' }),
        commandForm,
        el('table', { id: 'device-commands' }, el('thead', {}, el('tr', {},
          ['Sent', 'By', 'Command', 'Status', 'Result'].map((h) => el('th', { scope: 'col', text: h })))), commandsBody)),
      el('section', { 'aria-labelledby': 'dev-quarantine-title' }, el('h3', { id: 'dev-quarantine-title', text: 'Quarantined readings' }),
        el('table', { id: 'device-quarantine' }, el('thead', {}, el('tr', {},
          ['Received', 'Seq', 'Reason', 'Payload'].map((h) => el('th', { scope: 'col', text: h })))), quarantineBody)),
      el('section', { class: 'operator-only', 'aria-labelledby': 'dev-token-title' },
        el('h3', { id: 'dev-token-title', text: 'Token' }), tokenBox, el('div', { id: 'token-shown' })));

    function renderHeader() {
      const d = store.devices.get(id);
      header.replaceChildren(
        el('h2', {}, el('a', { href: '#/fleet', text: 'Fleet' }), ' / ', d && d.name !== id ? d.name + ' (' + id + ')' : id),
        d ? el('p', { class: 'device-state' },
          el('span', { class: d.online ? 'status-online' : 'status-offline', text: d.online ? 'online' : 'offline' }),
          ' · last seen ', el('span', { title: time(d.lastSeen), text: ago(d.lastSeen, serverNow()) })) : el('p', { text: 'Unknown device' }));
    }

    async function loadHistory() {
      rangeButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === range.label)));
      const to = range.to || serverNow();
      const from = range.from || to - RANGES.find(([l]) => l === range.label)[1];
      exportRange();
      const started = performance.now();
      let history;
      try {
        history = await api.get('/api/devices/' + enc(id) + '/history?from=' + Math.round(from) + '&to=' + Math.round(to));
      } catch (e) {
        figures.textContent = 'History could not be loaded: ' + e.message;
        return;
      }
      const loaded = performance.now();
      charts.forEach((c) => c.destroy());
      charts.clear();
      chartBox.replaceChildren();
      const names = new Set([...Object.keys(history.series), ...Object.keys((store.devices.get(id) || {}).metrics || {})]);
      for (const name of [...names].sort()) {
        const box = el('div', { class: 'chart' });
        chartBox.append(box);
        const chart = new MetricChart(box, name, history.bucket, history.from, history.to);
        chart.load(history.series[name]);
        charts.set(name, chart);
      }
      const points = [...charts.values()].reduce((n, c) => n + c.points(), 0);
      figures.textContent = points + ' points in ' + charts.size + ' charts, ' + (history.bucket / 1000) + ' s buckets; loaded in '
        + Math.round(loaded - started) + ' ms, drawn in ' + Math.round(performance.now() - loaded) + ' ms';
      figures.dataset.points = String(points);
      chartBox.dataset.live = String(!range.to);
    }

    function renderAlerts() {
      const alerts = [...store.alerts.values()].filter((a) => a.deviceId === id).sort((a, b) => b.raisedAt - a.raisedAt);
      alertsBody.replaceChildren(...alerts.map((a) => el('tr', { dataset: { alertId: a.id } },
        el('td', { text: time(a.raisedAt) }), el('td', { class: 'sev-' + a.severity, text: a.severity }),
        el('td', { text: a.message }), el('td', { text: a.state.toLowerCase() + (a.silenced ? ', silenced' : '') }),
        el('td', { text: a.acknowledgedBy ? a.acknowledgedBy + ', ' + time(a.acknowledgedAt) + (a.note ? ': ' + a.note : '') : '—' }),
        el('td', { text: time(a.clearedAt) }))));
    }

    function renderCommands() {
      const commands = [...store.commands.values()].filter((c) => c.deviceId === id)
        .sort((a, b) => (b.requestedAt || 0) - (a.requestedAt || 0)).slice(0, 50);
      commandsBody.replaceChildren(...commands.map((c) => el('tr', { dataset: { commandId: c.id, status: c.status } },
        el('td', { text: time(c.requestedAt) }), el('td', { text: c.requestedBy || '—' }),
        el('td', {}, el('code', { text: (c.name || '') + ' ' + JSON.stringify(c.args || {}) })),
        el('td', { class: 'cmd-' + c.status, text: c.status === 'PENDING' ? 'pending…' : c.status }),
        el('td', {}, c.result ? el('code', { text: JSON.stringify(c.result) }) : '—'))));
    }

    async function loadLists() {
      const [alerts, commands, quarantine] = await Promise.all([
        api.get('/api/alerts?limit=1000'),
        api.get('/api/commands?deviceId=' + enc(id) + '&limit=50'),
        api.get('/api/quarantine?deviceId=' + enc(id) + '&limit=50')]);
      alerts.filter((a) => a.deviceId === id && !store.alerts.has(a.id)).forEach((a) => applyAlert(a, true));
      commands.forEach((c) => { if (!store.commands.has(c.id)) store.commands.set(c.id, c); });
      quarantineBody.replaceChildren(...quarantine.map((q) => el('tr', {},
        el('td', { text: time(q.receivedAt) }), el('td', { text: String(q.seq) }),
        el('td', { text: q.code + ': ' + q.message }), el('td', {}, el('code', { text: q.payload })))));
      renderAlerts();
      renderCommands();
    }

    async function rotate() {
      try {
        const device = await api.post('/api/devices/' + enc(id) + '/token');
        showToken(device.token);
      } catch (e) { notice(e.message); }
    }

    async function revoke() {
      if (!confirm('Revoke the token of ' + id + '? Its connection closes and it cannot connect until it gets a new token.')) return;
      try {
        await api.del('/api/devices/' + enc(id) + '/token');
        notice('The token of ' + id + ' is revoked.');
      } catch (e) { notice(e.message); }
    }

    function showToken(token) {
      document.getElementById('token-shown').replaceChildren(tokenPanel(token));
    }

    const offDevices = on('devices', (ids) => { if (ids.has(id)) renderHeader(); });
    const offReading = on('reading', (messages) => {
      if (range.to) return;
      for (const m of messages) {
        if (m.deviceId !== id) continue;
        for (const [name, value] of Object.entries(m.metrics || {})) {
          const chart = charts.get(name);
          if (chart) chart.add(m.ts, value);
        }
      }
      charts.forEach((c) => { if (c.dirty) c.redraw(); });
    });
    const offAlerts = on('alerts', renderAlerts);
    const offCommands = on('commands', renderCommands);
    const resize = () => charts.forEach((c) => c.resize(chartBox.clientWidth));
    window.addEventListener('resize', resize);

    renderHeader();
    loadHistory();
    loadLists().catch((e) => notice(e.message));
    return () => {
      offDevices(); offReading(); offAlerts(); offCommands();
      window.removeEventListener('resize', resize);
      charts.forEach((c) => c.destroy());
    };
  };
}

/** A token shown once, with a copy button and the warning that it will not be shown again. */
export function tokenPanel(token) {
  const value = el('input', { id: 'new-token', readonly: true, value: token, 'aria-label': 'device token' });
  return el('div', { class: 'token-panel', role: 'status' },
    el('p', { class: 'warning', text: 'Copy this token now: it is shown only once and cannot be read back.' }),
    value,
    el('button', { type: 'button', text: 'Copy', onclick: () => {
      value.select();
      (navigator.clipboard ? navigator.clipboard.writeText(token) : Promise.reject()).then(
        () => notice('Token copied.'), () => { document.execCommand('copy'); notice('Token copied.'); });
    } }));
}
