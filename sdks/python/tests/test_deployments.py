"""Deployments end to end on the tiny model: create, status, wait, list (pages, filters), get, update, generate
(whole and streamed), delete; idempotent creates."""

import itertools
import unittest
import uuid

from paitient_secure_model import (
    ConflictError,
    Deployment,
    DeploymentStatus,
    GenerationResult,
    NotFoundError,
    ResourceError,
)

from . import support


def setUpModule() -> None:
    support.require_service()


class DeploymentLifecycleTest(unittest.TestCase):
    def test_create_wait_list_update_generate_delete(self) -> None:
        client = support.client()
        name = support.unique("py-lifecycle")
        tag = support.unique("run")

        deployment = client.deploy_model(
            model_name=support.TINY_MODEL,
            deployment_name=name,
            use_gpu=True,
            instance_type="g4dn.xlarge",
            tags={"suite": tag, "environment": "test"},
        )
        self.assertIsInstance(deployment, Deployment)
        self.assertTrue(deployment.id.startswith("dep_"), deployment.id)
        self.assertEqual(name, deployment.name)
        self.assertEqual(support.TINY_MODEL, deployment.model_name)
        self.assertEqual("creating", deployment.status)
        self.assertEqual("gpu", deployment.compute_type)

        status = client.get_deployment_status(deployment_id=deployment.id)
        self.assertIsInstance(status, DeploymentStatus)
        self.assertIn(status, ("creating", "running"))
        self.assertEqual(deployment.id, status.deployment_id)

        running = client.wait_until_running(deployment.id, timeout=180, poll_interval=0.5)
        self.assertEqual("running", running.status)
        self.assertTrue(client.get_deployment_status(deployment.id).is_running)

        fetched = client.get_deployment(deployment.id)
        self.assertEqual(deployment.id, fetched.id)
        self.assertEqual("g4dn.xlarge", fetched.instance_type)

        # the list: every page followed, filters applied
        tagged = list(client.list_deployments(tags={"suite": tag}))
        self.assertEqual([deployment.id], [d.id for d in tagged])
        pages = list(itertools.islice(client.list_deployments(status="running", page_size=1).pages(), 2))
        self.assertEqual(2, len(pages), "at least this deployment and deployment-123 run: two pages of one")
        self.assertEqual(1, len(pages[0]))
        self.assertNotEqual(pages[0].items[0].id, pages[1].items[0].id)
        ids = {d.id for d in client.list_deployments(status="running", model_name=support.TINY_MODEL)}
        self.assertTrue({deployment.id, support.deployment_id()} <= ids)

        updated = client.update_deployment(deployment.id, tags={"environment": "staging"},
                                           model_config={"default_temperature": 0.5})
        self.assertEqual({"suite": tag, "environment": "staging"}, updated.tags)

        result = client.generate(deployment.id, "Once upon a time", max_tokens=8, temperature=0.7)
        self.assertIsInstance(result, GenerationResult)
        self.assertEqual(deployment.id, result.deployment_id)

        deleted = client.delete_deployment(deployment.id, force=True)
        self.assertEqual("deleting", deleted.status)
        support.eventually(lambda: client.get_deployment_status(deployment.id) == "deleted", timeout=60)
        with self.assertRaises(ResourceError) as failed:
            client.wait_until_running(deployment.id, timeout=5)
        self.assertEqual("deployment_deleted", failed.exception.code)
        with self.assertRaises(ConflictError) as not_running:
            client.generate(deployment.id, "Hello", max_tokens=4)
        self.assertEqual("deployment_error", not_running.exception.code)
        self.assertEqual(409, not_running.exception.status)

    def test_same_idempotency_key_creates_once(self) -> None:
        client = support.client()
        key = str(uuid.uuid4())
        name = support.unique("py-once")
        first = client.deploy_model(support.TINY_MODEL, name, instance_type="g4dn.xlarge", idempotency_key=key)
        again = client.deploy_model(support.TINY_MODEL, name, instance_type="g4dn.xlarge", idempotency_key=key)
        try:
            self.assertEqual(first.id, again.id)
            self.assertEqual([first.id], [d.id for d in client.list_deployments() if d.name == name])
        finally:
            client.delete_deployment(first.id, force=True)

    def test_unknown_deployment_is_not_found(self) -> None:
        with self.assertRaises(NotFoundError) as raised:
            support.client().get_deployment_status("dep_doesnotexist")
        error = raised.exception
        self.assertIsInstance(error, ResourceError)
        self.assertEqual(("resource_not_found", 404), (error.code, error.status))
        self.assertTrue(error.request_id and error.message)


class GenerationTest(unittest.TestCase):
    def test_generate_returns_text_usage_and_finish_reason(self) -> None:
        result = support.client().generate(
            deployment_id=support.deployment_id(),
            prompt="Explain the importance of HIPAA compliance in healthcare AI",
            max_tokens=16,
            temperature=0.7,
            top_p=0.9,
            stop=["\n\n"],
        )
        self.assertIsInstance(result.text, str)
        self.assertEqual(result.text, str(result))
        self.assertGreater(result.usage.prompt_tokens, 0)
        self.assertLessEqual(result.usage.completion_tokens, 16)
        self.assertEqual(result.usage.prompt_tokens + result.usage.completion_tokens, result.usage.total_tokens)
        self.assertIn(result.finish_reason, ("stop", "length"))
        self.assertEqual(support.deployment_id(), result.deployment_id)

    def test_generate_stream_yields_text_as_it_comes(self) -> None:
        chunks = list(support.client().generate_stream(support.deployment_id(), "Once upon a time", max_tokens=12,
                                                       temperature=0.7))
        self.assertTrue(chunks, "at least one piece of text")
        self.assertTrue(all(isinstance(c, str) and c for c in chunks))

    def test_list_models_has_the_tiny_model(self) -> None:
        self.assertIn(support.TINY_MODEL, [m.id for m in support.client().list_models()])


if __name__ == "__main__":
    unittest.main()
