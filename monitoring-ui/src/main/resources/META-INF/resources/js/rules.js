// The rules editor: threshold rules listed, created, edited and deleted, with the server's
// validation messages shown next to the field they are about, and a preview of how many
// devices a rule applies to (and how many of them report its metric).

import { api } from './api.js';
import { store, canOperate } from './store.js';
import { el } from './format.js';
import { notice } from './ui.js';

const FIELDS = ['metric', 'op', 'threshold', 'clearThreshold', 'forSeconds', 'severity', 'deviceId'];

export function rulesView() {
  return (root) => {
    let editing = null;
    const body = el('tbody');
    const inputs = {
      metric: el('input', { id: 'rule-metric', required: true, placeholder: 'temperature', autocomplete: 'off' }),
      op: el('select', { id: 'rule-op' }, ['>', '>=', '<', '<='].map((o) => el('option', { value: o, text: o }))),
      threshold: el('input', { id: 'rule-threshold', type: 'number', step: 'any', required: true }),
      clearThreshold: el('input', { id: 'rule-clearThreshold', type: 'number', step: 'any', placeholder: 'same as threshold' }),
      forSeconds: el('input', { id: 'rule-forSeconds', type: 'number', min: 0, step: 1, value: 0 }),
      severity: el('select', { id: 'rule-severity' }, ['CRITICAL', 'WARNING', 'INFO'].map((s) => el('option', { value: s, text: s, selected: s === 'WARNING' }))),
      deviceId: el('input', { id: 'rule-deviceId', placeholder: 'every device', list: 'rule-devices', autocomplete: 'off' }),
    };
    const errors = Object.fromEntries(FIELDS.map((f) => [f, el('span', { id: 'rule-' + f + '-error', class: 'field-error', role: 'alert' })]));
    const labels = { metric: 'Metric', op: 'Condition', threshold: 'Threshold', clearThreshold: 'Clears at', forSeconds: 'Held for (s)', severity: 'Severity', deviceId: 'Device' };
    const preview = el('p', { id: 'rule-preview', class: 'summary', 'aria-live': 'polite' });
    const title = el('h3', { text: 'New rule' });
    const save = el('button', { type: 'submit', id: 'rule-save', text: 'Create rule' });
    const cancel = el('button', { type: 'button', text: 'Cancel', hidden: true, onclick: () => edit(null) });
    const form = el('form', { id: 'rule-form', class: 'operator-only rule-form', novalidate: true }, title,
      FIELDS.map((f) => el('div', { class: 'field' }, el('label', { for: inputs[f].id, text: labels[f] }), inputs[f], errors[f])),
      el('datalist', { id: 'rule-devices' }, [...store.devices.keys()].slice(0, 1000).map((id) => el('option', { value: id }))),
      preview, el('div', {}, save, cancel));

    root.append(el('h2', { text: 'Rules' }),
      el('div', { class: 'scroll' }, el('table', { id: 'rules' }, el('thead', {}, el('tr', {},
        ['Rule', 'Condition', 'Clears at', 'Held for', 'Severity', 'Applies to', ''].map((h) => el('th', { scope: 'col', text: h })))), body)),
      el('p', { id: 'no-rules', class: 'empty', text: 'No rules yet.', hidden: true }), form);

    function appliesTo(metric, deviceId) {
      const devices = deviceId ? [store.devices.get(deviceId)].filter(Boolean) : [...store.devices.values()];
      const reporting = devices.filter((d) => metric && d.metrics && metric in d.metrics).length;
      return { devices: devices.length, reporting };
    }

    function describe(metric, deviceId) {
      const a = appliesTo(metric, deviceId);
      return (deviceId ? (a.devices ? deviceId : 'no registered device ' + deviceId) : 'every device (' + a.devices + ')')
        + ', ' + a.reporting + ' reporting ' + (metric || 'its metric');
    }

    async function load() {
      try {
        const rules = await api.get('/api/rules');
        body.replaceChildren(...rules.map((r) => el('tr', { dataset: { ruleId: r.id } },
          el('td', { text: '#' + r.id + ' ' + r.metric }), el('td', { text: r.metric + ' ' + r.op + ' ' + r.threshold }),
          el('td', { text: r.clearThreshold === null || r.clearThreshold === undefined ? String(r.threshold) : String(r.clearThreshold) }),
          el('td', { text: r.forSeconds + ' s' }), el('td', { class: 'sev-' + r.severity, text: r.severity }),
          el('td', { text: describe(r.metric, r.deviceId) }),
          el('td', { class: 'operator-only' },
            el('button', { type: 'button', class: 'edit', text: 'Edit', onclick: () => edit(r) }),
            el('button', { type: 'button', class: 'danger delete', text: 'Delete', onclick: () => remove(r) })))));
        document.getElementById('no-rules').hidden = rules.length > 0;
      } catch (e) { notice(e.message); }
    }

    function edit(rule) {
      editing = rule;
      title.textContent = rule ? 'Edit rule #' + rule.id : 'New rule';
      save.textContent = rule ? 'Save rule' : 'Create rule';
      cancel.hidden = !rule;
      for (const f of FIELDS) {
        const v = rule ? rule[f] : { forSeconds: 0, severity: 'WARNING', op: '>' }[f];
        inputs[f].value = v === null || v === undefined ? '' : String(v);
        errors[f].textContent = '';
      }
      showPreview();
      if (rule) inputs.metric.focus();
    }

    function showPreview() {
      preview.textContent = 'Applies to ' + describe(inputs.metric.value.trim(), inputs.deviceId.value.trim());
    }

    function body_() {
      const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
      return {
        metric: inputs.metric.value.trim(), op: inputs.op.value, threshold: number(inputs.threshold),
        clearThreshold: number(inputs.clearThreshold), forSeconds: number(inputs.forSeconds) ?? 0,
        severity: inputs.severity.value, deviceId: inputs.deviceId.value.trim() || null,
      };
    }

    form.onsubmit = async (event) => {
      event.preventDefault();
      FIELDS.forEach((f) => { errors[f].textContent = ''; });
      try {
        const saved = editing ? await api.put('/api/rules/' + editing.id, body_()) : await api.post('/api/rules', body_());
        notice((editing ? 'Saved' : 'Created') + ' rule #' + saved.id + '.');
        edit(null);
        load();
      } catch (e) {
        // The server lists its problems as "field must ...; field must ..."; each goes next to its field.
        const unplaced = [];
        for (const problem of e.message.split('; ')) {
          const field = FIELDS.find((f) => problem.startsWith(f + ' '));
          if (field) errors[field].textContent = problem;
          else unplaced.push(problem);
        }
        if (unplaced.length) errors.metric.textContent = unplaced.join('; ');
      }
    };

    async function remove(rule) {
      if (!canOperate() || !confirm('Delete rule #' + rule.id + ' (' + rule.metric + ' ' + rule.op + ' ' + rule.threshold + ')? Its open alerts are cleared.')) return;
      try {
        await api.del('/api/rules/' + rule.id);
        notice('Deleted rule #' + rule.id + '.');
        load();
      } catch (e) { notice(e.message); }
    }

    inputs.metric.oninput = showPreview;
    inputs.deviceId.oninput = showPreview;
    edit(null);
    load();
    return null;
  };
}
