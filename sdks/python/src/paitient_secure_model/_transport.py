"""HTTP over urllib: JSON in and out, errors mapped to the SDK's classes, retries with backoff and jitter."""

import datetime
import email.utils
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Iterator, Mapping, Optional, Tuple

from .errors import APIConnectionError, RateLimitError, SecureModelError, ServiceError, error_for

USER_AGENT = "paitient-secure-model-python/0.1.0"


class Transport:
    def __init__(
        self,
        base_url: str,
        headers: Mapping[str, str],
        timeout: float,
        max_retries: int,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        max_retry_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers)
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_wait = max_retry_wait
        self._sleep = sleep

    def url(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        url = self.base_url + path
        if query:
            pairs = [(k, _query_value(v)) for k, v in query.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs, safe="[],")
        return url

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        retry: bool = True,
    ) -> Tuple[Any, Dict[str, str]]:
        """Sends one call, retrying it (when ``retry``) on 429, 5xx and lost connections.

        :return: the answer's JSON (None for an empty body) and its headers (names in lower case)
        """
        response = self._send(method, self.url(path, query), body, headers, retry)
        with response:
            raw = response.read()
            answer_headers = {k.lower(): v for k, v in response.headers.items()}
        if not raw:
            return None, answer_headers
        try:
            return json.loads(raw.decode("utf-8")), answer_headers
        except ValueError as e:
            raise ServiceError(
                "The service answered something that is not JSON",
                status=response.status,
                request_id=answer_headers.get("x-request-id"),
            ) from e

    def stream(
        self,
        method: str,
        url: str,
        body: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> Iterator[bytes]:
        """Sends one call and yields the answer's lines as they arrive (retried like a GET until the first byte)."""
        response = self._send(method, url, body, headers, True, replace_headers=True)
        with response:
            for line in response:
                yield line

    def _send(
        self,
        method: str,
        url: str,
        body: Optional[Mapping[str, Any]],
        headers: Optional[Mapping[str, str]],
        retry: bool,
        replace_headers: bool = False,
    ) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        all_headers = dict(headers or {}) if replace_headers else {**self.headers, **(headers or {})}
        all_headers.setdefault("User-Agent", USER_AGENT)
        all_headers.setdefault("Accept", "application/json")
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            request = urllib.request.Request(url, data=data, headers=all_headers, method=method)
            try:
                return urllib.request.urlopen(request, timeout=self.timeout)
            except urllib.error.HTTPError as e:
                error = _error_of(e)
            except (urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError) as e:
                reason = getattr(e, "reason", e)
                error = APIConnectionError(f"No answer from {self.base_url}: {reason}", code="connection_error")
                error.__cause__ = e
            if not retry or attempt >= self.max_retries or not _retryable(error):
                raise error
            delay = self._delay(attempt, error)
            if delay is None:
                raise error
            self._sleep(delay)
            attempt += 1

    def _delay(self, attempt: int, error: SecureModelError) -> Optional[float]:
        """Retry-After when the service gave one (plus up to 10 % jitter), else exponential backoff with full
        jitter; None when the service asks for a longer wait than ``max_retry_wait``."""
        retry_after: Optional[float] = getattr(error, "retry_after", None)
        if retry_after is not None:
            if retry_after > self.max_retry_wait:
                return None
            return retry_after + random.uniform(0, max(0.1, retry_after * 0.1))
        return random.uniform(0, min(self.max_backoff, self.backoff * (2**attempt)))


def _retryable(error: SecureModelError) -> bool:
    if isinstance(error, APIConnectionError):
        return True
    if isinstance(error, RateLimitError):
        return error.status == 429
    return error.status is not None and error.status >= 500


def _error_of(e: urllib.error.HTTPError) -> SecureModelError:
    try:
        raw = e.read()
    finally:
        e.close()
    headers = {k.lower(): v for k, v in (e.headers or {}).items()}
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
    except ValueError:
        body = None
    return error_for(e.code, body, headers.get("x-request-id"), _retry_after(headers.get("retry-after")))


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After as seconds (``120``) or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=datetime.timezone.utc)
        return moment.isoformat().replace("+00:00", "Z")
    return str(value)
