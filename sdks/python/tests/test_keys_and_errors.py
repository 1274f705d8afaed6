"""API keys and scopes, and each error class as the service's answers raise it: authentication, permission,
validation, not found, rate limit (and the retries it drives), quota, no connection."""

import os
import socket
import time
import unittest

from paitient_secure_model import (
    APIConnectionError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResourceError,
    SecureModelClient,
    SecureModelError,
    ServiceError,
    ValidationError,
)

from . import support


def setUpModule() -> None:
    support.require_service()


class KeysTest(unittest.TestCase):
    def test_a_read_key_reads_may_not_write_and_stops_working_once_revoked(self) -> None:
        admin = support.client()
        created = admin.create_api_key(["read"], name=support.unique("py-reader"))
        self.assertTrue(created.key and created.key.startswith("sk-"))
        self.assertEqual(["read"], created.scopes)
        listed = [k for k in admin.list_api_keys() if k.id == created.id]
        self.assertEqual(1, len(listed))
        self.assertIsNone(listed[0].key, "the key is shown once")

        reader = support.client(api_key=created.key)
        self.assertTrue(reader.get_deployment(support.deployment_id()).id)
        with self.assertRaises(PermissionDeniedError) as denied:
            reader.deploy_model(support.TINY_MODEL)
        self.assertIsInstance(denied.exception, AuthenticationError)
        self.assertEqual(("permission_denied", 403), (denied.exception.code, denied.exception.status))
        self.assertIn("write", denied.exception.message)

        self.assertTrue(admin.revoke_api_key(created.id).revoked)
        with self.assertRaises(AuthenticationError) as revoked:
            reader.get_deployment(support.deployment_id())
        self.assertEqual(401, revoked.exception.status)


class ErrorsTest(unittest.TestCase):
    def test_wrong_key_is_an_authentication_error(self) -> None:
        client = SecureModelClient(api_key="invalid-key", client_id="invalid-id")
        with self.assertRaises(AuthenticationError) as raised:
            client.deploy_model(model_name="ZimaBlueAI/HuatuoGPT-o1-8B")
        error = raised.exception
        self.assertIsInstance(error, SecureModelError)
        self.assertEqual(("authentication_error", 401), (error.code, error.status))
        self.assertTrue(error.request_id.startswith("req_"))
        self.assertIn(error.request_id, str(error))

    def test_bad_parameters_are_validation_errors(self) -> None:
        client = support.client()
        with self.assertRaises(ValidationError) as out_of_range:
            client.generate(support.deployment_id(), "Hello", max_tokens=-1)
        self.assertEqual(("validation_error", 400), (out_of_range.exception.code, out_of_range.exception.status))
        with self.assertRaises(ValidationError) as unknown_field:
            client.update_deployment(support.deployment_id(), region="mars-1")
        self.assertEqual(400, unknown_field.exception.status)
        with self.assertRaises(ValidationError):
            client.list_deployments(page_size=101).first_page()

    def test_unknown_model_is_a_resource_error(self) -> None:
        with self.assertRaises(ResourceError) as raised:
            support.client().deploy_model("nobody/no-such-model")
        self.assertIsInstance(raised.exception, NotFoundError)
        self.assertEqual(404, raised.exception.status)

    def test_no_answer_is_a_connection_error_after_retries(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        client = support.client(base_url=f"http://127.0.0.1:{port}/v1", max_retries=2, timeout=2)
        started = time.monotonic()
        with self.assertRaises(APIConnectionError) as raised:
            client.get_subscription()
        self.assertIsInstance(raised.exception, ServiceError)
        self.assertIsNone(raised.exception.status)
        self.assertLess(time.monotonic() - started, 10)


@unittest.skipUnless(os.environ.get("PAITIENT_TEST_LIMITED_API_KEY"),
                     "needs PAITIENT_TEST_LIMITED_API_KEY / _CLIENT_ID: a client on a tier with tiny limits")
class LimitsTest(unittest.TestCase):
    """The sdk-limited client: a few requests per minute, no deployments, no tokens."""

    def limited(self, **kwargs: object) -> SecureModelClient:
        return SecureModelClient(api_key=os.environ["PAITIENT_TEST_LIMITED_API_KEY"],
                                 client_id=os.environ["PAITIENT_TEST_LIMITED_CLIENT_ID"], **kwargs)  # type: ignore

    def spend_the_minute(self) -> RateLimitError:
        client = self.limited(max_retries=0)
        for _ in range(100):
            try:
                client.get_subscription()
            except RateLimitError as e:
                return e
        self.fail("no 429 within 100 requests")

    def test_rate_limit_quota_and_retries(self) -> None:
        # a full minute: RateLimitError with retry_after, at once for a create without an idempotency key
        error = self.spend_the_minute()
        self.assertEqual(("rate_limit_exceeded", 429), (error.code, error.status))
        self.assertIsNotNone(error.retry_after)
        self.assertTrue(0 < error.retry_after <= 61, error.retry_after)
        started = time.monotonic()
        with self.assertRaises(RateLimitError):
            self.limited(max_retries=3).deploy_model(support.TINY_MODEL)
        self.assertLess(time.monotonic() - started, 2, "a create without an idempotency key is not retried")
        with self.assertRaises(RateLimitError):
            self.limited(max_retries=3, max_retry_wait=0.001).get_subscription()

        # a read waits out Retry-After (the rest of this minute) and gets through
        started = time.monotonic()
        subscription = self.limited(max_retries=2, max_retry_wait=65).get_subscription()
        self.assertEqual("sdk-limited", subscription.tier)
        self.assertGreaterEqual(time.monotonic() - started, min(error.retry_after, 1) * 0.5)

        # a new minute: the tier holds no deployments; a quota refusal is never retried
        started = time.monotonic()
        with self.assertRaises(QuotaExceededError) as quota:
            self.limited(max_retries=3).deploy_model(support.TINY_MODEL, idempotency_key="py-quota-check")
        self.assertIsInstance(quota.exception, RateLimitError)
        self.assertEqual(("quota_exceeded", 403), (quota.exception.code, quota.exception.status))
        self.assertIsNone(quota.exception.retry_after)
        self.assertLess(time.monotonic() - started, 2)


if __name__ == "__main__":
    unittest.main()
