'use strict';

const { Transport } = require('./http');
const { camelize, snakify } = require('./case');
const { Paginator } = require('./pagination');
const { textChunks } = require('./stream');
const { ResourceError, SecureModelError, ValidationError } = require('./errors');
const { verifyWebhookSignature } = require('./webhooks');
const { version } = require('../package.json');

const DEFAULT_BASE_URL = 'https://api.paitient.ai/v1';

/**
 * The PaiTIENT Secure Model Service. Every method returns a promise (listings: an async-iterable
 * {@link Paginator}); answers are the API's JSON with camelCase keys; errors are {@link SecureModelError}s.
 */
class SecureModelClient {
  /**
   * @param {object} [options]
   * @param {string} [options.apiKey] default: `PAITIENT_API_KEY`
   * @param {string} [options.clientId] default: `PAITIENT_CLIENT_ID`
   * @param {string} [options.baseUrl] default: `PAITIENT_BASE_URL`, else `https://api.paitient.ai/v1`
   * @param {number} [options.timeout] milliseconds per attempt (default 60000)
   * @param {number} [options.maxRetries] retries after the first attempt (default 2)
   * @param {typeof fetch} [options.fetch] the fetch to use (default: the global one)
   */
  constructor({ apiKey, clientId, baseUrl, timeout = 60000, maxRetries = 2, fetch: fetchImpl } = {}) {
    const env = typeof process === 'undefined' ? {} : process.env;
    this.apiKey = apiKey ?? env.PAITIENT_API_KEY;
    this.clientId = clientId ?? env.PAITIENT_CLIENT_ID;
    this.baseUrl = (baseUrl || env.PAITIENT_BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    const fetchToUse = fetchImpl || globalThis.fetch;
    if (typeof fetchToUse !== 'function') {
      throw new SecureModelError('No fetch: use Node.js 18 or newer, or pass options.fetch', { code: 'no_fetch' });
    }
    Object.defineProperty(this, 'transport', {
      value: new Transport({
        apiKey: this.apiKey, clientId: this.clientId, baseUrl: this.baseUrl, timeout, maxRetries,
        fetch: fetchToUse, userAgent: `paitient-secure-model-js/${version}`,
      }),
    });
  }

  async call(method, path, options) {
    return camelize((await this.transport.request(method, path, options)).body);
  }

  // ---- models and deployments ----

  /** The models you can deploy (`GET /models`). */
  async listModels() {
    return (await this.call('GET', '/models')).models;
  }

  /**
   * Creates a deployment (`POST /deployments`; status `creating`). Sent once unless `idempotencyKey` is given:
   * then it goes as `Idempotency-Key` and a failed attempt is retried (the service creates one deployment).
   */
  async deploy({ idempotencyKey, ...options } = {}) {
    requireValue(options.modelName ?? options.modelId, 'modelName');
    return this.call('POST', '/deployments', {
      body: snakify(options),
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
      retry: Boolean(idempotencyKey),
    });
  }

  /** One deployment (`GET /deployments/{id}`). */
  async getDeployment(deploymentId) {
    return this.call('GET', `/deployments/${segment(deploymentId, 'deploymentId')}`);
  }

  /** The deployment now: `status` (`creating`, `running`, ...), `statusReason` when failed, replicas and the rest. */
  async getDeploymentStatus(deploymentId) {
    return this.getDeployment(deploymentId);
  }

  /**
   * The client's deployments, newest first, every page (`GET /deployments`).
   * @param {{status?: string, modelName?: string, region?: string, tags?: Record<string,string>, limit?: number,
   *   offset?: number}} [filters] `limit` is the page size
   */
  listDeployments({ tags, offset, ...filters } = {}) {
    const query = snakify(filters);
    for (const [key, value] of Object.entries(tags || {})) {
      query[`tags[${key}]`] = value;
    }
    return this.offsetPages('/deployments', 'deployments', query, offset);
  }

  /** Changes a deployment (`PATCH /deployments/{id}`): replicas, autoscaling, instance type, tags, model config. */
  async updateDeployment(deploymentId, changes = {}) {
    return this.call('PATCH', `/deployments/${segment(deploymentId, 'deploymentId')}`, { body: snakify(changes) });
  }

  /** Starts the teardown (`DELETE /deployments/{id}`): `deleting`, later `deleted`. */
  async deleteDeployment(deploymentId, { force } = {}) {
    return this.call('DELETE', `/deployments/${segment(deploymentId, 'deploymentId')}`, { query: { force } });
  }

  /**
   * Polls the deployment until it is `running` and returns it; a ResourceError (`deployment_failed`) when it
   * fails or is deleted, a SecureModelError (`timeout`) when `timeout` milliseconds pass first.
   */
  async waitUntilRunning(deploymentId, { timeout = 600000, interval = 2000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const deployment = await this.getDeployment(deploymentId);
      if (deployment.status === 'running') {
        return deployment;
      }
      if (['failed', 'deleting', 'deleted'].includes(deployment.status)) {
        throw new ResourceError(`Deployment ${deploymentId} is ${deployment.status}`
          + (deployment.statusReason ? `: ${deployment.statusReason}` : ''), { code: 'deployment_failed' });
      }
      if (Date.now() + interval > deadline) {
        throw new SecureModelError(`Deployment ${deploymentId} is still ${deployment.status} after ${timeout} ms`,
          { code: 'timeout' });
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }

  /**
   * Latency, throughput, error rate and token usage series (`GET /deployments/{id}/metrics`).
   * @param {{startTime?: string|Date, endTime?: string|Date, interval?: string, metrics?: string|string[]}} [query]
   */
  async getMetrics(deploymentId, query = {}) {
    return this.call('GET', `/deployments/${segment(deploymentId, 'deploymentId')}/metrics`,
      { query: metricsQuery(query) });
  }

  /**
   * The deployment's log lines, every page (`GET /deployments/{id}/logs`, following `next_token`).
   * @param {{startTime?: string|Date, endTime?: string|Date, limit?: number, order?: 'asc'|'desc',
   *   filter?: string}} [query] `limit` is the page size
   */
  getLogs(deploymentId, query = {}) {
    return this.tokenPages(`/deployments/${segment(deploymentId, 'deploymentId')}/logs`, 'logs', query);
  }

  /**
   * The client's audit trail, one record per authenticated call, every page (`GET /audit`, following `next_token`).
   * @param {{startTime?: string|Date, endTime?: string|Date, limit?: number, order?: 'asc'|'desc'}} [query]
   */
  getAuditRecords(query = {}) {
    return this.tokenPages('/audit', 'records', query);
  }

  // ---- generation ----

  /**
   * Generates text (`POST /deployments/{id}/generate`): the answer's `text` (also `completion`), `finishReason`,
   * `usage {promptTokens, completionTokens, totalTokens}`.
   */
  async generate({ deploymentId, ...options } = {}) {
    const path = `/deployments/${segment(deploymentId, 'deploymentId')}/generate`;
    requireValue(options.prompt, 'prompt');
    return generation(await this.call('POST', path, { body: snakify(options) }));
  }

  /**
   * Generates text token by token: an async iterable of text chunks. The PaiTIENT generate route answers whole
   * completions only, so this streams from the service's completions route (`POST /completions` with
   * `stream: true`, the deployment id or name as `model`).
   */
  async *generateStream({ deploymentId, ...options } = {}) {
    requireValue(deploymentId, 'deploymentId');
    requireValue(options.prompt, 'prompt');
    const { response } = await this.transport.request('POST', '/completions', {
      body: { ...snakify(options), model: deploymentId, stream: true },
      headers: { Accept: 'text/event-stream' },
      stream: true,
    });
    yield* textChunks(response);
  }

  // ---- endpoints and canary endpoints ----

  /** An endpoint: a stable name and URL in front of one running deployment (`POST /endpoints`). */
  async createEndpoint({ name, deploymentId, idempotencyKey } = {}) {
    return this.create('/endpoints', { name, deploymentId }, idempotencyKey);
  }

  /** Every endpoint, newest first (`GET /endpoints`). */
  listEndpoints({ limit, offset } = {}) {
    return this.offsetPages('/endpoints', 'endpoints', { limit }, offset);
  }

  async getEndpoint(endpointId) {
    return this.call('GET', `/endpoints/${segment(endpointId, 'endpointId')}`);
  }

  /** Repoints an endpoint at another running deployment (`PATCH /endpoints/{id}`). */
  async updateEndpoint(endpointId, { deploymentId } = {}) {
    return this.call('PATCH', `/endpoints/${segment(endpointId, 'endpointId')}`, { body: snakify({ deploymentId }) });
  }

  async deleteEndpoint(endpointId) {
    return this.call('DELETE', `/endpoints/${segment(endpointId, 'endpointId')}`);
  }

  /**
   * Generates through an endpoint or a canary endpoint (`POST /endpoints/{id}/generate`); the answer's
   * `deploymentId` names the deployment that served. `stickyKey` keeps one user on one side of a canary.
   */
  async generateOnEndpoint({ endpointId, stickyKey, ...options } = {}) {
    requireValue(options.prompt, 'prompt');
    return generation(await this.call('POST', `/endpoints/${segment(endpointId, 'endpointId')}/generate`, {
      body: snakify(options),
      headers: stickyKey ? { 'X-Sticky-Key': stickyKey } : undefined,
    }));
  }

  /**
   * A canary endpoint splitting traffic between running deployments (`POST /canary-endpoints`).
   * @param {{name: string, deployments: {id: string, trafficPercentage: number}[]}} options
   */
  async createCanaryEndpoint({ name, deployments, idempotencyKey } = {}) {
    return this.create('/canary-endpoints', { name, deployments }, idempotencyKey);
  }

  listCanaryEndpoints({ limit, offset } = {}) {
    return this.offsetPages('/canary-endpoints', 'canaryEndpoints', { limit }, offset);
  }

  async getCanaryEndpoint(endpointId) {
    return this.call('GET', `/canary-endpoints/${segment(endpointId, 'endpointId')}`);
  }

  /** Shifts the split: the whole list of `{id, trafficPercentage}` (`PATCH /canary-endpoints/{id}`). */
  async updateCanaryEndpoint(endpointId, { deployments } = {}) {
    return this.call('PATCH', `/canary-endpoints/${segment(endpointId, 'endpointId')}`,
      { body: snakify({ deployments }) });
  }

  async deleteCanaryEndpoint(endpointId) {
    return this.call('DELETE', `/canary-endpoints/${segment(endpointId, 'endpointId')}`);
  }

  /** Each deployment's metrics side by side (`GET /canary-endpoints/{id}/metrics`; the query of getMetrics). */
  async getCanaryMetrics(endpointId, query = {}) {
    return this.call('GET', `/canary-endpoints/${segment(endpointId, 'endpointId')}/metrics`,
      { query: metricsQuery(query) });
  }

  // ---- webhooks (admin scope) ----

  /** Subscribes a URL to events (`POST /webhooks`); the answer's `secret` is shown this once. */
  async createWebhook({ url, events, idempotencyKey } = {}) {
    return this.create('/webhooks', { url, events }, idempotencyKey);
  }

  async listWebhooks() {
    return (await this.call('GET', '/webhooks')).webhooks;
  }

  async getWebhook(webhookId) {
    return this.call('GET', `/webhooks/${segment(webhookId, 'webhookId')}`);
  }

  async deleteWebhook(webhookId) {
    return this.call('DELETE', `/webhooks/${segment(webhookId, 'webhookId')}`);
  }

  /** Sends a `webhook.test` event to this webhook only; the answer holds its `eventId`. */
  async testWebhook(webhookId) {
    return this.call('POST', `/webhooks/${segment(webhookId, 'webhookId')}/test`);
  }

  /** The delivery log: `status` (pending, delivered, failed), `attempts`, `lastResponseCode`, ... */
  async listWebhookDeliveries(webhookId) {
    return (await this.call('GET', `/webhooks/${segment(webhookId, 'webhookId')}/deliveries`)).deliveries;
  }

  async redeliverWebhookEvent(webhookId, eventId) {
    return this.call('POST',
      `/webhooks/${segment(webhookId, 'webhookId')}/deliveries/${segment(eventId, 'eventId')}/redeliver`);
  }

  /** {@link verifyWebhookSignature}, for convenience. */
  static verifyWebhookSignature(secret, header, body, options) {
    return verifyWebhookSignature(secret, header, body, options);
  }

  // ---- API keys (admin scope) ----

  async listApiKeys() {
    return (await this.call('GET', '/keys')).keys;
  }

  /** A new key with these scopes (`read`, `write`, `generate`, `admin`); the answer's `key` is shown this once. */
  async createApiKey({ name, scopes, idempotencyKey } = {}) {
    return this.create('/keys', { name, scopes }, idempotencyKey);
  }

  async revokeApiKey(keyId) {
    return this.call('DELETE', `/keys/${segment(keyId, 'keyId')}`);
  }

  // ---- subscription ----

  /** The tier, `usageLimit` and `currentUsage` (tokens of the billing period), `limits` and `usage`. */
  async getSubscription() {
    return this.call('GET', '/subscription');
  }

  // ---- internals ----

  async create(path, body, idempotencyKey) {
    return this.call('POST', path, {
      body: snakify(body),
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
      retry: Boolean(idempotencyKey),
    });
  }

  tokenPages(path, itemsKey, query) {
    let pinned;
    return new Paginator((nextToken) => {
      // a next_token is bound to the range: the first page's end is pinned and sent with every page, so that
      // a service that bound it to a range ending "now" pages too, and every page shows the same range
      pinned = pinned || snakify({ ...query, endTime: query.endTime ?? new Date(Date.now() + 1) });
      return this.call('GET', path, { query: { ...pinned, next_token: nextToken } });
    }, itemsKey, (page) => page.pagination && page.pagination.nextToken);
  }

  offsetPages(path, itemsKey, query, offset) {
    return new Paginator((cursor) => this.call('GET', path, { query: { ...query, offset: cursor ?? offset } }),
      itemsKey, (page) => page.pagination && page.pagination.nextOffset);
  }
}

function generation(result) {
  return { ...result, text: result.completion };
}

function metricsQuery({ metrics, ...rest }) {
  return { ...snakify(rest), metrics: Array.isArray(metrics) ? metrics.join(',') : metrics };
}

function requireValue(value, name) {
  if (value === undefined || value === null || value === '') {
    throw new ValidationError(`${name} is required`, { code: 'validation_error' });
  }
}

function segment(value, name) {
  requireValue(value, name);
  return encodeURIComponent(String(value));
}

module.exports = { SecureModelClient, DEFAULT_BASE_URL };
