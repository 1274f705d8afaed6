'use strict';

// How the SDK sends, retries and maps answers, checked against a scripted HTTP server on loopback: these are the
// SDK's own rules (which statuses are retried, Retry-After, the Idempotency-Key rule), which the real service
// cannot be made to answer on demand (a 503, a 403 quota_exceeded). Everything the service does is tested
// against the service in the other files.

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { SecureModelClient, RateLimitError, ServiceError, ValidationError } = require('..');
const { parseRetryAfter, backoff } = require('../lib/http');

/** A server answering the scripted `[status, headers, body]` in turn, recording each request. */
async function scripted(answers) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const [status, headers, body] = answers[Math.min(requests.length - 1, answers.length - 1)];
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const sdk = new SecureModelClient({
    apiKey: 'sk-test', clientId: 'client-test', baseUrl: `http://127.0.0.1:${server.address().port}/v1/`,
  });
  return { sdk, requests, close: () => server.close() };
}

const error = (code, message = code) => ({ error: { code, message, request_id: 'req_scripted' } });
const subscription = { tier: 'pro', usage_limit: 10, current_usage: 1 };
const deployment = { id: 'dep_abc', deployment_id: 'dep_abc', status: 'creating' };

test('a GET is retried on 503, with the credentials each time', async (t) => {
  const server = await scripted([[503, {}, error('unavailable')], [200, {}, subscription]]);
  t.after(server.close);
  const answer = await server.sdk.getSubscription();
  assert.deepEqual(answer, { tier: 'pro', usageLimit: 10, currentUsage: 1 });
  assert.equal(server.requests.length, 2);
  for (const request of server.requests) {
    assert.equal(request.url, '/v1/subscription');
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    assert.equal(request.headers['x-client-id'], 'client-test');
    assert.match(request.headers['user-agent'], /^paitient-secure-model-js\//);
  }
});

test('a 429 waits Retry-After seconds before the retry', async (t) => {
  const server = await scripted([[429, { 'Retry-After': '1' }, error('rate_limit_exceeded')], [200, {}, subscription]]);
  t.after(server.close);
  const started = Date.now();
  await server.sdk.getSubscription();
  assert.ok(Date.now() - started >= 950, `${Date.now() - started} ms`);
});

test('after maxRetries the last error is thrown: a RateLimitError with retryAfter, a ServiceError', async (t) => {
  const limited = await scripted([[429, { 'Retry-After': '0' }, error('rate_limit_exceeded', 'slow down')]]);
  t.after(limited.close);
  await assert.rejects(limited.sdk.getSubscription(), (e) => e instanceof RateLimitError && e.retryAfter === 0
    && e.message === 'slow down' && e.requestId === 'req_scripted' && e.status === 429);
  assert.equal(limited.requests.length, 3, 'the first attempt and maxRetries (2) more');
  const broken = await scripted([[500, { 'X-Request-ID': 'req_header' }, {}]]);
  t.after(broken.close);
  const sdk = new SecureModelClient({ baseUrl: broken.sdk.baseUrl, maxRetries: 0 });
  await assert.rejects(sdk.getSubscription(), (e) => e instanceof ServiceError && e.status === 500
    && e.requestId === 'req_header' && e.code === 'http_500');
});

test('a create without idempotencyKey is sent once; with one it is retried and sent as Idempotency-Key', async (t) => {
  const once_ = await scripted([[503, {}, error('unavailable')], [201, {}, deployment]]);
  t.after(once_.close);
  await assert.rejects(once_.sdk.deploy({ modelName: 'm' }), ServiceError);
  assert.equal(once_.requests.length, 1);
  assert.equal(once_.requests[0].headers['idempotency-key'], undefined);

  const keyed = await scripted([[503, {}, error('unavailable')], [201, {}, deployment]]);
  t.after(keyed.close);
  const created = await keyed.sdk.deploy({ modelName: 'm', deploymentName: 'n', useGpu: false, idempotencyKey: 'k-1' });
  assert.equal(created.id, 'dep_abc');
  assert.equal(keyed.requests.length, 2);
  for (const request of keyed.requests) {
    assert.equal(request.headers['idempotency-key'], 'k-1');
    assert.deepEqual(JSON.parse(request.body), { model_name: 'm', deployment_name: 'n', use_gpu: false });
  }
});

test('a generate is retried on 429', async (t) => {
  const server = await scripted([[429, { 'Retry-After': '0' }, error('rate_limit_exceeded')],
    [200, {}, { id: 'gen_1', deployment_id: 'dep_abc', completion: 'hi', finish_reason: 'stop',
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }]]);
  t.after(server.close);
  const result = await server.sdk.generate({ deploymentId: 'dep_abc', prompt: 'p', maxTokens: 3 });
  assert.equal(result.text, 'hi');
  assert.equal(result.finishReason, 'stop');
  assert.equal(server.requests.length, 2);
  assert.deepEqual(JSON.parse(server.requests[1].body), { prompt: 'p', max_tokens: 3 });
});

test('403 quota_exceeded is a RateLimitError without retryAfter, not retried', async (t) => {
  const server = await scripted([[403, {}, error('quota_exceeded')]]);
  t.after(server.close);
  await assert.rejects(server.sdk.getSubscription(), (e) => e instanceof RateLimitError
    && e.code === 'quota_exceeded' && e.retryAfter === undefined);
  assert.equal(server.requests.length, 1);
});

test('409 with a reused Idempotency-Key is a ValidationError', async (t) => {
  const server = await scripted([[409, {}, error('invalid_request_error')]]);
  t.after(server.close);
  await assert.rejects(server.sdk.deploy({ modelName: 'm', idempotencyKey: 'k' }), ValidationError);
  assert.equal(server.requests.length, 1);
});

test('parseRetryAfter reads seconds and HTTP dates; backoff grows with jitter, capped', () => {
  assert.equal(parseRetryAfter('7'), 7);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter('nonsense'), undefined);
  const date = parseRetryAfter(new Date(Date.now() + 10000).toUTCString());
  assert.ok(date > 8 && date <= 10, String(date));
  for (let attempt = 0; attempt < 8; attempt++) {
    const ms = backoff(attempt);
    const ceiling = Math.min(8000, 500 * 2 ** attempt);
    assert.ok(ms >= ceiling / 2 && ms <= ceiling, `${attempt}: ${ms}`);
  }
});

test('the timeout bounds a stream\'s start only: a stream longer than it is read to the end', async (t) => {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === 4) {
        clearInterval(timer);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, text: `t${sent++}` }] })}\n\n`);
    }, 150);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const sdk = new SecureModelClient({ baseUrl: `http://127.0.0.1:${server.address().port}/v1`, timeout: 300 });
  const chunks = [];
  for await (const chunk of sdk.generateStream({ deploymentId: 'dep_abc', prompt: 'p' })) {
    chunks.push(chunk);
  }
  assert.deepEqual(chunks, ['t0', 't1', 't2', 't3']);
});

test('a JSON answer whose body stalls past the timeout is a ServiceError (timeout)', async (t) => {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"tier":');
    setTimeout(() => res.end('"pro"}'), 1000);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const sdk = new SecureModelClient({ baseUrl: `http://127.0.0.1:${server.address().port}/v1`, timeout: 200 });
  await assert.rejects(sdk.getSubscription(), (e) => e instanceof ServiceError && e.code === 'timeout');
});
