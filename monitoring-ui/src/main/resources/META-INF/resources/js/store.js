// What the page knows, fed by the monitor socket (snapshot, then events) and by REST where the
// snapshot is bounded. Views subscribe to changes; changes are delivered at most once per
// animation frame, as sets of what changed, so 500 readings a second cost one render a frame.

const SPARK_POINTS = 60;

export const store = {
  devices: new Map(),     // id -> {id, name, online, lastSeen, metrics, spark: Map(metric -> number[])}
  alerts: new Map(),      // id -> alert (every state seen since the page loaded)
  open: new Map(),        // deviceId -> Set(ids of its alerts that are not cleared)
  commands: new Map(),    // id -> command
  me: { username: '', role: 'viewer' },
  serverOffset: 0,        // server clock minus browser clock, from the Date header of REST answers
  connection: { state: 'connecting', staleSince: null },
};

// The page's own counters, readable in the browser's console as vigil.stats: readings handled and the
// delay of the last 10,000 from their device's ts to the page (same-clock setups, e.g. the benchmark).
export const stats = { readings: 0, delays: [] };
window.vigil = { stats };

const listeners = new Map();   // kind -> Set(fn)
const pending = new Map();     // kind -> Set(changed keys) | true
let frame = 0;

export function on(kind, fn) {
  if (!listeners.has(kind)) listeners.set(kind, new Set());
  listeners.get(kind).add(fn);
  return () => listeners.get(kind).delete(fn);
}

/** Marks {@code key} of {@code kind} changed; listeners hear of it on the next animation frame. */
export function changed(kind, key) {
  if (!pending.has(kind)) pending.set(kind, new Set());
  pending.get(kind).add(key);
  if (!frame) frame = requestAnimationFrame(flush);
}

function flush() {
  frame = 0;
  const batch = new Map(pending);
  pending.clear();
  for (const [kind, keys] of batch) {
    for (const fn of listeners.get(kind) || []) {
      try { fn(keys); } catch (e) { console.error(e); }
    }
  }
}

export function serverNow() {
  return Date.now() + store.serverOffset;
}

export function canOperate() {
  return store.me.role === 'operator';
}

export function upsertDevice(d) {
  const known = store.devices.get(d.id);
  const device = known || { id: d.id, name: d.name || d.id, online: false, lastSeen: null, metrics: {}, spark: new Map() };
  if (d.name) device.name = d.name;
  if (typeof d.online === 'boolean') device.online = d.online;
  if (d.lastSeen !== undefined && d.lastSeen !== null) device.lastSeen = Math.max(device.lastSeen || 0, d.lastSeen);
  if (d.metrics) device.metrics = Object.assign({}, device.metrics, d.metrics);
  store.devices.set(d.id, device);
  changed('devices', d.id);
  if (!known) changed('fleet', 'added');
  return device;
}

/**
 * Makes the device list exactly {@code list} (a complete one: a snapshot that holds every device, or
 * the REST list): devices it no longer has are dropped, the others updated.
 */
export function replaceDevices(list) {
  const keep = new Set(list.map((d) => d.id));
  for (const id of [...store.devices.keys()]) {
    if (!keep.has(id)) {
      store.devices.delete(id);
      changed('devices', id);
      changed('fleet', 'removed');
    }
  }
  list.forEach(upsertDevice);
}

/**
 * Makes the open alerts exactly {@code list} (every alert not cleared, from a snapshot or REST): an
 * alert the page held open that is not in it was cleared (or removed) while the page was away, and goes.
 */
export function replaceOpenAlerts(list) {
  const keep = new Set(list.map((a) => a.id));
  for (const [id, alert] of [...store.alerts]) {
    if (alert.state !== 'CLEARED' && !keep.has(id)) {
      store.alerts.delete(id);
      if (store.open.has(alert.deviceId)) store.open.get(alert.deviceId).delete(id);
      changed('alerts', id);
      changed('devices', alert.deviceId);
    }
  }
  list.forEach((a) => applyAlert(a, true));
}

export function applyReading(message) {
  stats.readings++;
  stats.delays.push(Date.now() - message.ts);
  if (stats.delays.length > 10000) stats.delays.splice(0, 5000);
  const device = store.devices.get(message.deviceId) || upsertDevice({ id: message.deviceId });
  device.metrics = Object.assign({}, device.metrics, message.metrics);
  device.online = true;
  for (const [name, value] of Object.entries(message.metrics || {})) {
    let points = device.spark.get(name);
    if (!points) device.spark.set(name, points = []);
    points.push(value);
    if (points.length > SPARK_POINTS) points.shift();
  }
  changed('devices', device.id);
  changed('reading', message);
}

/** An alert's new state; {@code quiet} for alerts that were there before the page looked (no cue). */
export function applyAlert(alert, quiet) {
  const before = store.alerts.get(alert.id);
  store.alerts.set(alert.id, alert);
  if (!store.open.has(alert.deviceId)) store.open.set(alert.deviceId, new Set());
  if (alert.state === 'CLEARED') store.open.get(alert.deviceId).delete(alert.id);
  else store.open.get(alert.deviceId).add(alert.id);
  changed('alerts', alert.id);
  changed('devices', alert.deviceId);
  if (!before && !quiet && alert.state === 'ACTIVE') changed('raised', alert);
}

export function applyCommand(command) {
  store.commands.set(command.id, Object.assign(store.commands.get(command.id) || {}, command));
  changed('commands', command.id);
}

/** Open (not cleared) alerts of one device, or of all devices. */
export function openAlerts(deviceId) {
  if (deviceId) return store.open.has(deviceId) ? store.open.get(deviceId).size : 0;
  let count = 0;
  for (const ids of store.open.values()) count += ids.size;
  return count;
}

export function setConnection(state) {
  const c = store.connection;
  if (state === 'online') c.staleSince = null;
  else if (c.state === 'online' && !c.staleSince) c.staleSince = serverNow();
  c.state = state;
  changed('connection', state);
}
