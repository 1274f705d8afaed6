# --- the SDK reference, "Authentication" (the other examples use its `client`):
# Python example
from paitient_secure_model import SecureModelClient
client = SecureModelClient(
    api_key="your-api-key",
    client_id="your-client-id"
)

# --- the SDK reference, "Subscription Management":
# Python example
subscription = client.get_subscription()
print(f"Tier: {subscription.tier}")
print(f"Usage: {subscription.current_usage}/{subscription.usage_limit}")
