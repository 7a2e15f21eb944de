// The console's one way to the server: JSON with the officer's token; an answer that is not
// OK becomes an ApiError (its status, message and per-field data), and a refused token logs out.
import { state, logout } from './state.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body.message || String(status));
    this.status = status;
    this.data = body.data || {};
  }
}

export async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (state.token) headers.Authorization = state.token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (res.status === 401 && state.token) {
    logout();
    throw new ApiError(401, data);
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
