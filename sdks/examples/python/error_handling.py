# Python example
from paitient_secure_model import SecureModelClient, AuthenticationError, ValidationError
try:
    client = SecureModelClient(api_key="invalid-key", client_id="invalid-id")
    client.deploy_model(model_name="ZimaBlueAI/HuatuoGPT-o1-8B")
except AuthenticationError as e:
    print(f"Authentication error: {e}")
except ValidationError as e:
    print(f"Validation error: {e}")
except Exception as e:
    print(f"Other error: {e}")
