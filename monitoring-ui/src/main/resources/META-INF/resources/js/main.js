// The admin page: a hash router over six views, the header (connection, who, sound), the
// stale-data banner and the cue for new CRITICAL alerts. Views live in their own modules and
// render into <main>; each returns a function that tears it down when the route changes.

import { store, on, openAlerts } from './store.js';
import { connect } from './live.js';
import { api } from './api.js';
import { time } from './format.js';
import { notice } from './ui.js';
import { fleetView } from './fleet.js';
import { deviceView } from './device.js';
import { alertsView } from './alerts.js';
import { rulesView } from './rules.js';
import { adminView } from './admin.js';
import { notificationsView } from './notifications.js';

const $ = (id) => document.getElementById(id);
let teardown = null;

const routes = [
  [/^#\/devices\/([^/]+)$/, (m) => deviceView(decodeURIComponent(m[1]))],
  [/^#\/alerts$/, () => alertsView()],
  [/^#\/alerts\/(\d+)$/, (m) => alertsView(Number(m[1]))],
  [/^#\/notifications$/, () => notificationsView()],
  [/^#\/rules$/, () => rulesView()],
  [/^#\/admin$/, () => adminView()],
  [/^(#\/fleet)?$/, () => fleetView()],
];

function route() {
  if (teardown) teardown();
  const view = $('view');
  view.replaceChildren();
  const hash = location.hash || '#/fleet';
  for (const [pattern, make] of routes) {
    const m = hash.match(pattern);
    if (m) {
      teardown = make(m)(view) || null;
      const name = hash.split('/')[1] || 'fleet';
      document.querySelectorAll('header nav a').forEach((a) =>
        a.setAttribute('aria-current', a.dataset.view === (name === 'devices' ? 'fleet' : name) ? 'page' : 'false'));
      return;
    }
  }
  location.hash = '#/fleet';
}

function showConnection() {
  const c = store.connection;
  const el = $('connection');
  el.className = 'connection ' + c.state;
  el.dataset.state = c.state;
  el.textContent = c.state === 'online' ? 'live'
    : c.state === 'offline' ? 'disconnected (' + c.lastClose + '), retrying in ' + c.retryIn + ' s' : c.state + '…';
  const stale = $('stale');
  stale.hidden = !c.staleSince;
  if (c.staleSince) stale.textContent = 'Connection lost: data may be stale since ' + time(c.staleSince) + '.';
}

// A new CRITICAL alert: a banner that stays until dismissed, and a short tone unless muted.
let muted = localStorage.getItem('vigil.muted') === 'true';
function showMute() {
  $('mute').textContent = muted ? 'Sound off' : 'Sound on';
  $('mute').setAttribute('aria-pressed', String(muted));
}
function critical(alerts) {
  const raised = [...alerts].filter((a) => a.severity === 'CRITICAL');
  if (raised.length === 0) return;
  const banner = $('critical');
  banner.replaceChildren();
  const a = raised[raised.length - 1];
  const link = document.createElement('a');
  link.href = '#/devices/' + encodeURIComponent(a.deviceId);
  link.textContent = a.deviceId;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.onclick = () => { banner.hidden = true; };
  banner.append('CRITICAL: ', link, ' — ' + a.message + ' (' + time(a.raisedAt) + ') ', close);
  banner.hidden = false;
  if (!muted) beep();
}
function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch (e) { /* no audio here */ }
}

async function whoAmI() {
  store.me = await api.get('/api/operators/me');
  document.body.classList.toggle('viewer', store.me.role !== 'operator');
  $('who').textContent = store.me.username + ' (' + store.me.role + ')';
}

on('connection', showConnection);
on('alerts', () => { $('alert-count').textContent = openAlerts(); });
on('raised', critical);
on('notice', (texts) => notice([...texts].join(' ')));
$('mute').onclick = () => { muted = !muted; localStorage.setItem('vigil.muted', String(muted)); showMute(); };
setInterval(showConnection, 5000);
showMute();

// Views render only once the page knows who is signed in (and so which controls to show).
whoAmI().then(() => {
  route();
  window.addEventListener('hashchange', route);
  connect();
}).catch((e) => notice('Could not load the page: ' + e.message));

