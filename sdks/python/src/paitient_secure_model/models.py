"""What the service answers, as objects: the documented fields as typed attributes, every other field of the
answer through attribute access too (``deployment.hosting``), and the raw answer in ``.data``."""

from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, TypeVar

__all__ = [
    "ApiObject",
    "Deployment",
    "DeploymentStatus",
    "Usage",
    "GenerationResult",
    "Subscription",
    "Endpoint",
    "CanaryEndpoint",
    "Webhook",
    "WebhookDelivery",
    "ApiKey",
    "Model",
    "LogLine",
    "Metrics",
    "Page",
    "PageIterator",
]


class ApiObject:
    """A JSON object of the API with attribute access to its members."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data: Dict[str, Any] = dict(data)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def to_dict(self) -> Dict[str, Any]:
        return dict(self.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiObject) and type(other) is type(self) and other.data == self.data

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.data.items() if k in ("id", "name", "status", "tier", "text", "url")}
        return f"{type(self).__name__}({shown})"


class Deployment(ApiObject):
    """A deployment: ``id``, ``name``, ``model_name``, ``status`` and the rest of the deployments reference."""

    @property
    def id(self) -> str:
        return str(self.data.get("id") or self.data.get("deployment_id"))

    @property
    def name(self) -> Optional[str]:
        return self.data.get("deployment_name", self.data.get("name"))

    @property
    def model_name(self) -> Optional[str]:
        return self.data.get("model_name", self.data.get("model_id"))

    @property
    def status(self) -> str:
        return str(self.data.get("status"))

    @property
    def status_reason(self) -> Optional[str]:
        return self.data.get("status_reason")

    @property
    def endpoint(self) -> Optional[str]:
        return self.data.get("endpoint")

    @property
    def tags(self) -> Dict[str, str]:
        return dict(self.data.get("tags") or {})


class DeploymentStatus(str):
    """A deployment's status: compares and prints as the status word (``"running"``), with the details as
    attributes: ``status``, ``reason`` (why it failed), ``deployment_id`` and the whole ``deployment``."""

    deployment: Deployment

    def __new__(cls, deployment: Deployment) -> "DeploymentStatus":
        value = super().__new__(cls, deployment.status)
        value.deployment = deployment
        return value

    @property
    def status(self) -> str:
        return str(self)

    @property
    def reason(self) -> Optional[str]:
        return self.deployment.status_reason

    @property
    def deployment_id(self) -> str:
        return self.deployment.id

    @property
    def is_running(self) -> bool:
        return self == "running"


class Usage(ApiObject):
    """Token counts of a generation."""

    @property
    def prompt_tokens(self) -> int:
        return int(self.data.get("prompt_tokens", 0))

    @property
    def completion_tokens(self) -> int:
        return int(self.data.get("completion_tokens", 0))

    @property
    def total_tokens(self) -> int:
        return int(self.data.get("total_tokens", 0))


class GenerationResult(ApiObject):
    """A generation: ``text`` (the completion), ``usage``, ``finish_reason``, ``deployment_id`` (the deployment that
    served it, useful behind an endpoint) and ``id``."""

    @property
    def id(self) -> Optional[str]:
        return self.data.get("id")

    @property
    def text(self) -> str:
        return str(self.data.get("completion") or self.data.get("text") or "")

    @property
    def usage(self) -> Usage:
        return Usage(self.data.get("usage") or {})

    @property
    def finish_reason(self) -> Optional[str]:
        return self.data.get("finish_reason")

    @property
    def deployment_id(self) -> Optional[str]:
        return self.data.get("deployment_id")

    def __str__(self) -> str:
        return self.text


class Subscription(ApiObject):
    """The tier, its limits and the billing period's usage: ``current_usage`` and ``usage_limit`` are tokens."""

    @property
    def tier(self) -> str:
        return str(self.data.get("tier"))

    @property
    def current_usage(self) -> int:
        return int(self.data.get("current_usage", 0))

    @property
    def usage_limit(self) -> int:
        return int(self.data.get("usage_limit", 0))

    @property
    def limits(self) -> Dict[str, Any]:
        return dict(self.data.get("limits") or {})


class Endpoint(ApiObject):
    """An endpoint (``ep_...``): ``name``, ``deployment_id``, ``url``, ``status``."""

    @property
    def id(self) -> str:
        return str(self.data.get("id"))


class CanaryEndpoint(ApiObject):
    """A canary endpoint (``cep_...``): ``name``, ``deployments`` (``id``, ``traffic_percentage``), ``url``."""

    @property
    def id(self) -> str:
        return str(self.data.get("id"))

    @property
    def weights(self) -> Dict[str, int]:
        """The split: deployment id to traffic percentage."""
        return {d["id"]: int(d["traffic_percentage"]) for d in self.data.get("deployments") or []}


class Webhook(ApiObject):
    """A webhook: ``url``, ``events``; ``secret`` only in the answer of its creation."""

    @property
    def id(self) -> str:
        return str(self.data.get("id") or self.data.get("webhook_id"))

    @property
    def secret(self) -> Optional[str]:
        return self.data.get("secret")


class WebhookDelivery(ApiObject):
    """One event's delivery to a webhook: ``event_id``, ``event_type``, ``status``, ``attempts``, ..."""


class ApiKey(ApiObject):
    """An API key: ``id``, ``name``, ``scopes``, ``last4``; ``key`` only in the answer of its creation."""

    @property
    def id(self) -> str:
        return str(self.data.get("id"))

    @property
    def key(self) -> Optional[str]:
        return self.data.get("key")


class Model(ApiObject):
    """A model of the catalog: ``id``, ``name``, ``parameters``, ``context_length``, ..."""

    @property
    def id(self) -> str:
        return str(self.data.get("id"))


class LogLine(ApiObject):
    """A deployment log line (``timestamp``, ``level``, ``message``, ``component``, ``request_id``) or an audit
    record."""


class Metrics(ApiObject):
    """A deployment's (or a canary's) metrics: ``series(name)`` and ``summary(name)`` for ``latency``,
    ``throughput``, ``error_rate``, ``token_usage``; every member of the answer as attributes too."""

    def series(self, metric: str) -> Dict[str, Any]:
        """The metric's values per interval and their ``timestamps`` (empty when it was not asked for)."""
        found = (self.data.get("metrics") or {}).get(metric)
        return dict(found) if isinstance(found, Mapping) else {}

    def summary(self, metric: str) -> Dict[str, Any]:
        """The metric over the whole range (empty when it was not asked for)."""
        found = (self.data.get("summary") or {}).get(metric)
        return dict(found) if isinstance(found, Mapping) else {}


T = TypeVar("T")


class Page(Generic[T]):
    """One page of a list: its ``items`` and the raw ``pagination`` (``total``, ``next_offset`` or
    ``next_token``)."""

    def __init__(self, items: List[T], pagination: Mapping[str, Any]) -> None:
        self.items = items
        self.pagination: Dict[str, Any] = dict(pagination)

    @property
    def total(self) -> Optional[int]:
        return self.pagination.get("total")

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class PageIterator(Generic[T]):
    """Iterates every item of a list, fetching the next page only when the current one is used up.

    ``pages()`` iterates the pages themselves.
    """

    def __init__(self, fetch: Callable[[Optional[Any]], "tuple[Page[T], Optional[Any]]"]) -> None:
        self._fetch = fetch

    def pages(self) -> Iterator[Page[T]]:
        cursor: Optional[Any] = None
        while True:
            page, cursor = self._fetch(cursor)
            yield page
            if cursor is None:
                return

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def first_page(self) -> Page[T]:
        return next(iter(self.pages()))
