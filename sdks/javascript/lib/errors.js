'use strict';

/**
 * The base of every error the SDK throws. `code` is the API's error code (`validation_error`,
 * `resource_not_found`, ...) or one of the SDK's own (`connection_error`, `timeout`, `deployment_failed`),
 * `status` the HTTP status (undefined when no answer came), `requestId` the service's request id
 * (quote it when you report a problem).
 */
class SecureModelError extends Error {
  constructor(message, { code, status, requestId, headers, body, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.headers = headers;
    this.body = body;
  }
}

/** 401, or 403 `permission_denied`: a missing or wrong API key or client id, or a key without the scope. */
class AuthenticationError extends SecureModelError {}

/** 400, 405, 409 (a taken name, a reused `Idempotency-Key`), 413, 415: the request itself is wrong. */
class ValidationError extends SecureModelError {}

/** 404 (no such deployment, model, endpoint, webhook, key), 409 `deployment_error` (not running), a failed wait. */
class ResourceError extends SecureModelError {}

/** 429 `rate_limit_exceeded` (`retryAfter` in seconds), or 403 `quota_exceeded` (no `retryAfter`). */
class RateLimitError extends SecureModelError {
  constructor(message, options = {}) {
    super(message, options);
    this.retryAfter = options.retryAfter;
  }
}

/** 5xx, no answer (`connection_error`), or no answer in time (`timeout`). */
class ServiceError extends SecureModelError {}

/** The error for an error answer: `{"error": {"code", "message", "request_id"}}` (or OpenAI's shape). */
function errorFromResponse(status, headers, body, retryAfter) {
  const error = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : {};
  const code = error.code || error.type || `http_${status}`;
  const message = error.message || (typeof body?.error === 'string' ? body.error : `HTTP ${status}`);
  const options = {
    code,
    status,
    requestId: error.request_id || headers.get('x-request-id') || undefined,
    headers,
    body,
  };
  if (status === 401 || (status === 403 && code !== 'quota_exceeded')) {
    return new AuthenticationError(message, options);
  }
  if (status === 429 || code === 'quota_exceeded') {
    return new RateLimitError(message, { ...options, retryAfter: status === 429 ? retryAfter : undefined });
  }
  if (status === 404 || code === 'deployment_error') {
    return new ResourceError(message, options);
  }
  if (status >= 500) {
    return new ServiceError(message, options);
  }
  return new ValidationError(message, options);
}

module.exports = {
  SecureModelError,
  AuthenticationError,
  ValidationError,
  ResourceError,
  RateLimitError,
  ServiceError,
  errorFromResponse,
};
