// Small shared pieces of the console's pages.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

/** The API's message for an error (the API's own words), with its request id when it gave one. */
export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<div class="error" role="alert">
    <strong>${error.code || 'Error'}:</strong> ${error.message}${error.requestId ? html` <small>(request ${error.requestId})</small>` : ''}
  </div>`;
}

/** Loads `fn()` now and whenever `deps` change (and every `pollMs` when given); answers {data, error, reload}. */
export function useLoad(fn, deps, pollMs) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const alive = useRef(true);
  const reload = useCallback(async () => {
    try {
      const data = await fn();
      if (alive.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (alive.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    alive.current = true;
    reload();
    const timer = pollMs ? setInterval(reload, pollMs) : null;
    return () => {
      alive.current = false;
      if (timer) clearInterval(timer);
    };
  }, [reload, pollMs]);
  return { ...state, reload };
}

/** Runs an action, keeping its error to show; answers [run, error, busy]. */
export function useAction() {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (fn) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return [run, error, busy];
}

export function Status({ status }) {
  return html`<span class=${`status status-${status}`} data-status=${status}>${status}</span>`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** `key=value` lines to an object, and back. */
export function parsePairs(text) {
  const out = {};
  for (const line of text.split(/[\n,]/)) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export function pairs(obj) {
  return Object.entries(obj || {}).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** Reads a form's named fields. */
export function fields(event) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget).entries());
}
