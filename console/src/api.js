// The API client of the console: the key lives in this tab's sessionStorage (never localStorage, never a URL).
const STORE = 'securemodel.console.session';

/** An error the API answered: `message` is the API's own message. */
export class ApiError extends Error {
  constructor(status, code, message, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

let session = load();

function load() {
  try {
    const raw = sessionStorage.getItem(STORE);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** @returns {{apiUrl: string, key: string, clientId: string} | null} */
export function currentSession() {
  return session;
}

export function signIn(apiUrl, key, clientId) {
  session = { apiUrl: (apiUrl || '').replace(/\/+$/, ''), key, clientId };
  sessionStorage.setItem(STORE, JSON.stringify(session));
}

export function signOut() {
  session = null;
  sessionStorage.removeItem(STORE);
}

function url(path, query) {
  const base = session && session.apiUrl ? session.apiUrl : '';
  const q = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) : null;
  return base + path + (q && [...q].length ? `?${q}` : '');
}

function headers(body) {
  const h = { Authorization: `Bearer ${session.key}`, 'X-Client-ID': session.clientId };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return h;
}

async function failure(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through to the status text
  }
  const err = body && body.error;
  const message = typeof err === 'string' ? err : err && err.message ? err.message : `HTTP ${res.status} ${res.statusText}`;
  const code = err && typeof err === 'object' ? err.code || err.type : undefined;
  const requestId = (err && err.request_id) || res.headers.get('X-Request-ID') || undefined;
  if (res.status === 401 && onUnauthorized) onUnauthorized(message);
  return new ApiError(res.status, code, message, requestId);
}

let onUnauthorized = null;
/** Called with the API's message when a call is refused as unauthenticated (a revoked key). */
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

/** Calls the PaiTIENT API and answers the parsed JSON, or throws an {@link ApiError} with the API's message. */
export async function api(method, path, { query, body } = {}) {
  if (!session) throw new ApiError(401, 'authentication_error', 'Not signed in');
  const res = await fetch(url(path, query), {
    method,
    headers: headers(body),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok) throw await failure(res);
  return res.status === 204 ? null : res.json();
}

/**
 * Streams an OpenAI-compatible chat completion (`stream: true`): calls `onDelta(text)` for each piece of text as
 * it arrives, and answers the usage of the last chunk (null when the server sent none).
 */
export async function streamChat(body, onDelta, signal) {
  const res = await fetch(url('/v1/chat/completions'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }),
    credentials: 'omit',
    cache: 'no-store',
    signal,
  });
  if (!res.ok) throw await failure(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let usage = null;
  let model = null;
  const deployment = res.headers.get('X-Deployment-ID');
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') continue;
        const chunk = JSON.parse(data);
        if (chunk.error) throw new ApiError(500, chunk.error.code || chunk.error.type, chunk.error.message);
        if (chunk.usage) usage = chunk.usage;
        if (chunk.model) model = chunk.model;
        const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
        if (delta && delta.content) onDelta(delta.content);
      }
    }
  }
  return { usage, model, deployment };
}

/**
 * Deletes a deployment; when the API refuses because endpoints still send it traffic (409), asks whether to force
 * it, showing the API's message, and retries with `force=true` only when the user agrees.
 */
export async function deleteDeployment(id, ask) {
  try {
    return await api('DELETE', `/v1/deployments/${id}`);
  } catch (e) {
    if (e.status === 409 && ask(`${e.message}\n\nDelete it anyway (force)?`)) {
      return api('DELETE', `/v1/deployments/${id}`, { query: { force: 'true' } });
    }
    throw e;
  }
}
