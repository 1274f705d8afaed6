// The package as ESM and as CommonJS, both through its own name (Node resolves a package's name from inside it
// through the "exports" map, as it does for an installed copy).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import sdkDefault, * as esm from 'paitient-secure-model';
import { SecureModelClient, AuthenticationError, ValidationError } from 'paitient-secure-model';

const require = createRequire(import.meta.url);
const cjs = require('paitient-secure-model');
const env = process.env;
const skip = env.PAITIENT_BASE_URL && env.PAITIENT_API_KEY && env.PAITIENT_CLIENT_ID ? false
  : 'no service to test against: set PAITIENT_BASE_URL, PAITIENT_API_KEY and PAITIENT_CLIENT_ID';

const NAMES = ['SecureModelClient', 'SecureModelError', 'AuthenticationError', 'ValidationError', 'ResourceError',
  'RateLimitError', 'ServiceError', 'verifyWebhookSignature', 'signWebhookPayload', 'Paginator', 'DEFAULT_BASE_URL'];

test('import and require give the same exports', () => {
  for (const name of NAMES) {
    assert.ok(esm[name] !== undefined, `import lacks ${name}`);
    assert.equal(esm[name], cjs[name], name);
    assert.equal(sdkDefault[name], cjs[name], name);
  }
  assert.equal(require.resolve('paitient-secure-model'), new URL('../index.js', import.meta.url).pathname);
});

test('an imported client calls the service', { skip }, async () => {
  const client = new SecureModelClient();
  const subscription = await client.getSubscription();
  assert.equal(typeof subscription.tier, 'string');
  assert.equal(typeof subscription.usageLimit, 'number');
  const result = await client.generate({ deploymentId: env.PAITIENT_DEPLOYMENT_ID, prompt: 'Hi', maxTokens: 2 });
  assert.equal(typeof result.text, 'string');
});

test('imported errors are the classes thrown', { skip }, async () => {
  const stranger = new SecureModelClient({ apiKey: 'invalid-key', clientId: 'invalid-id' });
  await assert.rejects(stranger.getSubscription(), (e) => e instanceof AuthenticationError
    && e instanceof cjs.AuthenticationError && !(e instanceof ValidationError));
});
