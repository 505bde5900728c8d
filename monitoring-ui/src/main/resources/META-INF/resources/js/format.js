// Times as operators read them: the date is shown unless it is today; all times are the server's
// (epoch milliseconds from the server), shown in the browser's time zone.

const pad = (n) => String(n).padStart(2, '0');

export function time(ms) {
  if (!ms) return '—';
  const d = new Date(ms);
  const today = new Date();
  const clock = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  if (d.toDateString() === today.toDateString()) return clock;
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + clock;
}

/** "12 s ago" against the server's clock (skew measured from the last event that carried server time). */
export function ago(ms, serverNow) {
  if (!ms) return 'never';
  const s = Math.max(0, Math.round((serverNow - ms) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return Math.floor(s / 86400) + ' d ago';
}

export function number(v) {
  if (typeof v !== 'number') return '—';
  return String(Math.round(v * 100) / 100);
}

/** An element with text and attributes, children appended. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}
