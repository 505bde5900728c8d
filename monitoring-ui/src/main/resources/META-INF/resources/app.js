// Vigil admin page: a live view over the monitor WebSocket (PROTOCOL.md section 6).
// State comes from the snapshot, then from live events; after a reconnect the page
// sends "resume" with the last eventId it saw so that nothing in between is missed.
(function () {
  'use strict';

  const devices = new Map();   // id -> {id, name, online, lastSeen, metrics}
  const alerts = new Map();    // id -> alert (open ones only)
  let lastEventId = null;
  let socket = null;
  let attempt = 0;
  let mayOperate = false;      // the operator role may acknowledge; a viewer only watches

  const $ = (id) => document.getElementById(id);

  function monitorUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + location.host + '/ws/monitor';
  }

  function setConnection(state, text) {
    const el = $('connection');
    el.className = 'connection ' + state;
    el.textContent = text;
    el.dataset.state = state;
  }

  function connect() {
    setConnection('connecting', attempt === 0 ? 'connecting…' : 'reconnecting…');
    socket = new WebSocket(monitorUrl());
    socket.onopen = () => {
      attempt = 0;
      setConnection('online', 'live');
      if (lastEventId !== null) {
        socket.send(JSON.stringify({ type: 'resume', lastEventId: lastEventId }));
      }
    };
    socket.onmessage = (event) => handle(JSON.parse(event.data));
    socket.onclose = (event) => {
      if (event.code === 1006) {
        // A refused upgrade looks like 1006 to a page; an ended session means signing in again.
        whoAmI();
      }
      const delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.75 + Math.random() * 0.5);
      attempt++;
      setConnection('offline', 'disconnected (' + event.code + '), retrying in ' + Math.round(delay / 1000) + ' s');
      setTimeout(connect, delay);
    };
  }

  // Who is signed in, and with which role; a page whose session has ended goes back to the login form.
  function whoAmI() {
    return fetch('api/operators/me', { credentials: 'same-origin', cache: 'no-store' })
      .then((response) => {
        if (response.status === 401) {
          location.href = 'login.html';
          return;
        }
        if (response.ok) {
          return response.json().then((me) => {
            mayOperate = me.role === 'operator';
            $('who').textContent = me.username + ' (' + me.role + ')';
            renderAlerts();
          });
        }
      })
      .catch(() => { /* the server is away; the socket's reconnect tells the user */ });
  }

  function handle(message) {
    if (typeof message.eventId === 'number') {
      lastEventId = lastEventId === null ? message.eventId : Math.max(lastEventId, message.eventId);
    }
    switch (message.type) {
      case 'snapshot':
        devices.clear();
        message.devices.forEach((d) => devices.set(d.id, d));
        alerts.clear();
        message.alerts.forEach(applyAlert);
        renderAlerts();
        break;
      case 'reading': {
        const device = devices.get(message.deviceId) || { id: message.deviceId, name: message.deviceId, metrics: {} };
        device.metrics = Object.assign({}, device.metrics, message.metrics);
        device.lastSeen = Date.now();
        devices.set(device.id, device);
        break;
      }
      case 'device': {
        const device = devices.get(message.deviceId) || { id: message.deviceId, name: message.deviceId, metrics: {} };
        device.online = message.online;
        device.lastSeen = message.lastSeen;
        devices.set(device.id, device);
        break;
      }
      case 'alert':
        applyAlert(message.alert);
        renderAlerts();
        return;
      case 'error':
        notice(message.message);
        return;
      default:
        return;
    }
    scheduleDeviceRender();
  }

  // A burst of readings (or two snapshots after a reconnect) re-renders the table once, not once per message.
  let renderTimer = null;
  function scheduleDeviceRender() {
    if (renderTimer === null) {
      renderTimer = setTimeout(() => {
        renderTimer = null;
        renderDevices();
      }, 100);
    }
  }

  function applyAlert(alert) {
    if (alert.state === 'CLEARED') {
      alerts.delete(alert.id);
    } else {
      alerts.set(alert.id, alert);
    }
  }

  function acknowledge(alertId) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'ack_alert', alertId: alertId }));
    } else {
      notice('Not connected: the acknowledgement was not sent.');
    }
  }

  function notice(text) {
    const el = $('notice');
    el.textContent = text;
    el.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { el.hidden = true; }, 8000);
  }

  function time(ms) {
    return ms ? new Date(ms).toLocaleTimeString() : '—';
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  // The alert table is redrawn only when alerts change, so that its buttons stay put while readings stream.
  function renderAlerts() {
    const alertBody = $('alerts').tBodies[0];
    alertBody.replaceChildren();
    [...alerts.values()].sort((a, b) => b.raisedAt - a.raisedAt).forEach((alert) => {
      const row = alertBody.insertRow();
      row.dataset.alertId = alert.id;
      cell(row, time(alert.raisedAt));
      cell(row, alert.severity, 'sev-' + alert.severity);
      cell(row, alert.deviceId);
      cell(row, alert.message);
      cell(row, alert.state === 'ACKNOWLEDGED' ? 'acknowledged by ' + alert.acknowledgedBy : 'active');
      const actions = row.insertCell();
      if (alert.state === 'ACTIVE' && mayOperate) {
        const button = document.createElement('button');
        button.textContent = 'Acknowledge';
        button.className = 'ack';
        button.onclick = () => acknowledge(alert.id);
        actions.appendChild(button);
      }
    });
    $('alert-count').textContent = alerts.size;
    $('no-alerts').hidden = alerts.size > 0;
  }

  function renderDevices() {
    const deviceBody = $('devices').tBodies[0];
    deviceBody.replaceChildren();
    [...devices.values()].sort((a, b) => a.id.localeCompare(b.id)).forEach((device) => {
      const row = deviceBody.insertRow();
      row.dataset.deviceId = device.id;
      cell(row, device.name && device.name !== device.id ? device.name + ' (' + device.id + ')' : device.id);
      cell(row, device.online ? 'online' : 'offline', device.online ? 'status-online' : 'status-offline');
      cell(row, time(device.lastSeen));
      const metrics = row.insertCell();
      metrics.className = 'metrics';
      Object.keys(device.metrics || {}).sort().forEach((name) => {
        const span = document.createElement('span');
        span.className = 'metric';
        span.dataset.metric = name;
        const label = document.createElement('b');
        label.textContent = name + ': ';
        span.appendChild(label);
        span.appendChild(document.createTextNode(String(device.metrics[name])));
        metrics.appendChild(span);
      });
    });
    $('device-count').textContent = devices.size;
    $('no-devices').hidden = devices.size > 0;
  }

  whoAmI();
  connect();
}());
