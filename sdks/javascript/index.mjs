import sdk from './index.js';

export const {
  SecureModelClient,
  DEFAULT_BASE_URL,
  Paginator,
  verifyWebhookSignature,
  signWebhookPayload,
  SecureModelError,
  AuthenticationError,
  ValidationError,
  ResourceError,
  RateLimitError,
  ServiceError,
} = sdk;

export default sdk;
