// Fleet overview: every device with its state, last seen (server time), open alerts, latest
// values and a sparkline of one chosen metric; search, filter, sort, and pages of 50 rows.
// Only the rows on the page exist in the DOM; a reading touches only its own row, once per frame.

import { store, on, openAlerts, serverNow } from './store.js';
import { el, ago, time, number } from './format.js';

const PAGE = 50;
const state = { query: '', filter: 'all', sort: 'id', metric: '', page: 0 };

export function fleetView() {
  return (root) => {
    const search = el('input', { id: 'fleet-search', type: 'search', placeholder: 'id or name', value: state.query });
    const filter = el('select', { id: 'fleet-filter' },
      ['all', 'online', 'offline', 'alerting'].map((f) => el('option', { value: f, text: f, selected: f === state.filter })));
    const sort = el('select', { id: 'fleet-sort' },
      [['id', 'id'], ['name', 'name'], ['lastSeen', 'last seen'], ['alerts', 'open alerts']]
        .map(([v, t]) => el('option', { value: v, text: t, selected: v === state.sort })));
    const metric = el('select', { id: 'fleet-metric' });
    const summary = el('span', { id: 'fleet-summary', class: 'summary', 'aria-live': 'polite' });
    const prev = el('button', { type: 'button', id: 'fleet-prev', text: '‹ Previous' });
    const next = el('button', { type: 'button', id: 'fleet-next', text: 'Next ›' });
    const body = el('tbody');
    const table = el('table', { id: 'devices', class: 'fleet' },
      el('thead', {}, el('tr', {}, ['Device', 'Status', 'Last seen', 'Alerts', 'Latest values', 'Trend']
        .map((h) => el('th', { scope: 'col', text: h })))), body);
    root.append(
      el('h2', { text: 'Fleet' }),
      el('div', { class: 'toolbar' },
        el('label', {}, 'Search ', search), el('label', {}, 'Show ', filter), el('label', {}, 'Sort by ', sort),
        el('label', {}, 'Trend of ', metric), summary),
      el('div', { class: 'scroll' }, table),
      el('div', { class: 'pager' }, prev, next),
      el('p', { id: 'no-devices', class: 'empty', text: 'No devices match.', hidden: true }));

    let visible = [];
    const rows = new Map();   // id -> tr on the current page

    function metricsKnown() {
      const names = new Set();
      for (const d of store.devices.values()) Object.keys(d.metrics || {}).forEach((n) => names.add(n));
      return [...names].sort();
    }

    function refreshMetricChoice() {
      const names = metricsKnown();
      if (!state.metric && names.length) state.metric = names.includes('temperature') ? 'temperature' : names[0];
      if (metric.options.length !== names.length) {
        metric.replaceChildren(...names.map((n) => el('option', { value: n, text: n, selected: n === state.metric })));
      }
    }

    function matches(d) {
      const q = state.query.trim().toLowerCase();
      if (q && !d.id.toLowerCase().includes(q) && !(d.name || '').toLowerCase().includes(q)) return false;
      if (state.filter === 'online') return d.online;
      if (state.filter === 'offline') return !d.online;
      if (state.filter === 'alerting') return openAlerts(d.id) > 0;
      return true;
    }

    function recompute() {
      const list = [...store.devices.values()].filter(matches);
      const alerts = state.sort === 'alerts' ? new Map(list.map((d) => [d.id, openAlerts(d.id)])) : null;
      const by = {
        id: (a, b) => a.id.localeCompare(b.id),
        name: (a, b) => (a.name || '').localeCompare(b.name || '') || a.id.localeCompare(b.id),
        lastSeen: (a, b) => (b.lastSeen || 0) - (a.lastSeen || 0) || a.id.localeCompare(b.id),
        alerts: (a, b) => alerts.get(b.id) - alerts.get(a.id) || a.id.localeCompare(b.id),
      }[state.sort];
      visible = list.sort(by).map((d) => d.id);
      const pages = Math.max(1, Math.ceil(visible.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      summary.textContent = visible.length + ' of ' + store.devices.size + ' devices · page ' + (state.page + 1) + ' of ' + pages;
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      renderPage();
    }

    function renderPage() {
      const ids = visible.slice(state.page * PAGE, (state.page + 1) * PAGE);
      rows.clear();
      body.replaceChildren(...ids.map((id) => {
        const row = el('tr', { dataset: { deviceId: id } });
        rows.set(id, row);
        fill(row, store.devices.get(id));
        return row;
      }));
      document.getElementById('no-devices').hidden = ids.length > 0;
    }

    function fill(row, d) {
      const count = openAlerts(d.id);
      row.replaceChildren(
        el('td', {}, el('a', { href: '#/devices/' + encodeURIComponent(d.id), text: d.name && d.name !== d.id ? d.name + ' (' + d.id + ')' : d.id })),
        el('td', { class: d.online ? 'status-online' : 'status-offline', text: d.online ? 'online' : 'offline' }),
        el('td', { title: time(d.lastSeen), text: ago(d.lastSeen, serverNow()) }),
        el('td', { class: count ? 'alerting' : '', text: String(count) }),
        el('td', { class: 'metrics' }, Object.keys(d.metrics || {}).sort().map((name) =>
          el('span', { class: 'metric', dataset: { metric: name } }, el('b', { text: name + ': ' }), number(d.metrics[name])))),
        el('td', {}, sparkline(d.spark.get(state.metric))));
    }

    const offDevices = on('devices', (ids) => {
      for (const id of ids) {
        const row = rows.get(id);
        const device = store.devices.get(id);
        if (row && device) fill(row, device); // a device a snapshot dropped goes with the 'fleet' change
      }
    });
    const offFleet = on('fleet', () => { refreshMetricChoice(); recompute(); });
    const offAlerts = on('alerts', () => { if (state.filter === 'alerting' || state.sort === 'alerts') recompute(); });
    // Dynamic orders and "ago" texts move with time, not with events.
    const tick = setInterval(() => {
      if (state.sort === 'lastSeen' || state.filter !== 'all') recompute();
      else for (const [id, row] of rows) if (store.devices.has(id)) row.children[2].textContent = ago(store.devices.get(id).lastSeen, serverNow());
    }, 1000);

    search.oninput = () => { state.query = search.value; state.page = 0; recompute(); };
    filter.onchange = () => { state.filter = filter.value; state.page = 0; recompute(); };
    sort.onchange = () => { state.sort = sort.value; recompute(); };
    metric.onchange = () => { state.metric = metric.value; renderPage(); };
    prev.onclick = () => { state.page--; recompute(); };
    next.onclick = () => { state.page++; recompute(); };

    refreshMetricChoice();
    recompute();
    return () => { offDevices(); offFleet(); offAlerts(); clearInterval(tick); };
  };
}

/** A small inline trend of the last readings (a glyph, not a chart: the charts are uPlot's). */
function sparkline(points) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 100 24');
  svg.setAttribute('aria-hidden', 'true');
  if (points && points.length > 1) {
    const lo = Math.min(...points);
    const hi = Math.max(...points);
    const span = hi - lo || 1;
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points.map((v, i) =>
      (i * 100 / (points.length - 1)).toFixed(1) + ',' + (22 - (v - lo) * 20 / span).toFixed(1)).join(' '));
    svg.append(line);
  }
  return svg;
}
