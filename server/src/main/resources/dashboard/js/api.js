// Every data call goes to the public API with the session cookie; 401 sends the user to sign in.
import { currentLang } from './i18n.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }
}

const cache = new Map();

/** GET or POST {@code /api/v1 + path}; {@code lang} adds the chosen language; {@code cached} keeps the answer. */
export async function api(path, { method = 'GET', body, lang = false, cached = false } = {}) {
  let url = '/api/v1' + path;
  if (lang) url += (url.includes('?') ? '&' : '?') + 'lang=' + currentLang();
  if (cached && cache.has(url)) return cache.get(url);
  const response = await fetch(url, {
    method, credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && !(path === '/session' && method === 'POST')) {
    const next = location.hash.startsWith('#/signin') ? '' : location.hash;
    location.hash = '#/signin' + (next ? '?next=' + encodeURIComponent(next) : '');
  }
  if (!response.ok) throw new ApiError(response.status, data);
  if (cached) cache.set(url, data);
  return data;
}

export function clearCache() { cache.clear(); }
