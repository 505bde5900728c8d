// Small shared pieces of the page's chrome: the passing notice line.

export function notice(text) {
  const el = document.getElementById('notice');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { el.hidden = true; }, 8000);
}
