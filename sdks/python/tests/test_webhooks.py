"""Webhooks against a receiver on this machine (the local service allows loopback targets): a signed delivery
checked with verify_signature, the delivery log, a redelivery."""

import http.server
import queue
import threading
import time
import unittest
from typing import Dict, Tuple

from paitient_secure_model import SIGNATURE_HEADER, NotFoundError, ValidationError, Webhook, verify_signature

from . import support

Delivery = Tuple[Dict[str, str], bytes]


def setUpModule() -> None:
    support.require_service()


class Receiver(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        self.deliveries: "queue.Queue[Delivery]" = queue.Queue()
        super().__init__(("127.0.0.1", 0), ReceiverHandler)

    def delivery_of(self, event_id: str, timeout: float = 30) -> Delivery:
        """The next delivery of this event (others, such as status changes of other tests' deployments, are
        skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            headers, body = self.deliveries.get(timeout=max(0.01, deadline - time.monotonic()))
            if headers.get("X-PaiTIENT-Event-Id") == event_id:
                return headers, body


class ReceiverHandler(http.server.BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # noqa: N802 (the http.server name)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.deliveries.put(({k: v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class WebhooksTest(unittest.TestCase):
    def setUp(self) -> None:
        self.receiver = Receiver()
        threading.Thread(target=self.receiver.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.receiver.server_address[1]}/hook"

    def tearDown(self) -> None:
        self.receiver.shutdown()
        self.receiver.server_close()

    def test_signed_delivery_log_redelivery_delete(self) -> None:
        client = support.client()
        webhook = client.create_webhook(self.url, ["deployment.status_changed", "deployment.error"])
        self.assertIsInstance(webhook, Webhook)
        self.assertTrue(webhook.id.startswith("wh_"))
        self.assertTrue(webhook.secret and webhook.secret.startswith("whsec_"))
        try:
            self.assertIn(webhook.id, [w.id for w in client.list_webhooks()])
            fetched = client.get_webhook(webhook.id)
            self.assertEqual(self.url, fetched.url)
            self.assertIsNone(fetched.secret, "the secret is shown once")

            event_id = client.test_webhook(webhook.id).event_id
            headers, body = self.receiver.delivery_of(event_id)
            self.assertEqual("webhook.test", headers["X-PaiTIENT-Event-Type"])
            self.assertTrue(verify_signature(webhook.secret, headers[SIGNATURE_HEADER], body))
            self.assertFalse(verify_signature(webhook.secret, headers[SIGNATURE_HEADER], body + b" "))
            self.assertFalse(verify_signature("whsec_wrong", headers[SIGNATURE_HEADER], body))

            delivered = support.eventually(lambda: [d for d in client.list_webhook_deliveries(webhook.id)
                                                    if d.event_id == event_id and d.status == "delivered"])
            self.assertEqual("webhook.test", delivered[0].event_type)
            client.redeliver_webhook_event(webhook.id, event_id)
            headers, body = self.receiver.delivery_of(event_id)
            self.assertTrue(verify_signature(webhook.secret, headers[SIGNATURE_HEADER], body))
        finally:
            client.delete_webhook(webhook.id)
        with self.assertRaises(NotFoundError):
            client.get_webhook(webhook.id)

    def test_unknown_event_is_a_validation_error(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            support.client().create_webhook(self.url, ["deployment.exploded"])
        self.assertEqual(400, raised.exception.status)


if __name__ == "__main__":
    unittest.main()
