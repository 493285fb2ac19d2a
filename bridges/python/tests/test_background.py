"""Background responses through the real bridge (Node child) and the emulator."""

from __future__ import annotations

import asyncio
import time
import unittest
from typing import Any

from support import NODE, BridgeTestCase, assert_no_children

from amplifier_core.message_models import ChatRequest, Message


def tearDownModule() -> None:
    assert_no_children(__name__)


def hello(model: str | None = None) -> ChatRequest:
    return ChatRequest(model=model, messages=[Message(role="user", content="hello")])


@unittest.skipIf(NODE is None, "node is not on PATH")
class BackgroundTests(BridgeTestCase, unittest.TestCase):
    # The config keys flow through the bridge to the Node provider.
    mount_config = {
        "store": True,
        "background": True,
        "poll_interval": 0.02,
        "background_timeout": 60,
        "deployment_mapping": {"gpt-4o": "gpt-4o", "endless": "endless"},
    }

    def background(self) -> list[dict[str, Any]]:
        return self.emulator.command("background")["responses"]

    def test_completes_after_polling(self) -> None:
        response = self.run_async(self.provider.complete(hello()))
        self.assertEqual(response.content[0].text, "Echo: hello")
        response_id = response.metadata["response_id"]
        record = next(r for r in self.background() if r["id"] == response_id)
        self.assertEqual(record["status"], "completed")
        self.assertGreaterEqual(record["polls"], 1)
        self.assertIn("provider:background_poll", self.coordinator.hooks.names())

    def test_cancelling_the_task_cancels_the_background_response(self) -> None:
        async def scenario() -> None:
            task = asyncio.create_task(self.provider.complete(hello("endless")))
            while "provider:background_poll" not in self.coordinator.hooks.names():
                await asyncio.sleep(0.01)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task

        self.run_async(scenario(), timeout=30)
        deadline = time.monotonic() + 20
        cancelled: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            cancelled = [r for r in self.background() if r["status"] == "cancelled"]
            if cancelled:
                break
            time.sleep(0.05)
        self.assertEqual(len(cancelled), 1)
        self.assertEqual(cancelled[0]["cancelRequests"], 1)
        # The bridge still works afterwards.
        self.assertEqual(self.run_async(self.provider.complete(hello())).content[0].text, "Echo: hello")

    def test_background_keyword_argument_turns_it_off_for_one_call(self) -> None:
        before = len(self.background())
        response = self.run_async(self.provider.complete(hello(), background=False))
        self.assertEqual(response.content[0].text, "Echo: hello")
        self.assertEqual(len(self.background()), before)

    def test_resumes_a_background_response_by_id(self) -> None:
        async def scenario() -> str:
            task = asyncio.create_task(self.provider.complete(hello()))
            response = await task
            return response.metadata["response_id"]

        response_id = self.run_async(scenario())
        # Resuming a finished one answers at once with the same response.
        resumed = self.run_async(
            self.provider.complete(
                ChatRequest(messages=[]), background_response_id=response_id
            )
        )
        self.assertEqual(resumed.metadata["response_id"], response_id)
        self.assertEqual(resumed.content[0].text, "Echo: hello")


if __name__ == "__main__":
    unittest.main()
