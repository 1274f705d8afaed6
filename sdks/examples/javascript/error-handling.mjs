// The SDK reference's "Error Handling" JavaScript snippet, run as an ES module for its top-level await.
// Added: the two lines below (an ES module has no require).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

// JavaScript example
const { SecureModelClient, AuthenticationError, ValidationError } = require('paitient-secure-model');
try {
  const client = new SecureModelClient({
    apiKey: "invalid-key",
    clientId: "invalid-id"
  });
  await client.deploy({ modelName: "ZimaBlueAI/HuatuoGPT-o1-8B" });
} catch (error) {
  if (error instanceof AuthenticationError) {
    console.error("Authentication error:", error.message);
  } else if (error instanceof ValidationError) {
    console.error("Validation error:", error.message);
  } else {
    console.error("Other error:", error.message);
  }
}
