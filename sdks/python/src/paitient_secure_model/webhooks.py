"""Checking the signature of a webhook delivery (``X-PaiTIENT-Signature: t=<unix seconds>,v1=<hex>``)."""

import hashlib
import hmac
import json
import time
from typing import Any, Dict, Optional, Union

__all__ = ["SIGNATURE_HEADER", "verify_signature", "sign", "parse_event"]

SIGNATURE_HEADER = "X-PaiTIENT-Signature"


def sign(secret: str, body: Union[bytes, str], timestamp: Optional[int] = None) -> str:
    """The header value the service sends: ``v1`` is the hex HMAC-SHA256, keyed with the webhook's secret, of the
    timestamp, a dot and the raw body."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    raw = body.encode("utf-8") if isinstance(body, str) else body
    digest = hmac.new(secret.encode("utf-8"), str(t).encode("ascii") + b"." + raw, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def verify_signature(
    secret: str,
    header: Optional[str],
    body: Union[bytes, str],
    tolerance: float = 300,
    now: Optional[float] = None,
) -> bool:
    """True when ``header`` (the ``X-PaiTIENT-Signature`` value) signs ``body`` (the raw request body, exactly as
    received) with ``secret``, and its timestamp is within ``tolerance`` seconds of now (older ones are replays).

    Compares in constant time; a malformed header is False, never an exception.
    """
    if not header or not secret:
        return False
    parts: Dict[str, str] = {}
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if sep:
            parts.setdefault(name, value)
    try:
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, given)


def parse_event(
    secret: str, header: Optional[str], body: Union[bytes, str], tolerance: float = 300
) -> Dict[str, Any]:
    """The event of a delivery (``id``, ``type``, ``created_at``, ``data``) once its signature checks out.

    :raises ValueError: a signature that does not match, or an old timestamp
    """
    if not verify_signature(secret, header, body, tolerance):
        raise ValueError("The webhook signature does not match (or its timestamp is too old)")
    event = json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)
    if not isinstance(event, dict):
        raise ValueError("A webhook event is a JSON object")
    return event
