"""Python SDK for the PaiTIENT Secure Model Service (standard library only).

    from paitient_secure_model import SecureModelClient
    client = SecureModelClient(api_key="your-api-key", client_id="your-client-id")
"""

from .client import DEFAULT_BASE_URL, SecureModelClient
from .errors import (
    APIConnectionError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResourceError,
    SecureModelError,
    ServiceError,
    ValidationError,
)
from .models import (
    ApiKey,
    ApiObject,
    CanaryEndpoint,
    Deployment,
    DeploymentStatus,
    Endpoint,
    GenerationResult,
    LogLine,
    Metrics,
    Model,
    Page,
    PageIterator,
    Subscription,
    Usage,
    Webhook,
    WebhookDelivery,
)
from .webhooks import SIGNATURE_HEADER, parse_event, sign, verify_signature

__version__ = "0.1.0"

__all__ = [
    "SecureModelClient",
    "DEFAULT_BASE_URL",
    "SecureModelError",
    "AuthenticationError",
    "PermissionDeniedError",
    "ValidationError",
    "ResourceError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "QuotaExceededError",
    "ServiceError",
    "APIConnectionError",
    "ApiKey",
    "ApiObject",
    "CanaryEndpoint",
    "Deployment",
    "DeploymentStatus",
    "Endpoint",
    "GenerationResult",
    "LogLine",
    "Metrics",
    "Model",
    "Page",
    "PageIterator",
    "Subscription",
    "Usage",
    "Webhook",
    "WebhookDelivery",
    "SIGNATURE_HEADER",
    "verify_signature",
    "sign",
    "parse_event",
]
