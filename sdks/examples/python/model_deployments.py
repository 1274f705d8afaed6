# --- the SDK reference, "Authentication" (the other examples use its `client`):
# Python example
from paitient_secure_model import SecureModelClient
client = SecureModelClient(
    api_key="your-api-key",
    client_id="your-client-id"
)

# --- the SDK reference, "Model Deployments":
# Python example - Create a deployment
deployment = client.deploy_model(
    model_name="ZimaBlueAI/HuatuoGPT-o1-8B",
    deployment_name="my-secure-model",
    use_gpu=True
)
# Get deployment status
status = client.get_deployment_status(deployment_id=deployment.id)
