"""SecureModelClient: the PaiTIENT v1 REST API as methods."""

import datetime
import json
import os
import time
import urllib.parse
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from ._transport import Transport
from .errors import AuthenticationError, ResourceError, SecureModelError, ServiceError, error_for
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
    Webhook,
    WebhookDelivery,
)

__all__ = ["SecureModelClient", "DEFAULT_BASE_URL"]

DEFAULT_BASE_URL = "https://api.paitient.ai/v1"

T = TypeVar("T", bound=ApiObject)
TimeValue = Union[str, Any]  # an ISO 8601 string or a datetime (naive ones are UTC)

# How a listing pages: the query parameter that asks for a page, and the field of the answer's ``pagination`` that
# names the next one (absent on the last page)
_Cursor = Tuple[str, str]
_BY_OFFSET: _Cursor = ("offset", "next_offset")
_BY_TOKEN: _Cursor = ("next_token", "next_token")


class SecureModelClient:
    """A client of the PaiTIENT Secure Model Service.

    :param api_key: the API key; default ``PAITIENT_API_KEY``
    :param client_id: the client id; default ``PAITIENT_CLIENT_ID``
    :param base_url: default ``PAITIENT_BASE_URL``, else ``https://api.paitient.ai/v1``
    :param timeout: seconds to wait for each answer (a generation answers when it is complete)
    :param max_retries: how often a call is retried after a 429, a 5xx or a lost connection (see the README:
        creates only with an ``idempotency_key``)
    :param max_retry_wait: the longest ``Retry-After`` the client waits out; a longer one raises at once
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        client_id: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = 120.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
    ) -> None:
        self.api_key = api_key if api_key is not None else os.environ.get("PAITIENT_API_KEY")
        self.client_id = client_id if client_id is not None else os.environ.get("PAITIENT_CLIENT_ID")
        if not self.api_key:
            raise AuthenticationError("No API key: pass api_key or set PAITIENT_API_KEY", code="authentication_error")
        if not self.client_id:
            raise AuthenticationError(
                "No client id: pass client_id or set PAITIENT_CLIENT_ID", code="authentication_error"
            )
        self.base_url = (base_url or os.environ.get("PAITIENT_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        self._http = Transport(
            self.base_url,
            {"Authorization": f"Bearer {self.api_key}", "X-Client-ID": self.client_id},
            timeout,
            max_retries,
            max_retry_wait=max_retry_wait,
        )

    def __repr__(self) -> str:
        return f"SecureModelClient(client_id={self.client_id!r}, base_url={self.base_url!r})"

    # ---- models and deployments

    def list_models(self) -> List[Model]:
        """The models you can deploy (``GET /models``)."""
        body = self._call("GET", "/models")
        return [Model(m) for m in body.get("models", [])]

    def deploy_model(
        self,
        model_name: str,
        deployment_name: Optional[str] = None,
        use_gpu: bool = True,
        idempotency_key: Optional[str] = None,
        **options: Any,
    ) -> Deployment:
        """Creates a deployment (status ``creating``; see :meth:`wait_until_running`).

        :param options: any other field of ``POST /v1/deployments``: ``instance_type``, ``min_replicas``,
            ``max_replicas``, ``auto_scaling``, ``region``, ``vpc_config``, ``tags``, ``model_config``,
            ``security_settings``, ``compute_type``
        :param idempotency_key: sent as ``Idempotency-Key``; only with it is a failed create retried (the service
            creates one deployment however often the same key and body arrive)
        """
        body: Dict[str, Any] = {"model_name": model_name, "use_gpu": use_gpu}
        if deployment_name is not None:
            body["deployment_name"] = deployment_name
        body.update({k: v for k, v in options.items() if v is not None})
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return Deployment(
            self._call("POST", "/deployments", body=body, headers=headers, retry=idempotency_key is not None)
        )

    def get_deployment(self, deployment_id: str) -> Deployment:
        return Deployment(self._call("GET", f"/deployments/{_segment(deployment_id)}"))

    def get_deployment_status(self, deployment_id: str) -> DeploymentStatus:
        """The deployment's status: a string (``"creating"``, ``"running"``, ``"failed"``, ...) with ``.reason``
        and the whole ``.deployment``."""
        return DeploymentStatus(self.get_deployment(deployment_id))

    def list_deployments(
        self,
        status: Optional[str] = None,
        model_name: Optional[str] = None,
        region: Optional[str] = None,
        tags: Optional[Mapping[str, str]] = None,
        page_size: int = 20,
    ) -> PageIterator[Deployment]:
        """Every deployment matching the filters, newest first, fetched a page at a time (``.pages()`` for the
        pages)."""
        query: Dict[str, Any] = {"status": status, "model_name": model_name, "region": region, "limit": page_size}
        for key, value in (tags or {}).items():
            query[f"tags[{key}]"] = value
        return self._page_iter("/deployments", "deployments", Deployment, query, _BY_OFFSET)

    def update_deployment(self, deployment_id: str, **changes: Any) -> Deployment:
        """Changes ``min_replicas``, ``max_replicas``, ``auto_scaling``, ``instance_type``, ``tags`` or
        ``model_config`` (``PATCH``; tags and model_config merge into what the deployment has)."""
        return Deployment(self._call("PATCH", f"/deployments/{_segment(deployment_id)}", body=changes))

    def delete_deployment(self, deployment_id: str, force: bool = False) -> ApiObject:
        """Starts the teardown: the answer's ``status`` is ``deleting`` (later ``deleted``)."""
        path = f"/deployments/{_segment(deployment_id)}"
        return ApiObject(self._call("DELETE", path, query={"force": force}))

    def wait_until_running(
        self, deployment_id: str, timeout: float = 1800.0, poll_interval: float = 2.0
    ) -> Deployment:
        """Polls until the deployment runs.

        :raises ResourceError: code ``deployment_failed`` when it fails (the message is its ``status_reason``), or
            ``deployment_deleted`` when it is being deleted
        :raises TimeoutError: still not running after ``timeout`` seconds
        """
        deadline = time.monotonic() + timeout
        while True:
            deployment = self.get_deployment(deployment_id)
            if deployment.status == "running":
                return deployment
            if deployment.status == "failed":
                raise ResourceError(
                    deployment.status_reason or f"Deployment {deployment_id} failed", code="deployment_failed"
                )
            if deployment.status in ("deleting", "deleted"):
                raise ResourceError(f"Deployment {deployment_id} is {deployment.status}", code="deployment_deleted")
            if time.monotonic() + poll_interval > deadline:
                raise TimeoutError(f"Deployment {deployment_id} is still {deployment.status} after {timeout} s")
            time.sleep(poll_interval)

    # ---- generation

    def generate(
        self,
        deployment_id: str,
        prompt: str,
        max_tokens: Optional[int] = None,
        temperature: Optional[float] = None,
        top_p: Optional[float] = None,
        stop: Optional[Union[str, Sequence[str]]] = None,
    ) -> GenerationResult:
        """Generates text on a running deployment; ``result.text`` is the completion."""
        body = _generation_body(prompt, max_tokens, temperature, top_p, stop)
        return GenerationResult(self._call("POST", f"/deployments/{_segment(deployment_id)}/generate", body=body))

    def generate_stream(
        self,
        deployment_id: str,
        prompt: str,
        max_tokens: Optional[int] = None,
        temperature: Optional[float] = None,
        top_p: Optional[float] = None,
        stop: Optional[Union[str, Sequence[str]]] = None,
    ) -> Iterator[str]:
        """Generates text and yields it in pieces as the model produces them.

        The PaiTIENT generate answers once the completion is whole, so this streams through the service's
        OpenAI-compatible ``POST /v1/completions`` with ``stream: true`` (server-sent events), where ``model`` names
        the deployment (its id or name, or an endpoint's name). Use a base URL that streams (locally every one; on AWS
        the stack's ``StreamingUrl``).
        """
        body: Dict[str, Any] = {"model": deployment_id, "prompt": prompt, "stream": True}
        body.update(_generation_body(prompt, max_tokens, temperature, top_p, stop))
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Accept": "text/event-stream",
            "Content-Type": "application/json",
        }
        lines = self._http.stream("POST", self._http.url("/completions"), body, headers)
        return _text_events(lines)

    # ---- observability

    def get_metrics(
        self,
        deployment_id: str,
        start_time: Optional[TimeValue] = None,
        end_time: Optional[TimeValue] = None,
        interval: Optional[str] = None,
        metrics: Optional[Sequence[str]] = None,
    ) -> Metrics:
        """Latency (average, p50, p95, p99), throughput, error rate and token usage per ``interval``
        (``1m``, ``5m``, ``1h``, ``1d``); default: the last hour, every metric."""
        query = {"start_time": start_time, "end_time": end_time, "interval": interval, "metrics": metrics}
        return Metrics(self._call("GET", f"/deployments/{_segment(deployment_id)}/metrics", query=query))

    def get_logs(
        self,
        deployment_id: str,
        start_time: Optional[TimeValue] = None,
        end_time: Optional[TimeValue] = None,
        filter: Optional[str] = None,
        order: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> PageIterator[LogLine]:
        """The deployment's log lines (lifecycle, errors, one per request), following ``next_token`` page by page.

        :param filter: e.g. ``level=error``, ``component=api``, ``request_id=req_...``, joined by commas
        :param order: ``desc`` (default) or ``asc``
        :param limit: lines per page (at most 1000)
        """
        query = {"start_time": start_time, "end_time": end_time, "filter": filter, "order": order, "limit": limit}
        return self._token_pages(f"/deployments/{_segment(deployment_id)}/logs", "logs", query)

    def get_audit_records(
        self,
        start_time: Optional[TimeValue] = None,
        end_time: Optional[TimeValue] = None,
        order: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> PageIterator[LogLine]:
        """The client's audit trail (one record per authenticated call), following ``next_token``."""
        query = {"start_time": start_time, "end_time": end_time, "order": order, "limit": limit}
        return self._token_pages("/audit", "records", query)

    # ---- endpoints and canary endpoints

    def create_endpoint(self, name: str, deployment_id: str) -> Endpoint:
        """A stable name and URL in front of one running deployment."""
        return Endpoint(self._call("POST", "/endpoints", body={"name": name, "deployment_id": deployment_id}))

    def list_endpoints(self, page_size: int = 20) -> PageIterator[Endpoint]:
        return self._page_iter("/endpoints", "endpoints", Endpoint, {"limit": page_size}, _BY_OFFSET)

    def get_endpoint(self, endpoint_id: str) -> Endpoint:
        return Endpoint(self._call("GET", f"/endpoints/{_segment(endpoint_id)}"))

    def update_endpoint(self, endpoint_id: str, deployment_id: str) -> Endpoint:
        """Repoints the endpoint at another running deployment (no call fails during the switch)."""
        body = {"deployment_id": deployment_id}
        return Endpoint(self._call("PATCH", f"/endpoints/{_segment(endpoint_id)}", body=body))

    def delete_endpoint(self, endpoint_id: str) -> ApiObject:
        return ApiObject(self._call("DELETE", f"/endpoints/{_segment(endpoint_id)}"))

    def generate_on_endpoint(
        self,
        endpoint_id: str,
        prompt: str,
        max_tokens: Optional[int] = None,
        temperature: Optional[float] = None,
        top_p: Optional[float] = None,
        stop: Optional[Union[str, Sequence[str]]] = None,
        sticky_key: Optional[str] = None,
    ) -> GenerationResult:
        """Generates through an endpoint (``ep_...``) or a canary endpoint (``cep_...``); ``result.deployment_id``
        says which deployment served. ``sticky_key`` keeps one user on one deployment of a canary."""
        body = _generation_body(prompt, max_tokens, temperature, top_p, stop)
        headers = {"X-Sticky-Key": sticky_key} if sticky_key else None
        path = f"/endpoints/{_segment(endpoint_id)}/generate"
        return GenerationResult(self._call("POST", path, body=body, headers=headers))

    def create_canary_endpoint(self, name: str, deployments: Mapping[str, int]) -> CanaryEndpoint:
        """Splits traffic between 2 to 10 running deployments: ``{deployment_id: percentage}``, summing to 100."""
        body = {"name": name, "deployments": _targets(deployments)}
        return CanaryEndpoint(self._call("POST", "/canary-endpoints", body=body))

    def list_canary_endpoints(self, page_size: int = 20) -> PageIterator[CanaryEndpoint]:
        query = {"limit": page_size}
        return self._page_iter("/canary-endpoints", "canary_endpoints", CanaryEndpoint, query, _BY_OFFSET)

    def get_canary_endpoint(self, endpoint_id: str) -> CanaryEndpoint:
        return CanaryEndpoint(self._call("GET", f"/canary-endpoints/{_segment(endpoint_id)}"))

    def update_canary_endpoint(self, endpoint_id: str, deployments: Mapping[str, int]) -> CanaryEndpoint:
        """Replaces the split (the whole list)."""
        body = {"deployments": _targets(deployments)}
        return CanaryEndpoint(self._call("PATCH", f"/canary-endpoints/{_segment(endpoint_id)}", body=body))

    def delete_canary_endpoint(self, endpoint_id: str) -> ApiObject:
        return ApiObject(self._call("DELETE", f"/canary-endpoints/{_segment(endpoint_id)}"))

    def get_canary_metrics(
        self,
        endpoint_id: str,
        start_time: Optional[TimeValue] = None,
        end_time: Optional[TimeValue] = None,
        interval: Optional[str] = None,
        metrics: Optional[Sequence[str]] = None,
    ) -> Metrics:
        """The canary's deployments' metrics side by side."""
        query = {"start_time": start_time, "end_time": end_time, "interval": interval, "metrics": metrics}
        return Metrics(self._call("GET", f"/canary-endpoints/{_segment(endpoint_id)}/metrics", query=query))

    # ---- subscription, keys, webhooks

    def get_subscription(self) -> Subscription:
        """The tier, its limits and the period's usage: ``tier``, ``current_usage``, ``usage_limit`` (tokens)."""
        return Subscription(self._call("GET", "/subscription"))

    def list_api_keys(self) -> List[ApiKey]:
        """The client's keys (never the key itself); needs an ``admin`` key."""
        return [ApiKey(k) for k in self._call("GET", "/keys").get("keys", [])]

    def create_api_key(self, scopes: Iterable[str], name: Optional[str] = None) -> ApiKey:
        """A new key with these scopes (``read``, ``write``, ``generate``, ``admin``); ``.key`` is shown this once."""
        body: Dict[str, Any] = {"scopes": list(scopes)}
        if name is not None:
            body["name"] = name
        return ApiKey(self._call("POST", "/keys", body=body, retry=False))

    def revoke_api_key(self, key_id: str) -> ApiObject:
        return ApiObject(self._call("DELETE", f"/keys/{_segment(key_id)}"))

    def create_webhook(self, url: str, events: Iterable[str]) -> Webhook:
        """Subscribes ``url`` to events (``deployment.created``, ``deployment.status_changed``, ...); the answer's
        ``secret`` (shown this once) signs every delivery: see :func:`paitient_secure_model.verify_signature`."""
        body = {"url": url, "events": list(events)}
        return Webhook(self._call("POST", "/webhooks", body=body, retry=False))

    def list_webhooks(self) -> List[Webhook]:
        return [Webhook(w) for w in self._call("GET", "/webhooks").get("webhooks", [])]

    def get_webhook(self, webhook_id: str) -> Webhook:
        return Webhook(self._call("GET", f"/webhooks/{_segment(webhook_id)}"))

    def delete_webhook(self, webhook_id: str) -> ApiObject:
        return ApiObject(self._call("DELETE", f"/webhooks/{_segment(webhook_id)}"))

    def test_webhook(self, webhook_id: str) -> ApiObject:
        """Sends a ``webhook.test`` event to this webhook; the answer has its ``event_id``."""
        return ApiObject(self._call("POST", f"/webhooks/{_segment(webhook_id)}/test", retry=False))

    def list_webhook_deliveries(self, webhook_id: str) -> List[WebhookDelivery]:
        body = self._call("GET", f"/webhooks/{_segment(webhook_id)}/deliveries")
        return [WebhookDelivery(d) for d in body.get("deliveries", [])]

    def redeliver_webhook_event(self, webhook_id: str, event_id: str) -> ApiObject:
        path = f"/webhooks/{_segment(webhook_id)}/deliveries/{_segment(event_id)}/redeliver"
        return ApiObject(self._call("POST", path, retry=False))

    # ---- plumbing

    def _call(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Mapping[str, Any]] = None,
        body: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        retry: bool = True,
    ) -> Dict[str, Any]:
        answer, _ = self._http.request(method, path, query=query, body=body, headers=headers, retry=retry)
        if not isinstance(answer, dict):
            raise ServiceError(f"{method} {path}: expected a JSON object", code="unexpected_answer")
        return answer

    def _page_iter(
        self, path: str, member: str, kind: "Callable[[Any], T]", query: Mapping[str, Any], cursor: "_Cursor"
    ) -> PageIterator[T]:
        """The items of a paged listing under ``member``, a page fetched as the iterator reaches it: each page asks
        with the cursor's query parameter for the place its ``pagination`` named last."""
        parameter, next_field = cursor

        def fetch(position: Optional[Any]) -> Tuple[Page[T], Optional[Any]]:
            body = self._call("GET", path, query={**query, parameter: position})
            pagination = body.get("pagination") or {}
            return Page([kind(item) for item in body.get(member, [])], pagination), pagination.get(next_field)

        return PageIterator(fetch)

    def _token_pages(self, path: str, member: str, query: Mapping[str, Any]) -> PageIterator[LogLine]:
        # next_token is bound to the range; the service's default end ("now") moves between pages, so it is fixed
        # at the first page here
        if query.get("end_time") is None:
            query = {**query, "end_time": datetime.datetime.now(datetime.timezone.utc)}
        return self._page_iter(path, member, LogLine, query, _BY_TOKEN)


def _segment(value: str) -> str:
    if not value:
        raise ValueError("An id must not be empty")
    return urllib.parse.quote(str(value), safe="")


def _generation_body(
    prompt: str,
    max_tokens: Optional[int],
    temperature: Optional[float],
    top_p: Optional[float],
    stop: Optional[Union[str, Sequence[str]]],
) -> Dict[str, Any]:
    body: Dict[str, Any] = {"prompt": prompt}
    for name, value in (("max_tokens", max_tokens), ("temperature", temperature), ("top_p", top_p)):
        if value is not None:
            body[name] = value
    if stop is not None:
        body["stop"] = stop if isinstance(stop, str) else list(stop)
    return body


def _targets(deployments: Mapping[str, int]) -> List[Dict[str, Any]]:
    return [{"id": deployment_id, "traffic_percentage": weight} for deployment_id, weight in deployments.items()]


def _text_events(lines: Iterator[bytes]) -> Iterator[str]:
    """The text of each server-sent ``data:`` event of an OpenAI completion stream, until ``[DONE]``."""
    for raw in lines:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        event = json.loads(data)
        if isinstance(event, dict) and "error" in event:
            raise _stream_error(event)
        for choice in event.get("choices") or []:
            text = choice.get("text")
            if text is None:
                text = (choice.get("delta") or {}).get("content")
            if text:
                yield text


def _stream_error(event: Mapping[str, Any]) -> SecureModelError:
    """An error event in the middle of a stream, in the OpenAI shape ``{"error": {"message", "type", "code"}}``."""
    error = event.get("error") or {}
    code = error.get("code") if isinstance(error, Mapping) else None
    statuses = {"rate_limit_exceeded": 429, "quota_exceeded": 403, "model_not_found": 404}
    return error_for(statuses.get(str(code), 500), {"error": error}, None)
