"""Typed errors and cancellation through the real bridge and the emulator."""

from __future__ import annotations

import asyncio
import time
import unittest

from support import BridgeTestCase, NODE, MockCoordinator, assert_no_children

from amplifier_core import llm_errors
from amplifier_core.message_models import ChatRequest, Message

from amplifier_module_provider_azure_openai import mount


def tearDownModule() -> None:
    assert_no_children(__name__)


def hello(model: str | None = None) -> ChatRequest:
    return ChatRequest(model=model, messages=[Message(role="user", content="hello")])


@unittest.skipIf(NODE is None, "node is not on PATH")
class ErrorTests(BridgeTestCase, unittest.TestCase):
    mount_config = {"deployment_mapping": {"gpt-4o": "gpt-4o", "ghost": "no-such-deployment"}}

    def complete_error(self, request: ChatRequest) -> llm_errors.LLMError:
        with self.assertRaises(llm_errors.LLMError) as caught:
            self.run_async(self.provider.complete(request))
        return caught.exception

    def test_content_filter(self) -> None:
        self.emulator.fault(kind="content-filter")
        error = self.complete_error(hello())
        self.assertIsInstance(error, llm_errors.ContentFilterError)
        self.assertFalse(error.retryable)

    def test_context_length(self) -> None:
        self.emulator.fault(kind="context-length-exceeded")
        error = self.complete_error(hello())
        self.assertIsInstance(error, llm_errors.ContextLengthError)
        self.assertFalse(error.retryable)

    def test_unknown_deployment_is_not_found(self) -> None:
        error = self.complete_error(hello("ghost"))
        self.assertIsInstance(error, llm_errors.NotFoundError)
        self.assertEqual(error.status_code, 404)
        self.assertFalse(error.retryable)
        self.assertIn("no-such-deployment", str(error))

    def test_server_error_is_retryable_provider_unavailable(self) -> None:
        self.emulator.fault(kind="server-error", status=503)
        error = self.complete_error(hello())
        self.assertIsInstance(error, llm_errors.ProviderUnavailableError)
        self.assertTrue(error.retryable)

    def test_dropped_connection_is_a_network_error(self) -> None:
        self.emulator.fault(kind="drop-connection", times="always")
        error = self.complete_error(ChatRequest(messages=[Message(role="user", content="x")], metadata={"stream": False}))
        self.assertIsInstance(error, llm_errors.ProviderUnavailableError)
        self.assertTrue(error.retryable)

    def test_per_request_timeout_is_a_retryable_llm_timeout_error(self) -> None:
        self.emulator.fault(kind="latency", ms=30_000)
        request = ChatRequest(messages=[Message(role="user", content="x")], timeout=0.5)
        error = self.complete_error(request)
        self.assertIsInstance(error, llm_errors.LLMTimeoutError)
        self.assertTrue(error.retryable)

    def test_cancelling_the_task_aborts_the_azure_call(self) -> None:
        self.emulator.fault(kind="latency", ms=60_000)

        async def scenario() -> float:
            task = asyncio.create_task(self.provider.complete(hello()))
            # Wait until the request reached the emulator (llm:request was re-emitted).
            while "llm:request" not in self.coordinator.hooks.names():
                await asyncio.sleep(0.01)
            started = time.monotonic()
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            # The Node side aborted the call: its llm:response (error AbortedError) arrives.
            while "llm:response" not in self.coordinator.hooks.names():
                await asyncio.sleep(0.01)
            return time.monotonic() - started

        self.run_async(scenario(), timeout=30)
        response = dict(self.coordinator.hooks.events)["llm:response"]
        self.assertEqual(response["status"], "error")
        self.assertEqual(response["error"]["type"], "AbortedError")
        # The bridge still works afterwards.
        self.emulator.command("clear")
        self.assertEqual(self.run_async(self.provider.complete(hello())).content[0].text, "Echo: hello")


@unittest.skipIf(NODE is None, "node is not on PATH")
class RateLimitTests(BridgeTestCase, unittest.TestCase):
    """Own mount: a 429 puts the deployment in cooldown for the provider's later calls."""

    def complete_error(self, request: ChatRequest) -> llm_errors.LLMError:
        with self.assertRaises(llm_errors.LLMError) as caught:
            self.run_async(self.provider.complete(request))
        return caught.exception

    def test_429_is_a_retryable_rate_limit_error_with_retry_after(self) -> None:
        self.emulator.fault(kind="rate-limit", retryAfterMs=2500)
        error = self.complete_error(hello())
        self.assertIsInstance(error, llm_errors.RateLimitError)
        self.assertTrue(error.retryable)
        self.assertEqual(error.retry_after, 2.5)
        self.assertEqual(error.status_code, 429)
        self.assertEqual(error.provider, "azure-openai")


@unittest.skipIf(NODE is None, "node is not on PATH")
class AuthenticationTests(BridgeTestCase, unittest.TestCase):
    WRONG_KEY = "wrong-key-0123456789abcdef"
    mount_config = {"api_key": WRONG_KEY}

    def test_401_is_an_authentication_error_without_the_key(self) -> None:
        with self.assertRaises(llm_errors.AuthenticationError) as caught:
            self.run_async(self.provider.complete(hello()))
        error = caught.exception
        self.assertEqual(error.status_code, 401)
        self.assertFalse(error.retryable)
        self.assertNotIn(self.WRONG_KEY, str(error))
        self.assertNotIn(self.WRONG_KEY, repr(error))
        for _, payload in self.coordinator.hooks.events:
            self.assertNotIn(self.WRONG_KEY, repr(payload))


@unittest.skipIf(NODE is None, "node is not on PATH")
class ConfigurationTests(unittest.TestCase):
    def test_invalid_config_raises_configuration_error_listing_the_problem(self) -> None:
        coordinator = MockCoordinator()
        with self.assertRaises(llm_errors.ConfigurationError) as caught:
            asyncio.run(
                mount(coordinator, {"azure_endpoint": "https://x.openai.azure.com", "api_key": "k" * 20, "temperature": 7})
            )
        self.assertIn("temperature", str(caught.exception))
        self.assertEqual(coordinator.mounted, {})

    def test_not_configured_mounts_nothing_and_returns_none(self) -> None:
        coordinator = MockCoordinator()
        with self.assertLogs("amplifier_module_provider_azure_openai", level="WARNING") as logs:
            cleanup = asyncio.run(mount(coordinator, {"azure_endpoint": "", "api_key": ""}))
        self.assertIsNone(cleanup)
        self.assertEqual(coordinator.mounted, {})
        self.assertIn("not mounted", "\n".join(logs.output))


if __name__ == "__main__":
    unittest.main()
