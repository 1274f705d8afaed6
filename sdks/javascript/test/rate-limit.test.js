'use strict';

// Quotas and the rate limit, against the service. With PAITIENT_TEST_LIMITED_API_KEY and
// PAITIENT_TEST_LIMITED_CLIENT_ID (a client on a tier with no deployments, no tokens and a few requests a minute; the
// build's LocalService has one) it spends that client's limits; without them it spends the main client's requests
// of the current minute when that limit is low enough. The file sorts after the others that call the service.

const test = require('node:test');
const assert = require('node:assert/strict');
const { skip, env, client, TINY_MODEL } = require('./helpers');
const { RateLimitError, SecureModelError } = require('..');

const limited = env.PAITIENT_TEST_LIMITED_API_KEY && env.PAITIENT_TEST_LIMITED_CLIENT_ID
  ? { apiKey: env.PAITIENT_TEST_LIMITED_API_KEY, clientId: env.PAITIENT_TEST_LIMITED_CLIENT_ID } : undefined;

function expectLimit(error, code, status) {
  assert.ok(error instanceof RateLimitError, String(error));
  assert.ok(error instanceof SecureModelError);
  assert.equal(error.code, code);
  assert.equal(error.status, status);
  assert.match(error.requestId, /^req_/);
  return true;
}

test('a spent quota is a RateLimitError (quota_exceeded) without retryAfter', {
  skip: skip || (!limited && 'set PAITIENT_TEST_LIMITED_API_KEY and PAITIENT_TEST_LIMITED_CLIENT_ID (a client whose '
    + 'tier allows no deployments) to test quotas'),
}, async () => {
  const sdk = client({ ...limited, maxRetries: 0 });
  await assert.rejects(sdk.deploy({ modelName: TINY_MODEL, instanceType: 'g4dn.xlarge' }),
    (e) => expectLimit(e, 'quota_exceeded', 403) && e.retryAfter === undefined);
});

test('over the rate limit is a RateLimitError with retryAfter; a retry waits for it and succeeds', { skip },
  async (t) => {
    const credentials = limited || {};
    const probe = await fetch(`${env.PAITIENT_BASE_URL}/subscription`, {
      headers: {
        Authorization: `Bearer ${credentials.apiKey || env.PAITIENT_API_KEY}`,
        'X-Client-ID': credentials.clientId || env.PAITIENT_CLIENT_ID,
      },
    });
    const limit = Number(probe.headers.get('x-ratelimit-limit'));
    if (!(limit > 0 && limit <= 1200)) {
      t.skip(`the client's limit (${limit} requests a minute) is too high to spend in a test`);
      return;
    }
    const once = client({ ...credentials, maxRetries: 0 });
    let refused;
    for (let sent = 0; sent < limit + 5 && !refused; sent += 25) {
      const answers = await Promise.allSettled(Array.from({ length: Math.min(25, limit + 5) },
        () => once.getSubscription()));
      refused = answers.find((a) => a.status === 'rejected')?.reason;
    }
    expectLimit(refused, 'rate_limit_exceeded', 429);
    assert.ok(refused.retryAfter > 0 && refused.retryAfter <= 60, String(refused.retryAfter));
    const patient = client({ ...credentials, maxRetries: 1 });
    const started = Date.now();
    assert.equal(typeof (await patient.getSubscription()).tier, 'string');
    assert.ok(Date.now() - started >= (refused.retryAfter - 1) * 1000, 'waited for Retry-After');
  });
