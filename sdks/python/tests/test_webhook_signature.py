"""verify_signature against signatures computed as the README documents (the end-to-end check against a real
delivery is in test_webhooks)."""

import hashlib
import hmac
import unittest

from paitient_secure_model import parse_event, sign, verify_signature

SECRET = "whsec_test"
BODY = b'{"id":"evt_1","type":"webhook.test","data":{}}'


def readme_signature(t: int) -> str:
    return hmac.new(SECRET.encode(), str(t).encode() + b"." + BODY, hashlib.sha256).hexdigest()


class WebhookSignatureTest(unittest.TestCase):
    def test_accepts_the_services_scheme(self) -> None:
        header = f"t=1764651600,v1={readme_signature(1764651600)}"
        self.assertTrue(verify_signature(SECRET, header, BODY, now=1764651600 + 10))
        self.assertEqual(header, sign(SECRET, BODY, 1764651600))

    def test_refuses_another_body_secret_or_an_old_timestamp(self) -> None:
        header = f"t=1764651600,v1={readme_signature(1764651600)}"
        self.assertFalse(verify_signature(SECRET, header, BODY + b" ", now=1764651600))
        self.assertFalse(verify_signature("whsec_other", header, BODY, now=1764651600))
        self.assertFalse(verify_signature(SECRET, header, BODY, now=1764651600 + 301))

    def test_malformed_headers_are_false(self) -> None:
        for header in (None, "", "v1=abc", "t=abc,v1=abc", "t=1764651600", "garbage"):
            self.assertFalse(verify_signature(SECRET, header, BODY, now=1764651600), header)

    def test_parse_event_checks_then_reads(self) -> None:
        header = sign(SECRET, BODY)
        self.assertEqual("evt_1", parse_event(SECRET, header, BODY)["id"])
        with self.assertRaises(ValueError):
            parse_event("whsec_other", header, BODY)


if __name__ == "__main__":
    unittest.main()
