'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { skip, env, client, TINY_MODEL } = require('./helpers');
const {
  SecureModelClient, SecureModelError, AuthenticationError, ValidationError, ResourceError,
  ServiceError,
} = require('..');

/** Asserts the error's class, that it extends SecureModelError and carries code, message, status and request id. */
function expectError(error, type, { code, status }) {
  assert.ok(error instanceof type, `${error && error.name}: ${error && error.message}`);
  assert.ok(error instanceof SecureModelError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, type.name);
  assert.equal(error.code, code);
  assert.equal(error.status, status);
  assert.ok(error.message.length > 0);
  if (status !== undefined) {
    assert.match(error.requestId, /^req_/);
  }
  return true;
}

test('each error class against the service', { skip }, async (t) => {
  const sdk = client();

  await t.test('a wrong key is an AuthenticationError', async () => {
    const stranger = new SecureModelClient({ apiKey: 'invalid-key', clientId: 'invalid-id' });
    await assert.rejects(stranger.deploy({ modelName: TINY_MODEL }),
      (e) => expectError(e, AuthenticationError, { code: 'authentication_error', status: 401 }));
  });

  await t.test('a value out of range is a ValidationError', async () => {
    await assert.rejects(sdk.generate({ deploymentId: env.PAITIENT_DEPLOYMENT_ID, prompt: 'Hi', maxTokens: -1 }),
      (e) => expectError(e, ValidationError, { code: 'validation_error', status: 400 }));
  });

  await t.test('an unknown field is a ValidationError naming it', async () => {
    await assert.rejects(sdk.generate({ deploymentId: env.PAITIENT_DEPLOYMENT_ID, prompt: 'Hi', maxToken: 5 }),
      (e) => expectError(e, ValidationError, { code: 'invalid_request_error', status: 400 })
        && /max_token/.test(e.message));
  });

  await t.test('a missing argument is a ValidationError before any request', async () => {
    await assert.rejects(sdk.getDeploymentStatus(), (e) => expectError(e, ValidationError,
      { code: 'validation_error', status: undefined }));
  });

  await t.test('an unknown deployment is a ResourceError', async () => {
    await assert.rejects(sdk.getDeployment('dep_doesnotexist'),
      (e) => expectError(e, ResourceError, { code: 'resource_not_found', status: 404 }));
  });

  await t.test('an unknown model is a ResourceError', async () => {
    await assert.rejects(sdk.deploy({ modelName: 'nobody/no-such-model' }),
      (e) => expectError(e, ResourceError, { code: 'model_not_found', status: 404 }));
  });

  await t.test('a refused connection is a ServiceError (connection_error)', async () => {
    const server = net.createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = server.address().port;
    await new Promise((resolve) => server.close(resolve));
    const nowhere = new SecureModelClient({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    await assert.rejects(nowhere.getSubscription(),
      (e) => expectError(e, ServiceError, { code: 'connection_error', status: undefined }));
  });

  await t.test('no answer in time is a ServiceError (timeout)', async () => {
    const hurried = client({ timeout: 1, maxRetries: 0 });
    await assert.rejects(hurried.generate({ deploymentId: env.PAITIENT_DEPLOYMENT_ID, prompt: 'Hi', maxTokens: 64 }),
      (e) => expectError(e, ServiceError, { code: 'timeout', status: undefined }));
  });
});
