// The alert work queue: active, acknowledged and cleared alerts, filtered by severity and
// device; acknowledge one or several at once with a note; who acknowledged and when.

import { api } from './api.js';
import { store, on, canOperate, applyAlert } from './store.js';
import { el, time } from './format.js';
import { notice } from './ui.js';

const state = { tab: 'ACTIVE', severity: '', device: '' };

export function alertsView(focusId) {
  return (root) => {
    const selected = new Set();
    const tabs = ['ACTIVE', 'ACKNOWLEDGED', 'CLEARED'].map((tab) => el('button', {
      type: 'button', role: 'tab', class: 'tab', dataset: { tab }, text: tab.toLowerCase(),
      'aria-selected': String(tab === state.tab), onclick: () => { state.tab = tab; selected.clear(); load(); },
    }));
    const severity = el('select', { id: 'alert-severity' }, ['', 'CRITICAL', 'WARNING', 'INFO']
      .map((s) => el('option', { value: s, text: s || 'any', selected: s === state.severity })));
    const device = el('input', { id: 'alert-device', type: 'search', placeholder: 'device id', value: state.device });
    const note = el('input', { id: 'ack-note', placeholder: 'note (optional)', maxlength: 1000 });
    const ackSelected = el('button', { type: 'button', id: 'ack-selected', text: 'Acknowledge selected' });
    const all = el('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'select all shown' });
    const body = el('tbody');
    root.append(el('h2', { text: 'Alerts' }),
      el('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Alert state' }, tabs),
      el('div', { class: 'toolbar' }, el('label', {}, 'Severity ', severity), el('label', {}, 'Device ', device),
        el('span', { class: 'operator-only' }, el('label', {}, 'Note ', note), ackSelected)),
      el('div', { class: 'scroll' }, el('table', { id: 'alerts' },
        el('thead', {}, el('tr', {}, el('th', { class: 'operator-only' }, all),
          ['Raised', 'Severity', 'Device', 'Condition', 'Value', 'State', 'Acknowledged by', 'Cleared', '']
            .map((h) => el('th', { scope: 'col', text: h })))), body)),
      el('p', { id: 'no-alerts', class: 'empty', text: 'No alerts here.', hidden: true }));

    function shown() {
      const q = state.device.trim().toLowerCase();
      return [...store.alerts.values()]
        .filter((a) => a.state === state.tab && (!state.severity || a.severity === state.severity)
          && (!q || a.deviceId.toLowerCase().includes(q)))
        .sort((a, b) => b.raisedAt - a.raisedAt).slice(0, 500);
    }

    function render() {
      tabs.forEach((t) => t.setAttribute('aria-selected', String(t.dataset.tab === state.tab)));
      const list = shown();
      body.replaceChildren(...list.map((a) => {
        const box = el('input', { type: 'checkbox', 'aria-label': 'select alert ' + a.id, checked: selected.has(a.id),
          onchange: (e) => { if (e.target.checked) selected.add(a.id); else selected.delete(a.id); } });
        return el('tr', { dataset: { alertId: a.id, deviceId: a.deviceId }, class: a.id === focusId ? 'focus' : null },
          el('td', { class: 'operator-only' }, a.state === 'ACTIVE' ? box : ''),
          el('td', { text: time(a.raisedAt) }),
          el('td', { class: 'sev-' + a.severity, text: a.severity }),
          el('td', {}, el('a', { href: '#/devices/' + encodeURIComponent(a.deviceId), text: a.deviceId })),
          el('td', { text: a.message }),
          el('td', { text: a.value === null || a.value === undefined ? '—' : String(a.value) }),
          el('td', { text: a.state.toLowerCase() + (a.silenced ? ', silenced' : ''),
            title: a.silenced ? 'A silence covers this device: nobody is notified' : null }),
          el('td', { text: a.acknowledgedBy ? a.acknowledgedBy + ' at ' + time(a.acknowledgedAt) + (a.note ? ' — ' + a.note : '')
            : a.state === 'CLEARED' ? 'never acknowledged' : '—' }),
          el('td', { text: time(a.clearedAt) }),
          el('td', { class: 'operator-only' }, a.state === 'ACTIVE'
            ? el('button', { type: 'button', class: 'ack', text: 'Acknowledge', onclick: () => acknowledge([a.id]) }) : ''));
      }));
      document.getElementById('no-alerts').hidden = list.length > 0;
    }

    async function acknowledge(ids) {
      if (!canOperate() || ids.length === 0) return;
      const body = note.value.trim() ? { note: note.value.trim() } : {};
      const results = await Promise.allSettled(ids.map((id) => api.post('/api/alerts/' + id + '/ack', body)));
      const failed = results.filter((r) => r.status === 'rejected');
      results.filter((r) => r.status === 'fulfilled').forEach((r) => applyAlert(r.value));
      selected.clear();
      note.value = '';
      notice((ids.length - failed.length) + ' acknowledged' + (failed.length ? ', ' + failed.length + ' not: ' + failed[0].reason.message : ''));
    }

    async function load() {
      if (focusId) {
        // The link of a notification: show the alert's own tab, and the alert marked in it.
        try {
          const alert = await api.get('/api/alerts/' + focusId);
          applyAlert(alert, true);
          state.tab = alert.state;
        } catch (e) { notice('Alert #' + focusId + ': ' + e.message); }
      }
      render();
      try {
        // Older alerts than the snapshot's; a live event that arrived meanwhile is newer and stays.
        (await api.get('/api/alerts?state=' + state.tab + '&limit=1000')).forEach((a) => {
          const known = store.alerts.get(a.id);
          if (!known || known.state === a.state) applyAlert(a, true);
        });
      } catch (e) { notice(e.message); }
      render();
      const focused = focusId && body.querySelector('tr.focus');
      if (focused) focused.scrollIntoView({ block: 'center' });
    }

    severity.onchange = () => { state.severity = severity.value; render(); };
    device.oninput = () => { state.device = device.value; render(); };
    ackSelected.onclick = () => acknowledge([...selected]);
    all.onchange = () => { shown().filter((a) => a.state === 'ACTIVE').forEach((a) => all.checked ? selected.add(a.id) : selected.delete(a.id)); render(); };
    const off = on('alerts', render);
    load();
    return off;
  };
}
