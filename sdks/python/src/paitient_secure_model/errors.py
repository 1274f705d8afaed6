"""The SDK's errors: one base class, one subclass per category of the SDK reference."""

from typing import Any, Mapping, Optional

__all__ = [
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
    "error_for",
]


class SecureModelError(Exception):
    """Base class of every error the SDK raises for a failed call.

    ``code`` is the service's error code (``validation_error``, ``resource_not_found``, ...), ``message`` its
    message, ``request_id`` the id to quote when reporting a problem, ``status`` the HTTP status (None when no
    answer came).
    """

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        request_id: Optional[str] = None,
        status: Optional[int] = None,
        body: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.request_id = request_id
        self.status = status
        self.body = body

    def __str__(self) -> str:
        details = ", ".join(
            part
            for part in (
                str(self.status) if self.status is not None else None,
                self.code,
                f"request {self.request_id}" if self.request_id else None,
            )
            if part
        )
        return f"{self.message} ({details})" if details else self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, "
            f"request_id={self.request_id!r}, message={self.message!r})"
        )


class AuthenticationError(SecureModelError):
    """Invalid API key or client id (401), or a key that may not make this call (403, see PermissionDeniedError)."""


class PermissionDeniedError(AuthenticationError):
    """403 ``permission_denied``: the API key lacks the scope the route needs (the message names it)."""


class ValidationError(SecureModelError):
    """Invalid input parameters: 400 ``validation_error`` / ``invalid_request_error``, 405, 413, 415."""


class ResourceError(SecureModelError):
    """A problem with the requested resource: not found, not in a state that allows the call, a deployment that
    failed while :meth:`SecureModelClient.wait_until_running` waited for it."""


class NotFoundError(ResourceError):
    """404 ``resource_not_found`` / ``model_not_found``."""


class ConflictError(ResourceError):
    """409: a deployment that is not running (``deployment_error``), a name already taken, an
    ``Idempotency-Key`` used with another body or whose first request still runs."""


class RateLimitError(SecureModelError):
    """429 ``rate_limit_exceeded``: too many requests this minute; ``retry_after`` is the seconds to wait.

    Also the base of :class:`QuotaExceededError` (a limit of the subscription that waiting a minute does not lift).
    """

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class QuotaExceededError(RateLimitError):
    """403 ``quota_exceeded``: the tier's deployments, GPU instances or tokens of the billing period are used up.

    Never retried; ``retry_after`` is None.
    """


class ServiceError(SecureModelError):
    """The service failed (5xx), or answered something the SDK cannot read."""


class APIConnectionError(ServiceError):
    """No answer: the connection failed or timed out (``status`` is None)."""


def error_for(
    status: int,
    body: Optional[Mapping[str, Any]],
    request_id: Optional[str],
    retry_after: Optional[float] = None,
) -> SecureModelError:
    """The error for a failed answer: its status and its ``{"error": {"code", "message", "request_id"}}`` body."""
    error: Mapping[str, Any] = {}
    if isinstance(body, Mapping):
        raw = body.get("error")
        if isinstance(raw, Mapping):
            error = raw
        elif isinstance(raw, str):
            error = {"message": raw}
    code = error.get("code") if isinstance(error.get("code"), str) else None
    message = str(error.get("message") or f"HTTP {status}")
    request_id = error.get("request_id") or request_id
    kwargs: Any = {"code": code, "request_id": request_id, "status": status, "body": body}
    if status == 401:
        return AuthenticationError(message, **kwargs)
    if status == 403:
        if code == "quota_exceeded":
            return QuotaExceededError(message, **kwargs)
        return PermissionDeniedError(message, **kwargs)
    if status == 404:
        return NotFoundError(message, **kwargs)
    if status == 409:
        return ConflictError(message, **kwargs)
    if status == 429:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    if 400 <= status < 500:
        return ValidationError(message, **kwargs)
    return ServiceError(message, **kwargs)
