'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { skip, client, unique } = require('./helpers');
const { verifyWebhookSignature, SecureModelClient } = require('..');

/** A webhook receiver on loopback (the local service allows loopback targets) that keeps every delivery. */
async function receiver() {
  const deliveries = [];
  const waiting = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
      waiting.splice(0).forEach((wake) => wake());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const next = async (count, timeoutMs = 60000) => {
    const deadline = Date.now() + timeoutMs;
    while (deliveries.length < count) {
      assert.ok(Date.now() < deadline, `no delivery ${count} within ${timeoutMs} ms`);
      await Promise.race([new Promise((wake) => waiting.push(wake)), new Promise((r) => setTimeout(r, 500))]);
    }
    return deliveries[count - 1];
  };
  return { url: `http://127.0.0.1:${server.address().port}/hooks/paitient`, deliveries, next, server };
}

test('webhooks against the service, deliveries verified with verifyWebhookSignature', { skip }, async (t) => {
  const sdk = client();
  const hooks = await receiver();
  t.after(() => hooks.server.close());
  let webhook;

  await t.test('createWebhook answers the secret once; getWebhook and listWebhooks do not', async () => {
    webhook = await sdk.createWebhook({ url: hooks.url, events: ['deployment.status_changed', 'deployment.error'] });
    assert.match(webhook.id, /^wh_/);
    assert.match(webhook.secret, /^whsec_/);
    const got = await sdk.getWebhook(webhook.id);
    assert.equal(got.url, hooks.url);
    assert.equal(got.secret, undefined);
    assert.ok((await sdk.listWebhooks()).some((w) => w.id === webhook.id));
  });

  await t.test('testWebhook delivers a signed webhook.test event', async () => {
    const { eventId } = await sdk.testWebhook(webhook.id);
    assert.match(eventId, /^evt_/);
    const delivery = await hooks.next(1);
    assert.equal(delivery.headers['x-paitient-event-id'], eventId);
    assert.equal(delivery.headers['x-paitient-event-type'], 'webhook.test');
    const signature = delivery.headers['x-paitient-signature'];
    assert.ok(verifyWebhookSignature(webhook.secret, signature, delivery.body));
    assert.ok(SecureModelClient.verifyWebhookSignature(webhook.secret, signature, delivery.body.toString('utf8')));
    assert.ok(!verifyWebhookSignature('whsec_wrong', signature, delivery.body));
    assert.ok(!verifyWebhookSignature(webhook.secret, signature, Buffer.concat([delivery.body, Buffer.from(' ')])));
    assert.ok(!verifyWebhookSignature(webhook.secret, signature, delivery.body, { now: Date.now() / 1000 + 301 }));
  });

  await t.test('listWebhookDeliveries logs it; redeliverWebhookEvent sends it again', async () => {
    const eventId = hooks.deliveries[0].headers['x-paitient-event-id'];
    let deliveries;
    for (let i = 0; i < 60; i++) {
      deliveries = await sdk.listWebhookDeliveries(webhook.id);
      if (deliveries.some((d) => d.eventId === eventId && d.status === 'delivered')) {
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const logged = deliveries.find((d) => d.eventId === eventId);
    assert.equal(logged.status, 'delivered');
    assert.equal(logged.lastResponseCode, 204);
    await sdk.redeliverWebhookEvent(webhook.id, eventId);
    const again = await hooks.next(2);
    assert.equal(again.headers['x-paitient-event-id'], eventId);
    assert.ok(verifyWebhookSignature(webhook.secret, again.headers['x-paitient-signature'], again.body));
  });

  await t.test('deleteWebhook removes it', async () => {
    const deleted = await sdk.deleteWebhook(webhook.id);
    assert.equal(deleted.deleted, true);
    await assert.rejects(sdk.getWebhook(webhook.id), { name: 'ResourceError' });
  });
});

test('API keys against the service', { skip }, async (t) => {
  const sdk = client();
  let created;

  await t.test('createApiKey answers the key once; listApiKeys shows it without the key', async () => {
    created = await sdk.createApiKey({ name: unique('js-sdk-reader'), scopes: ['read'] });
    assert.match(created.id, /^key_/);
    assert.equal(created.last4, created.key.slice(-4));
    const listed = (await sdk.listApiKeys()).find((k) => k.id === created.id);
    assert.deepEqual(listed.scopes, ['read']);
    assert.equal(listed.key, undefined);
  });

  await t.test('the new key reads but may not generate: AuthenticationError permission_denied', async () => {
    const reader = new SecureModelClient({ apiKey: created.key });
    assert.equal(typeof (await reader.getSubscription()).tier, 'string');
    await assert.rejects(reader.generate({ deploymentId: process.env.PAITIENT_DEPLOYMENT_ID, prompt: 'Hi' }),
      { name: 'AuthenticationError', code: 'permission_denied', status: 403 });
  });

  await t.test('revokeApiKey revokes it', async () => {
    const revoked = await sdk.revokeApiKey(created.id);
    assert.deepEqual(revoked, { id: created.id, revoked: true });
    assert.ok(!(await sdk.listApiKeys()).some((k) => k.id === created.id));
  });
});
