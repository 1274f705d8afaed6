# Python example
from paitient_secure_model import SecureModelClient
client = SecureModelClient(
    api_key="your-api-key",
    client_id="your-client-id"
)
