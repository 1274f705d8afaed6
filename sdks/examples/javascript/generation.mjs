// The SDK reference's "Text Generation" JavaScript snippet, run as an ES module for its top-level await.
// Added: the two lines below (an ES module has no require) and the reference's authentication snippet, which
// defines the `client` this snippet uses.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

// JavaScript example
const { SecureModelClient } = require('paitient-secure-model');
const client = new SecureModelClient({
  apiKey: "your-api-key",
  clientId: "your-client-id"
});

// JavaScript example
const result = await client.generate({
  deploymentId: "deployment-123",
  prompt: "Explain the importance of HIPAA compliance in healthcare AI",
  maxTokens: 500,
  temperature: 0.7
});
console.log(result.text);
