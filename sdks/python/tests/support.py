"""What every test module shares: the running service's coordinates (from the environment LocalService sets), and
clients for it."""

import os
import time
import unittest
import uuid
from typing import Any, Callable

from paitient_secure_model import SecureModelClient

TINY_MODEL = "securemodel/tiny-random-llama"
NEEDED = ("PAITIENT_BASE_URL", "PAITIENT_API_KEY", "PAITIENT_CLIENT_ID", "PAITIENT_DEPLOYMENT_ID")


def require_service() -> None:
    """Skips the module when the service's environment is not set (``PythonSdkIT`` sets it)."""
    missing = [name for name in NEEDED if not os.environ.get(name)]
    if missing:
        raise unittest.SkipTest(
            "These tests run against the local service: set " + ", ".join(missing)
            + " (./mvnw -pl sdks -am verify -Dit.test=PythonSdkIT does)"
        )


def client(**kwargs: Any) -> SecureModelClient:
    """A client from the environment (PAITIENT_API_KEY, PAITIENT_CLIENT_ID, PAITIENT_BASE_URL)."""
    return SecureModelClient(**kwargs)


def deployment_id() -> str:
    return os.environ["PAITIENT_DEPLOYMENT_ID"]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def eventually(check: Callable[[], Any], timeout: float = 30.0, interval: float = 0.2) -> Any:
    """Calls ``check`` until it returns something true (and returns that), or fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"not true within {timeout} s (last: {last!r})")
