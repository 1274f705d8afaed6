'use strict';

const { SecureModelClient, DEFAULT_BASE_URL } = require('./lib/client');
const errors = require('./lib/errors');
const { Paginator } = require('./lib/pagination');
const { verifyWebhookSignature, signWebhookPayload } = require('./lib/webhooks');

module.exports = {
  SecureModelClient,
  DEFAULT_BASE_URL,
  Paginator,
  verifyWebhookSignature,
  signWebhookPayload,
  SecureModelError: errors.SecureModelError,
  AuthenticationError: errors.AuthenticationError,
  ValidationError: errors.ValidationError,
  ResourceError: errors.ResourceError,
  RateLimitError: errors.RateLimitError,
  ServiceError: errors.ServiceError,
};
// `import sdk from 'paitient-secure-model'` under TypeScript's CommonJS interop, as index.mjs's default export
module.exports.default = module.exports;
