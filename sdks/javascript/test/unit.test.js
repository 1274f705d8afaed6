'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { camelize, snakify } = require('../lib/case');
const { SecureModelClient, DEFAULT_BASE_URL, verifyWebhookSignature, signWebhookPayload } = require('..');

test('answers are camelCase at every depth; tags keep their keys', () => {
  assert.deepEqual(camelize({
    deployment_id: 'd', model_config: { context_length: 1 }, tags: { cost_center: 'x' },
    deployments: [{ traffic_percentage: 10 }], status_reason: null,
  }), {
    deploymentId: 'd', modelConfig: { contextLength: 1 }, tags: { cost_center: 'x' },
    deployments: [{ trafficPercentage: 10 }], statusReason: null,
  });
});

test('options are snake_case at every depth; undefined members are left out; dates are ISO 8601', () => {
  assert.deepEqual(snakify({
    modelName: 'm', useGpu: true, vpcConfig: { subnetIds: ['s'] }, tags: { costCenter: 'x' }, region: undefined,
    startTime: new Date('2026-12-01T00:00:00Z'),
  }), {
    model_name: 'm', use_gpu: true, vpc_config: { subnet_ids: ['s'] }, tags: { costCenter: 'x' },
    start_time: '2026-12-01T00:00:00.000Z',
  });
});

test('the base URL comes from the option, else PAITIENT_BASE_URL, else the public service', () => {
  const saved = { ...process.env };
  try {
    delete process.env.PAITIENT_BASE_URL;
    process.env.PAITIENT_API_KEY = 'sk-env';
    process.env.PAITIENT_CLIENT_ID = 'client-env';
    const fromDefault = new SecureModelClient();
    assert.equal(fromDefault.baseUrl, DEFAULT_BASE_URL);
    assert.equal(DEFAULT_BASE_URL, 'https://api.paitient.ai/v1');
    assert.equal(fromDefault.apiKey, 'sk-env');
    assert.equal(fromDefault.clientId, 'client-env');
    process.env.PAITIENT_BASE_URL = 'http://localhost:1/v1/';
    assert.equal(new SecureModelClient().baseUrl, 'http://localhost:1/v1');
    const explicit = new SecureModelClient({ baseUrl: 'http://example.test/v1', apiKey: 'a', clientId: 'c' });
    assert.equal(explicit.baseUrl, 'http://example.test/v1');
    assert.equal(explicit.apiKey, 'a');
    assert.equal(explicit.clientId, 'c');
  } finally {
    process.env = saved;
  }
});

test('verifyWebhookSignature checks the README\'s scheme: HMAC-SHA256 of "t.body", hex, within the tolerance', () => {
  // computed independently: python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test",
  //   b"1764651600.{\"id\":\"evt_1\"}", hashlib.sha256).hexdigest())'
  const v1 = '35ea15fb7a20a707d70b19317e73199e507830cbe6d93eb7a81b809fdc228b83';
  const header = `t=1764651600,v1=${v1}`;
  const body = '{"id":"evt_1"}';
  assert.ok(verifyWebhookSignature('whsec_test', header, body, { now: 1764651600 }));
  assert.ok(verifyWebhookSignature('whsec_test', header, Buffer.from(body), { now: 1764651600 + 300 }));
  assert.ok(!verifyWebhookSignature('whsec_test', header, body, { now: 1764651600 + 301 }), 'too old');
  assert.ok(!verifyWebhookSignature('whsec_test', header, body), 'too old by now');
  assert.ok(!verifyWebhookSignature('whsec_other', header, body, { now: 1764651600 }));
  assert.ok(!verifyWebhookSignature('whsec_test', header, '{"id":"evt_2"}', { now: 1764651600 }));
  assert.ok(!verifyWebhookSignature('whsec_test', `t=1764651600,v1=${v1.slice(1)}`, body, { now: 1764651600 }));
  assert.ok(!verifyWebhookSignature('whsec_test', 'garbage', body, { now: 1764651600 }));
  assert.equal(signWebhookPayload('whsec_test', body, 1764651600), header);
});
