// The SDK reference's "Subscription Management" JavaScript snippet, run as an ES module for its top-level await.
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
const subscription = await client.getSubscription();
console.log(`Tier: ${subscription.tier}`);
console.log(`Usage: ${subscription.currentUsage}/${subscription.usageLimit}`);
