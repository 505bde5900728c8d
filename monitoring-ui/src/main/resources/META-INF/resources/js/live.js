// The monitor socket (PROTOCOL.md section 6): snapshot, then events with increasing eventIds.
// It reconnects by itself with exponential backoff and full jitter, and sends "resume" with the
// last eventId it saw so that nothing in between is missed. A refused upgrade (a page whose
// session ended) shows as close 1006; the page then asks the REST API, which sends it to the login.

import { api } from './api.js';
import { store, upsertDevice, applyReading, applyAlert, applyCommand, setConnection, changed, replaceDevices,
  replaceOpenAlerts } from './store.js';

let socket = null;
let attempt = 0;
let lastEventId = null;
let timer = 0;

function url() {
  return (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/ws/monitor';
}

export function connect() {
  clearTimeout(timer);
  setConnection(attempt === 0 ? 'connecting' : 'reconnecting');
  socket = new WebSocket(url());
  socket.onopen = () => {
    attempt = 0;
    setConnection('online');
    if (lastEventId !== null) send({ type: 'resume', lastEventId });
  };
  socket.onmessage = (event) => handle(JSON.parse(event.data));
  socket.onclose = (event) => {
    if (event.code === 1006) api.get('/api/operators/me').catch(() => {});
    const delay = Math.min(30000, 1000 * 2 ** attempt) * Math.random() + 250;
    attempt++;
    store.connection.retryIn = Math.round(delay / 1000);
    store.connection.lastClose = event.code;
    setConnection('offline');
    timer = setTimeout(connect, delay);
  };
}

export function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(message));
    return true;
  }
  return false;
}

// A snapshot replaces what the page shows: what it no longer lists is gone. It is bounded
// (vigil.monitor.snapshotMaxDevices, snapshotMaxAlerts); when it says there are more, the full
// lists come from REST and replace instead.
function applySnapshot(message) {
  if ((message.devicesTotal || 0) > message.devices.length) {
    message.devices.forEach(upsertDevice);
    api.get('/api/devices').then(replaceDevices).catch(console.error);
  } else {
    replaceDevices(message.devices);
  }
  if ((message.alertsTotal || 0) > message.alerts.length) {
    message.alerts.forEach((a) => applyAlert(a, true));
    Promise.all(['ACTIVE', 'ACKNOWLEDGED'].map((state) => api.get('/api/alerts?state=' + state + '&limit=1000')))
      .then((lists) => replaceOpenAlerts(lists.flat())).catch(console.error);
  } else {
    replaceOpenAlerts(message.alerts);
  }
  changed('fleet', 'snapshot');
}

function handle(message) {
  if (typeof message.eventId === 'number') {
    lastEventId = lastEventId === null ? message.eventId : Math.max(lastEventId, message.eventId);
  }
  switch (message.type) {
    case 'snapshot':
      applySnapshot(message);
      break;
    case 'reading':
      applyReading(message);
      break;
    case 'alert':
      applyAlert(message.alert);
      break;
    case 'device':
      upsertDevice({ id: message.deviceId, online: message.online, lastSeen: message.lastSeen });
      changed('fleet', 'status');
      break;
    case 'command_sent':
    case 'command_accepted':
      applyCommand(message.command);
      break;
    case 'command_result':
      applyCommand({ id: message.id, deviceId: message.deviceId, status: message.outcome || (message.status === 'ok' ? 'OK' : 'ERROR'),
        result: message.result, completedAt: message.completedAt, name: message.name });
      break;
    case 'error':
      changed('notice', message.message || message.code);
      break;
    default:
      break;
  }
}
