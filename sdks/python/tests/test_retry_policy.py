"""How long the client waits between attempts (pure functions of the transport; the retries themselves run
against the service in test_keys_and_errors.LimitsTest)."""

import datetime
import email.utils
import unittest

from paitient_secure_model import APIConnectionError, QuotaExceededError, RateLimitError, ServiceError
from paitient_secure_model._transport import Transport, _retry_after, _retryable


def transport(**kwargs: float) -> Transport:
    return Transport("http://127.0.0.1:9/v1", {}, timeout=1, max_retries=3, **kwargs)  # type: ignore[arg-type]


class RetryPolicyTest(unittest.TestCase):
    def test_retry_after_is_seconds_or_an_http_date(self) -> None:
        self.assertEqual(7.0, _retry_after("7"))
        self.assertIsNone(_retry_after(None))
        self.assertIsNone(_retry_after("soon"))
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30)
        seconds = _retry_after(email.utils.format_datetime(later, usegmt=True))
        assert seconds is not None
        self.assertTrue(25 <= seconds <= 31, seconds)

    def test_waits_retry_after_plus_at_most_ten_percent(self) -> None:
        error = RateLimitError("slow down", retry_after=10, status=429)
        for _ in range(50):
            delay = transport()._delay(0, error)
            assert delay is not None
            self.assertTrue(10 <= delay <= 11, delay)

    def test_a_retry_after_beyond_max_retry_wait_is_not_waited(self) -> None:
        self.assertIsNone(transport(max_retry_wait=5)._delay(0, RateLimitError("x", retry_after=30, status=429)))

    def test_backoff_doubles_with_full_jitter_up_to_the_cap(self) -> None:
        t = transport(backoff=0.5, max_backoff=8)
        for attempt, cap in ((0, 0.5), (1, 1.0), (2, 2.0), (6, 8.0)):
            delays = [t._delay(attempt, ServiceError("x", status=503)) for _ in range(200)]
            self.assertTrue(all(d is not None and 0 <= d <= cap for d in delays), (attempt, max(delays)))  # type: ignore

    def test_what_is_retried(self) -> None:
        self.assertTrue(_retryable(RateLimitError("x", status=429)))
        self.assertTrue(_retryable(ServiceError("x", status=503)))
        self.assertTrue(_retryable(APIConnectionError("x")))
        self.assertFalse(_retryable(QuotaExceededError("x", status=403)))
        self.assertFalse(_retryable(ServiceError("x", status=None)))


if __name__ == "__main__":
    unittest.main()
