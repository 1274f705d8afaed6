"""How the paged listings ask for their pages (offset and next_token), without a service: the client's calls are
answered from a list. Paging against the service runs in test_deployments and test_observability."""

import unittest
from typing import Any, Dict, List, Mapping, Optional, Tuple

from paitient_secure_model import SecureModelClient


class RecordingClient(SecureModelClient):
    """Answers each call with the next body given and keeps (method, path, query) of each."""

    def __init__(self, answers: List[Dict[str, Any]]) -> None:
        super().__init__(api_key="k", client_id="c", base_url="http://127.0.0.1:9/v1")
        self.answers = answers
        self.calls: List[Tuple[str, str, Optional[Mapping[str, Any]]]] = []

    def _call(self, method: str, path: str, *, query: Optional[Mapping[str, Any]] = None, **_: Any) -> Dict[str, Any]:
        self.calls.append((method, path, query))
        return self.answers.pop(0)


class PagingTest(unittest.TestCase):
    def test_offset_listings_ask_for_each_next_offset_until_there_is_none(self) -> None:
        client = RecordingClient([
            {"endpoints": [{"id": "ep_1"}, {"id": "ep_2"}], "pagination": {"total": 3, "next_offset": 2}},
            {"endpoints": [{"id": "ep_3"}], "pagination": {"total": 3}},
        ])

        ids = [e.id for e in client.list_endpoints(page_size=2)]

        self.assertEqual(["ep_1", "ep_2", "ep_3"], ids)
        self.assertEqual([("GET", "/endpoints", {"limit": 2, "offset": None}),
                          ("GET", "/endpoints", {"limit": 2, "offset": 2})], client.calls)

    def test_deployments_and_canaries_page_by_offset_under_their_own_member(self) -> None:
        client = RecordingClient([
            {"deployments": [{"id": "dep_1"}], "pagination": {}},
            {"canary_endpoints": [{"id": "cep_1"}]},
        ])

        self.assertEqual(["dep_1"], [d.id for d in client.list_deployments(status="running", tags={"a": "b"})])
        self.assertEqual(["cep_1"], [c.id for c in client.list_canary_endpoints()])
        self.assertEqual([("GET", "/deployments", {"status": "running", "model_name": None, "region": None,
                                                    "limit": 20, "tags[a]": "b", "offset": None}),
                          ("GET", "/canary-endpoints", {"limit": 20, "offset": None})], client.calls)

    def test_log_listings_follow_next_token_with_the_end_fixed_at_the_first_page(self) -> None:
        client = RecordingClient([
            {"logs": [{"message": "a"}], "pagination": {"next_token": "t1"}},
            {"logs": [{"message": "b"}], "pagination": {}},
        ])

        pages = list(client.get_logs("dep_1", start_time="2026-12-01T00:00:00Z", limit=1).pages())

        self.assertEqual(2, len(pages))
        first, second = (query for _, _, query in client.calls)
        assert first is not None and second is not None
        self.assertEqual("/deployments/dep_1/logs", client.calls[0][1])
        self.assertIsNone(first["next_token"])
        self.assertEqual("t1", second["next_token"])
        self.assertIsNotNone(first["end_time"])
        self.assertEqual(first["end_time"], second["end_time"])


if __name__ == "__main__":
    unittest.main()
