// Devices admin: register a device (its token shown once, with a copy button and a warning),
// and the audit log of who did what. Revoking or rotating a token is on each device's page.

import { api } from './api.js';
import { upsertDevice } from './store.js';
import { el, time } from './format.js';
import { tokenPanel } from './device.js';

export function adminView() {
  return (root) => {
    const id = el('input', { id: 'register-id', required: true, pattern: '[A-Za-z0-9_.\\-]{1,64}', autocomplete: 'off' });
    const name = el('input', { id: 'register-name', autocomplete: 'off' });
    const error = el('p', { id: 'register-error', class: 'field-error', role: 'alert' });
    const shown = el('div', { id: 'register-token' });
    const form = el('form', { id: 'register-form', class: 'operator-only inline-form' },
      el('label', {}, 'Device id ', id), el('label', {}, 'Name ', name),
      el('button', { type: 'submit', text: 'Register device' }), error, shown);
    const auditBody = el('tbody');
    const throttled = el('p', { id: 'sign-in-throttles' });
    root.append(el('h2', { text: 'Devices' }),
      el('section', { class: 'operator-only', 'aria-labelledby': 'register-title' },
        el('h3', { id: 'register-title', text: 'Register a device' }), form),
      el('section', { 'aria-labelledby': 'throttles-title' },
        el('h3', { id: 'throttles-title', text: 'Failed sign-ins held back' }), throttled),
      el('section', { 'aria-labelledby': 'audit-title' }, el('h3', { id: 'audit-title', text: 'Audit log' }),
        el('div', { class: 'scroll' }, el('table', { id: 'audit' }, el('thead', {}, el('tr', {},
          ['When', 'Who', 'What', 'On', 'Detail'].map((h) => el('th', { scope: 'col', text: h })))), auditBody))));

    form.onsubmit = async (event) => {
      event.preventDefault();
      error.textContent = '';
      shown.replaceChildren();
      try {
        const device = await api.post('/api/devices', { id: id.value.trim(), name: name.value.trim() || null });
        upsertDevice({ id: device.id, name: device.name, online: false });
        shown.replaceChildren(el('p', {}, 'Registered ', el('a', { href: '#/devices/' + encodeURIComponent(device.id), text: device.id }), '.'),
          tokenPanel(device.token));
        id.value = '';
        name.value = '';
        loadAudit();
      } catch (e) {
        error.textContent = e.message;
      }
    };

    async function loadAudit() {
      const entries = await api.get('/api/audit?limit=100');
      auditBody.replaceChildren(...entries.map((e) => el('tr', {},
        el('td', { text: time(e.at) }), el('td', { text: e.actor }), el('td', { text: e.action }),
        el('td', { text: e.target }), el('td', { text: e.detail || '' }))));
    }
    // Names and addresses that failed to sign in too often wait before their next try is checked.
    async function loadThrottles() {
      const list = await api.get('/api/operators/sign-in-throttles');
      throttled.textContent = list.length === 0 ? 'None: no name or address is being held back.'
        : list.map((t) => (t.username ? t.username + ' from ' : 'every name from ') + t.address + ': '
          + t.failures + ' failures, next try in ' + Math.ceil(t.retryAfterMillis / 1000) + ' s').join('; ');
    }
    loadAudit().catch(() => {});
    loadThrottles().catch(() => {});
    return null;
  };
}
