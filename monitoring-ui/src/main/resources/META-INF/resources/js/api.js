// The REST API (PROTOCOL.md section 8 and the README's extensions), with the page's session cookie.
// A 401 means the session has ended: back to the login form. Errors come back as ApiError
// carrying the server's {"error","message"} so that views can show them next to the field.
// Every answer's Date header keeps the page's idea of the server's clock current.

import { store } from './store.js';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('HTTP ' + status));
    this.status = status;
    this.code = body && body.error;
  }
}

async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path.replace(/^\//, ''), init);
  const date = Date.parse(response.headers.get('Date'));
  if (!Number.isNaN(date)) store.serverOffset = date - Date.now();
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
