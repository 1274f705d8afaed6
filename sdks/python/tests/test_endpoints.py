"""Endpoints and canary endpoints over two running deployments of the tiny model."""

import unittest

from paitient_secure_model import CanaryEndpoint, ConflictError, Endpoint, NotFoundError, ValidationError

from . import support


def setUpModule() -> None:
    support.require_service()


class EndpointsTest(unittest.TestCase):
    green: str

    @classmethod
    def setUpClass(cls) -> None:
        client = support.client()
        green = client.deploy_model(support.TINY_MODEL, support.unique("py-green"), instance_type="g4dn.xlarge")
        cls.green = client.wait_until_running(green.id, timeout=180, poll_interval=0.5).id

    @classmethod
    def tearDownClass(cls) -> None:
        support.client().delete_deployment(cls.green, force=True)

    def test_endpoint_create_list_get_generate_repoint_delete(self) -> None:
        client = support.client()
        blue = support.deployment_id()
        endpoint = client.create_endpoint(support.unique("py-ep"), blue)
        self.assertIsInstance(endpoint, Endpoint)
        self.assertTrue(endpoint.id.startswith("ep_"))
        self.assertEqual(blue, endpoint.deployment_id)
        try:
            self.assertIn(endpoint.id, [e.id for e in client.list_endpoints(page_size=1)])
            self.assertEqual(endpoint.name, client.get_endpoint(endpoint.id).name)
            self.assertEqual(blue, client.generate_on_endpoint(endpoint.id, "Hello", max_tokens=4).deployment_id)
            with self.assertRaises(ConflictError) as taken:
                client.create_endpoint(endpoint.name, blue)
            self.assertEqual(409, taken.exception.status)
            repointed = client.update_endpoint(endpoint.id, deployment_id=self.green)
            self.assertEqual(self.green, repointed.deployment_id)
            self.assertEqual(self.green, client.generate_on_endpoint(endpoint.id, "Hi", max_tokens=4).deployment_id)
        finally:
            client.delete_endpoint(endpoint.id)
        with self.assertRaises(NotFoundError):
            client.get_endpoint(endpoint.id)

    def test_canary_split_sticky_metrics_shift_delete(self) -> None:
        client = support.client()
        blue = support.deployment_id()
        canary = client.create_canary_endpoint(support.unique("py-canary"), {blue: 90, self.green: 10})
        self.assertIsInstance(canary, CanaryEndpoint)
        self.assertTrue(canary.id.startswith("cep_"))
        self.assertEqual({blue: 90, self.green: 10}, canary.weights)
        try:
            self.assertIn(canary.id, [c.id for c in client.list_canary_endpoints()])
            self.assertEqual(canary.weights, client.get_canary_endpoint(canary.id).weights)
            served = {client.generate_on_endpoint(canary.id, "Hi", max_tokens=2, sticky_key="user-42").deployment_id
                      for _ in range(3)}
            self.assertEqual(1, len(served), "one sticky key stays on one deployment")
            self.assertTrue(served <= {blue, self.green})
            metrics = client.get_canary_metrics(canary.id, metrics=["latency", "error_rate"])
            self.assertTrue(metrics.data)
            shifted = client.update_canary_endpoint(canary.id, {blue: 50, self.green: 50})
            self.assertEqual({blue: 50, self.green: 50}, shifted.weights)
            with self.assertRaises(ValidationError) as bad:
                client.update_canary_endpoint(canary.id, {blue: 50, self.green: 40})
            self.assertEqual("validation_error", bad.exception.code)
        finally:
            client.delete_canary_endpoint(canary.id)
        with self.assertRaises(NotFoundError):
            client.get_canary_endpoint(canary.id)


if __name__ == "__main__":
    unittest.main()
