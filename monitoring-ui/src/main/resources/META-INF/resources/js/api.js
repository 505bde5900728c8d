// The REST API (PROTOCOL.md section 8 and the README's extensions), with the page's session cookie.
// A 401 means the session has ended: back to the login form. Errors come back as ApiError
// carrying the server's {"error","message"} so that views can show them next to the field.
// Every answer's Date header keeps the page's idea of the server's clock current: the largest
// offset seen in the last minute, because a Date can be late (written before a slow answer was
// sent, or kept by something on the way) but never early. One CI run saw a device page take its
// range from a Date some 25 s old and miss the newest reading; the cause was not found.

import { store } from './store.js';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('HTTP ' + status));
    this.status = status;
    this.code = body && body.error;
  }
}

const offsets = []; // [when the answer came, server clock minus browser clock], the last minute's

function noteServerDate(date) {
  if (Number.isNaN(date)) return;
  const now = Date.now();
  offsets.push([now, date - now]);
  while (offsets.length > 100 || (offsets.length > 1 && offsets[0][0] < now - 60000)) offsets.shift();
  store.serverOffset = Math.max(...offsets.map(([, offset]) => offset));
}

async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path.replace(/^\//, ''), init);
  noteServerDate(Date.parse(response.headers.get('Date')));
  if (response.status === 401) {
    location.href = 'login.html';
    throw new ApiError(401, { message: 'signed out' });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body === undefined ? {} : body),
  put: (path, body) => call('PUT', path, body),
  del: (path) => call('DELETE', path),
};

export const enc = encodeURIComponent;
