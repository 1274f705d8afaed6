'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { skip, env, client, unique, runningTinyDeployment } = require('./helpers');

test('endpoints and canary endpoints against the service', { skip }, async (t) => {
  const sdk = client();
  const blue = env.PAITIENT_DEPLOYMENT_ID;
  const green = (await runningTinyDeployment(sdk, unique('js-sdk-green'))).id;
  t.after(() => sdk.deleteDeployment(green, { force: true }));
  let endpoint;
  let canary;

  await t.test('createEndpoint, getEndpoint and listEndpoints', async () => {
    endpoint = await sdk.createEndpoint({ name: unique('js-sdk-ep'), deploymentId: blue });
    assert.match(endpoint.id, /^ep_/);
    assert.equal(endpoint.status, 'active');
    assert.match(endpoint.url, new RegExp(`/v1/endpoints/${endpoint.id}/generate$`));
    assert.equal((await sdk.getEndpoint(endpoint.id)).name, endpoint.name);
    const listed = await sdk.listEndpoints({ limit: 1 }).toArray();
    assert.ok(listed.some((e) => e.id === endpoint.id));
  });

  await t.test('generateOnEndpoint serves from the endpoint\'s deployment, then from the one it is repointed at',
    async () => {
      const before = await sdk.generateOnEndpoint({ endpointId: endpoint.id, prompt: 'Hello', maxTokens: 4 });
      assert.ok(before.text.length > 0);
      const repointed = await sdk.updateEndpoint(endpoint.id, { deploymentId: green });
      assert.equal(repointed.deploymentId, green);
      const after = await sdk.generateOnEndpoint({ endpointId: endpoint.id, prompt: 'Hello', maxTokens: 4 });
      assert.equal(after.deploymentId, green);
    });

  await t.test('a taken name is a ValidationError', async () => {
    await assert.rejects(sdk.createEndpoint({ name: endpoint.name, deploymentId: blue }),
      { name: 'ValidationError', status: 409 });
  });

  await t.test('createCanaryEndpoint splits traffic; a sticky key stays on one side', async () => {
    canary = await sdk.createCanaryEndpoint({
      name: unique('js-sdk-canary'),
      deployments: [{ id: blue, trafficPercentage: 50 }, { id: green, trafficPercentage: 50 }],
    });
    assert.match(canary.id, /^cep_/);
    assert.deepEqual(canary.deployments.map((d) => d.trafficPercentage), [50, 50]);
    assert.equal((await sdk.getCanaryEndpoint(canary.id)).id, canary.id);
    assert.ok((await sdk.listCanaryEndpoints().toArray()).some((c) => c.id === canary.id));
    const served = new Set();
    for (let i = 0; i < 3; i++) {
      const result = await sdk.generateOnEndpoint({ endpointId: canary.id, stickyKey: 'user-42', prompt: 'Hi',
        maxTokens: 2 });
      served.add(result.deploymentId);
    }
    assert.equal(served.size, 1);
  });

  await t.test('updateCanaryEndpoint shifts the split; getCanaryMetrics answers both sides', async () => {
    const shifted = await sdk.updateCanaryEndpoint(canary.id, {
      deployments: [{ id: blue, trafficPercentage: 0 }, { id: green, trafficPercentage: 100 }],
    });
    assert.deepEqual(shifted.deployments.map((d) => d.trafficPercentage), [0, 100]);
    const result = await sdk.generateOnEndpoint({ endpointId: canary.id, prompt: 'Hi', maxTokens: 2 });
    assert.equal(result.deploymentId, green);
    const metrics = await sdk.getCanaryMetrics(canary.id, { metrics: 'latency,error_rate' });
    assert.equal(metrics.id, canary.id);
    assert.equal(metrics.deployments.length, 2);
  });

  await t.test('deleteCanaryEndpoint and deleteEndpoint remove them', async () => {
    assert.equal((await sdk.deleteCanaryEndpoint(canary.id)).id, canary.id);
    assert.equal((await sdk.deleteEndpoint(endpoint.id)).id, endpoint.id);
    await assert.rejects(sdk.getEndpoint(endpoint.id), { name: 'ResourceError', status: 404 });
    await assert.rejects(sdk.getCanaryEndpoint(canary.id), { name: 'ResourceError', status: 404 });
  });
});
