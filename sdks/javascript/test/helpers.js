'use strict';

// Shared by the suites that run against the service: the client the environment describes, and the skip reason
// when it describes none (the build always sets PAITIENT_BASE_URL, PAITIENT_API_KEY, PAITIENT_CLIENT_ID and
// PAITIENT_DEPLOYMENT_ID; see sdks/src/test/java/com/securemodel/sdks/JavaScriptSdkIT.java).

const { SecureModelClient } = require('..');

const env = process.env;
const missing = ['PAITIENT_BASE_URL', 'PAITIENT_API_KEY', 'PAITIENT_CLIENT_ID', 'PAITIENT_DEPLOYMENT_ID']
  .filter((name) => !env[name]);
const skip = missing.length ? `no service to test against: set ${missing.join(', ')}` : false;

const TINY_MODEL = 'securemodel/tiny-random-llama';

function client(options = {}) {
  return new SecureModelClient(options);
}

/** A tiny-model deployment that is running, made for one test file (delete it in `after`). */
async function runningTinyDeployment(sdk, name) {
  const deployment = await sdk.deploy({ modelName: TINY_MODEL, deploymentName: name, instanceType: 'g4dn.xlarge' });
  return sdk.waitUntilRunning(deployment.id, { timeout: 180000, interval: 250 });
}

const unique = (prefix) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

module.exports = { env, skip, client, runningTinyDeployment, unique, TINY_MODEL };
