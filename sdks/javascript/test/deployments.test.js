'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { skip, env, client, unique, TINY_MODEL } = require('./helpers');

test('deployments, generation, metrics and logs against the service', { skip }, async (t) => {
  const sdk = client();
  let created;

  await t.test('listModels lists the catalog, the tiny model included', async () => {
    const models = await sdk.listModels();
    const tiny = models.find((model) => model.id === TINY_MODEL);
    assert.ok(tiny, JSON.stringify(models));
    assert.equal(typeof tiny.contextLength, 'number');
  });

  await t.test('deploy creates a deployment in camelCase, once per idempotencyKey', async () => {
    const idempotencyKey = unique('js-sdk-create');
    const options = {
      modelName: TINY_MODEL, deploymentName: unique('js-sdk'), useGpu: true, instanceType: 'g4dn.xlarge',
      tags: { sdk_suite: 'javascript', Team: 'sdk' }, modelConfig: { defaultTemperature: 0.5 }, idempotencyKey,
    };
    created = await sdk.deploy(options);
    assert.match(created.id, /^dep_/);
    assert.equal(created.deploymentId, created.id);
    assert.equal(created.modelName, TINY_MODEL);
    assert.equal(created.computeType, 'gpu');
    assert.deepEqual(created.tags, { sdk_suite: 'javascript', Team: 'sdk' }, 'tag keys travel as they are');
    assert.equal(created.modelConfig.defaultTemperature, 0.5);
    const replayed = await sdk.deploy(options);
    assert.equal(replayed.id, created.id, 'the same Idempotency-Key answers the same deployment');
  });

  await t.test('getDeploymentStatus and waitUntilRunning follow it to running', async () => {
    const status = await sdk.getDeploymentStatus(created.id);
    assert.equal(status.id, created.id);
    assert.ok(['creating', 'running'].includes(status.status), status.status);
    const running = await sdk.waitUntilRunning(created.id, { timeout: 180000, interval: 250 });
    assert.equal(running.status, 'running');
    assert.equal((await sdk.getDeployment(created.id)).status, 'running');
  });

  await t.test('listDeployments iterates items across pages and filters by tag and status', async () => {
    const pages = [];
    for await (const page of sdk.listDeployments({ limit: 1 }).pages()) {
      pages.push(page);
      if (pages.length === 3) {
        break;
      }
    }
    assert.ok(pages.length >= 2, 'at least two deployments, one a page');
    assert.equal(pages[0].deployments.length, 1);
    assert.equal(pages[0].pagination.limit, 1);
    assert.equal(pages[1].pagination.offset, 1);
    assert.notEqual(pages[0].deployments[0].id, pages[1].deployments[0].id);

    const all = await sdk.listDeployments({ limit: 1 }).toArray();
    assert.ok(all.some((d) => d.id === created.id));
    assert.ok(all.some((d) => d.id === env.PAITIENT_DEPLOYMENT_ID));

    const tagged = [];
    for await (const d of sdk.listDeployments({ tags: { sdk_suite: 'javascript' }, status: 'running' })) {
      tagged.push(d.id);
    }
    assert.ok(tagged.includes(created.id), JSON.stringify(tagged));
    assert.ok(!tagged.includes(env.PAITIENT_DEPLOYMENT_ID));
  });

  await t.test('updateDeployment merges tags and generation defaults', async () => {
    const updated = await sdk.updateDeployment(created.id, {
      tags: { version: '2.0' }, modelConfig: { defaultTemperature: 0.8 },
    });
    assert.deepEqual(updated.tags, { sdk_suite: 'javascript', Team: 'sdk', version: '2.0' });
    assert.equal(updated.modelConfig.defaultTemperature, 0.8);
  });

  await t.test('generate answers text, finishReason and usage', async () => {
    const result = await sdk.generate({
      deploymentId: created.id, prompt: 'Once upon a time', maxTokens: 8, temperature: 0.7, topP: 0.9, stop: ['\n\n'],
    });
    assert.equal(typeof result.text, 'string');
    assert.ok(result.text.length > 0);
    assert.equal(result.deploymentId, created.id);
    assert.ok(['length', 'stop'].includes(result.finishReason), result.finishReason);
    assert.equal(result.usage.completionTokens, 8);
    assert.equal(result.usage.totalTokens, result.usage.promptTokens + result.usage.completionTokens);
  });

  await t.test('generate works on the deployment the environment names', async () => {
    const result = await sdk.generate({ deploymentId: env.PAITIENT_DEPLOYMENT_ID, prompt: 'Hello', maxTokens: 4 });
    assert.ok(result.text.length > 0);
  });

  await t.test('generateStream yields the text chunk by chunk', async () => {
    const chunks = [];
    const stream = sdk.generateStream({ deploymentId: created.id, prompt: 'Once upon a time', maxTokens: 8 });
    for await (const chunk of stream) {
      assert.equal(typeof chunk, 'string');
      chunks.push(chunk);
    }
    assert.ok(chunks.length >= 2, JSON.stringify(chunks));
    assert.ok(chunks.join('').length > 0);
  });

  await t.test('getMetrics answers the series asked for, with summaries', async () => {
    const metrics = await sdk.getMetrics(created.id, {
      startTime: new Date(Date.now() - 3600000), endTime: new Date(), interval: '5m',
      metrics: ['latency', 'token_usage'],
    });
    assert.equal(metrics.deploymentId, created.id);
    assert.equal(metrics.interval, '5m');
    assert.deepEqual(Object.keys(metrics.metrics).sort(), ['latency', 'tokenUsage']);
    assert.ok(Array.isArray(metrics.metrics.latency.timestamps));
    assert.ok('summary' in metrics);
  });

  await t.test('getLogs follows next_token across pages', async () => {
    const pages = [];
    for await (const page of sdk.getLogs(created.id, { limit: 1, order: 'asc' }).pages()) {
      pages.push(page);
      if (pages.length === 3) {
        break;
      }
    }
    assert.ok(pages.length >= 2, 'lifecycle lines fill at least two pages of one');
    assert.equal(pages[0].logs.length, 1);
    assert.ok(pages[0].pagination.nextToken);
    const lines = await sdk.getLogs(created.id, { order: 'asc', limit: 2 }).toArray();
    assert.ok(lines.length >= pages.length);
    assert.ok(lines.every((line) => line.timestamp && line.level && line.message));
    assert.deepEqual(lines.slice(0, 2).map((l) => l.message), pages.slice(0, 2).map((p) => p.logs[0].message));
  });

  await t.test('getAuditRecords pages the client\'s audit trail', async () => {
    let pages = [];
    for (let wait = 0; wait < 60 && pages.length < 2; wait++) { // records are flushed every 5 s
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, 250));
      }
      pages = [];
      for await (const page of sdk.getAuditRecords({ limit: 1, order: 'asc' }).pages()) {
        pages.push(page);
        if (pages.length === 2) {
          break;
        }
      }
    }
    assert.equal(pages.length, 2, 'two records, one a page');
    const [first, second] = pages.map((page) => page.records[0]);
    assert.ok(first.requestId && first.route && typeof first.status === 'number', JSON.stringify(first));
    assert.notEqual(first.requestId, second.requestId);
    assert.equal(first.clientId, env.PAITIENT_CLIENT_ID);
  });

  await t.test('getSubscription answers tier, currentUsage and usageLimit', async () => {
    const subscription = await sdk.getSubscription();
    assert.equal(typeof subscription.tier, 'string');
    assert.equal(typeof subscription.currentUsage, 'number');
    assert.equal(typeof subscription.usageLimit, 'number');
    assert.ok(subscription.currentUsage > 0, 'the generations above count');
    assert.equal(typeof subscription.limits.requestsPerMinute, 'number');
  });

  await t.test('deleteDeployment starts the teardown, then waitUntilRunning refuses it', async () => {
    const deletion = await sdk.deleteDeployment(created.id, { force: true });
    assert.equal(deletion.id, created.id);
    assert.ok(['deleting', 'deleted'].includes(deletion.status), deletion.status);
    await assert.rejects(sdk.waitUntilRunning(created.id, { timeout: 5000, interval: 100 }),
      { name: 'ResourceError', code: 'deployment_failed' });
  });
});
