'use strict';

const { errorFromResponse, ServiceError } = require('./errors');

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const MAX_RETRY_AFTER_MS = 60000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date); undefined when absent. */
function parseRetryAfter(value) {
  if (value == null || value === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Exponential backoff with full jitter: a random wait between half and all of 0.5 s × 2^attempt (at most 8 s). */
function backoff(attempt) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Sends requests with the credentials, turns error answers into the SDK's errors and retries what may be
 * retried: 429 and 5xx answers, refused connections and timeouts, waiting `Retry-After` when the service says it,
 * else backing off with jitter. A request marked `retry: false` (a create without an `Idempotency-Key`) is sent once.
 */
class Transport {
  constructor({ apiKey, clientId, baseUrl, timeout, maxRetries, fetch: fetchImpl, userAgent }) {
    this.apiKey = apiKey;
    this.clientId = clientId;
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.fetch = fetchImpl;
    this.userAgent = userAgent;
  }

  url(path, query) {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query || {})) {
      if (value === undefined || value === null) {
        continue;
      }
      url.searchParams.append(key, value instanceof Date ? value.toISOString() : String(value));
    }
    return url;
  }

  headers(extra, hasBody) {
    const headers = { Accept: 'application/json', 'User-Agent': this.userAgent };
    if (this.apiKey) {
      headers.Authorization = `Bearer ${this.apiKey}`;
    }
    if (this.clientId) {
      headers['X-Client-ID'] = this.clientId;
    }
    if (hasBody) {
      headers['Content-Type'] = 'application/json';
    }
    return { ...headers, ...extra };
  }

  /**
   * @returns {Promise<{status: number, headers: Headers, body: any, response: Response}>} the parsed JSON answer,
   *   or, with `stream: true`, the response whose body is still to be read
   */
  async request(method, path, { query, body, headers, retry = true, stream = false } = {}) {
    const url = this.url(path, query);
    const init = {
      method,
      headers: this.headers(headers, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    for (let attempt = 0; ; attempt++) {
      const canRetry = retry && attempt < this.maxRetries;
      let response;
      // the timeout covers the whole answer, but only its start for a stream, which may run for long
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), this.timeout);
      try {
        response = await this.fetch(url, { ...init, signal: controller.signal });
        if (stream) {
          clearTimeout(timer);
        }
      } catch (cause) {
        clearTimeout(timer);
        if (canRetry) {
          await sleep(backoff(attempt));
          continue;
        }
        throw this.noAnswer(url, cause);
      }
      try {
        if (response.ok) {
          return stream ? { status: response.status, headers: response.headers, response }
            : { status: response.status, headers: response.headers, body: await readJson(response) };
        }
      } catch (cause) {
        throw this.noAnswer(url, cause);
      } finally {
        clearTimeout(timer);
      }
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const retriable = response.status === 429 || response.status >= 500;
      if (retriable && canRetry) {
        await response.body?.cancel().catch(() => {});
        await sleep(retryAfter !== undefined ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : backoff(attempt));
        continue;
      }
      throw errorFromResponse(response.status, response.headers, await readJson(response).catch(() => undefined),
        retryAfter);
    }
  }

  /** A ServiceError for a request that got no (whole) answer: `timeout` or `connection_error`. */
  noAnswer(url, cause) {
    const timedOut = cause && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    return new ServiceError(timedOut ? `No answer from ${url.origin} within ${this.timeout} ms`
      : `Could not reach ${url.origin}: ${cause && cause.cause ? cause.cause.message : cause}`,
    { code: timedOut ? 'timeout' : 'connection_error', cause });
  }
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

module.exports = { Transport, parseRetryAfter, backoff };
