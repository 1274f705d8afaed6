# --- the SDK reference, "Authentication" (the other examples use its `client`):
# Python example
from paitient_secure_model import SecureModelClient
client = SecureModelClient(
    api_key="your-api-key",
    client_id="your-client-id"
)

# --- the SDK reference, "Text Generation":
# Python example
result = client.generate(
    deployment_id="deployment-123",
    prompt="Explain the importance of HIPAA compliance in healthcare AI",
    max_tokens=500,
    temperature=0.7
)
print(result.text)
