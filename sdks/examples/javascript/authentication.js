// JavaScript example
const { SecureModelClient } = require('paitient-secure-model');
const client = new SecureModelClient({
  apiKey: "your-api-key",
  clientId: "your-client-id"
});
