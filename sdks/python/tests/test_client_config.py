"""Where the client takes its key, client id and base URL from (no calls to the service)."""

import os
import unittest
from unittest import mock

from paitient_secure_model import DEFAULT_BASE_URL, AuthenticationError, SecureModelClient


class ClientConfigurationTest(unittest.TestCase):
    def test_arguments_win_over_the_environment(self) -> None:
        env = {"PAITIENT_API_KEY": "env-key", "PAITIENT_CLIENT_ID": "env-id", "PAITIENT_BASE_URL": "http://env/v1"}
        with mock.patch.dict(os.environ, env):
            client = SecureModelClient(api_key="k", client_id="c", base_url="http://arg/v1/")
        self.assertEqual(("k", "c", "http://arg/v1"), (client.api_key, client.client_id, client.base_url))

    def test_key_client_id_and_base_url_come_from_the_environment(self) -> None:
        env = {"PAITIENT_API_KEY": "env-key", "PAITIENT_CLIENT_ID": "env-id", "PAITIENT_BASE_URL": "http://env/v1"}
        with mock.patch.dict(os.environ, env):
            client = SecureModelClient()
        self.assertEqual(("env-key", "env-id", "http://env/v1"), (client.api_key, client.client_id, client.base_url))

    def test_base_url_defaults_to_the_service(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=True):
            client = SecureModelClient(api_key="k", client_id="c")
        self.assertEqual("https://api.paitient.ai/v1", client.base_url)
        self.assertEqual(DEFAULT_BASE_URL, client.base_url)

    def test_missing_key_is_an_authentication_error(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=True):
            with self.assertRaises(AuthenticationError):
                SecureModelClient(client_id="c")
            with self.assertRaises(AuthenticationError):
                SecureModelClient(api_key="k")


if __name__ == "__main__":
    unittest.main()
