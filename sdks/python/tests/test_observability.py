"""Metrics, logs (next_token pages), the audit trail and the subscription."""

import datetime
import itertools
import unittest

from paitient_secure_model import Metrics, Subscription, ValidationError

from . import support


def setUpModule() -> None:
    support.require_service()


class ObservabilityTest(unittest.TestCase):
    def test_metrics_have_series_and_summary_per_metric(self) -> None:
        client = support.client()
        client.generate(support.deployment_id(), "Hello", max_tokens=4)
        end = datetime.datetime.now(datetime.timezone.utc)
        metrics = client.get_metrics(support.deployment_id(), start_time=end - datetime.timedelta(hours=1),
                                     end_time=end, interval="5m", metrics=["latency", "token_usage"])
        self.assertIsInstance(metrics, Metrics)
        self.assertIn("timestamps", metrics.series("latency"))
        self.assertIn("p95", metrics.summary("latency"))
        self.assertIn("total", metrics.summary("token_usage"))
        self.assertEqual({}, metrics.series("throughput"))

    def test_too_many_points_is_a_validation_error_naming_the_interval(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            support.client().get_metrics(support.deployment_id(), start_time="2026-01-01T00:00:00Z",
                                         end_time="2026-03-01T00:00:00Z", interval="1m")
        self.assertEqual("validation_error", raised.exception.code)
        self.assertIn("interval", raised.exception.message)

    def test_logs_follow_next_token(self) -> None:
        pages = list(itertools.islice(support.client().get_logs(support.deployment_id(), limit=1,
                                                                order="asc").pages(), 2))
        self.assertEqual(2, len(pages), "the deployment's lifecycle lines fill two pages of one line")
        self.assertIsNotNone(pages[0].pagination.get("next_token"))
        first, second = pages[0].items[0], pages[1].items[0]
        self.assertLessEqual(first.timestamp, second.timestamp)
        self.assertIn(first.level, ("info", "warning", "error"))
        lines = list(itertools.islice(support.client().get_logs(support.deployment_id(), limit=2), 3))
        self.assertEqual(3, len(lines))

    def test_audit_records_follow_next_token(self) -> None:
        client = support.client()
        records = list(itertools.islice(client.get_audit_records(limit=2, order="desc"), 3))
        self.assertTrue(records)
        self.assertTrue(all(r.client_id == client.client_id for r in records))

    def test_subscription_has_tier_and_usage(self) -> None:
        subscription = support.client().get_subscription()
        self.assertIsInstance(subscription, Subscription)
        self.assertTrue(subscription.tier)
        self.assertGreaterEqual(subscription.current_usage, 0)
        self.assertGreater(subscription.usage_limit, subscription.current_usage)
        self.assertIn("requests_per_minute", subscription.limits)


if __name__ == "__main__":
    unittest.main()
