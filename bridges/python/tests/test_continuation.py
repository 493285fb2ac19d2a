"""auto_continue, the retry settings and a broken stream's retry, through the real bridge."""

from __future__ import annotations

import unittest

from support import (  # noqa: F401 (sys.path set-up)
    BridgeTestCase,
    NODE,
    assert_no_children,
)

from amplifier_core.llm_errors import LLMError
from amplifier_core.message_models import ChatRequest, Message

ASK = ChatRequest(messages=[Message(role="user", content="long answer 40 words")])


def text_of(response) -> str:
    return "".join(block.text for block in response.content if block.type == "text")


def tearDownModule() -> None:
    assert_no_children(__name__)


@unittest.skipIf(NODE is None, "node is not on PATH")
class ContinuationTests(BridgeTestCase, unittest.TestCase):
    mount_config = {
        "auto_continue": True,
        "max_tokens": 16,
        "max_retries": 2,
        "min_retry_delay": 0.01,
        "max_retry_delay": 0.05,
        "retry_jitter": False,
        "enable_response_chaining": "auto",
    }

    def test_a_cut_off_answer_is_continued_and_merged_with_events(self) -> None:
        response = self.run_async(self.provider.complete(ASK))
        self.assertEqual(len(text_of(response).split(" ")), 40)
        self.assertEqual(response.finish_reason, "stop")
        self.assertEqual(response.metadata["continuation_count"], 2)
        self.assertEqual(response.usage.output_tokens, 40)
        continuations = [
            payload
            for name, payload in self.coordinator.hooks.events
            if name == "provider:incomplete_continuation"
        ]
        self.assertEqual([c["continuation_number"] for c in continuations], [1, 2])
        self.assertTrue(all(c["reason"] == "max_output_tokens" for c in continuations))

    def test_the_auto_continue_keyword_turns_it_off_for_one_call(self) -> None:
        response = self.run_async(self.provider.complete(ASK, auto_continue=False))
        self.assertEqual(response.finish_reason, "length")
        self.assertEqual(len(text_of(response).split(" ")), 16)
        with self.assertRaises(LLMError):
            self.run_async(self.provider.complete(ASK, auto_continue="yes"))

    def test_a_stream_dropped_midway_is_retried_and_the_retry_is_re_emitted(self) -> None:
        self.emulator.fault(kind="drop-mid-stream", afterEvents=5)
        response = self.run_async(
            self.provider.complete(ChatRequest(messages=[Message(role="user", content="hello")]))
        )
        self.assertEqual(text_of(response), "Echo: hello")
        names = self.coordinator.hooks.names()
        self.assertIn("llm:stream_aborted", names)
        retry = dict(self.coordinator.hooks.events)["provider:retry"]
        self.assertEqual(retry["reason"], "stream_interrupted")
        self.assertEqual(retry["delay_ms"], 10)
        self.assertNotIn("provider:error", names)


if __name__ == "__main__":
    unittest.main()
