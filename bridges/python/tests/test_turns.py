"""Turns through the real bridge: Python -> Node host (bundle) -> the emulator on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import unittest
import uuid

from support import (  # noqa: F401 (sys.path set-up)
    BridgeTestCase,
    NODE,
    PACKAGE_ROOT,
    assert_no_children,
)

from amplifier_core.llm_errors import LLMError
from amplifier_core.message_models import ChatRequest, ChatResponse, Message, ToolCall
from amplifier_core.models import ModelInfo, ProviderInfo

WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather of a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}

#: The four events of Amplifier's provider streaming contract.
STREAM_EVENTS = (
    "llm:stream_block_start",
    "llm:stream_block_delta",
    "llm:stream_block_end",
    "llm:stream_aborted",
)


def declared_events() -> list[str]:
    """The adapter's PROVIDER_EVENTS (= the Node provider's DECLARED_EVENTS), read by node."""
    script = (
        "import { PROVIDER_EVENTS } from 'amplifier-module-provider-azure-openai';"
        "process.stdout.write(JSON.stringify(PROVIDER_EVENTS));"
    )
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        cwd=str(PACKAGE_ROOT),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def tearDownModule() -> None:
    assert_no_children(__name__)


@unittest.skipIf(NODE is None, "node is not on PATH")
class TurnTests(BridgeTestCase, unittest.TestCase):
    mount_config = {"reasoning_summary": "auto"}

    def test_mount_registers_the_provider_and_its_events(self) -> None:
        self.assertIs(self.coordinator.mounted["providers"]["azure-openai"], self.provider)
        self.assertEqual(self.provider.name, "azure-openai")
        channels = {(channel, name) for channel, name, _ in self.coordinator.contributors}
        self.assertIn(("observability.events", "provider-azure-openai"), channels)
        events = next(cb for ch, _, cb in self.coordinator.contributors if ch == "observability.events")()
        # One source of truth: the Node host answers `mount` with the provider's DECLARED_EVENTS.
        self.assertEqual(events, declared_events())
        self.assertEqual(len(events), len(set(events)), "no event is declared twice")
        for name in STREAM_EVENTS + ("provider:resolve", "provider:retry", "provider:throttle"):
            self.assertIn(name, events)
        # llm:request / llm:response are kernel-standard: forwarded, never declared.
        self.assertNotIn("llm:request", events)
        self.assertNotIn("llm:response", events)

    def test_get_info(self) -> None:
        info = self.provider.get_info()
        self.assertIsInstance(info, ProviderInfo)
        self.assertEqual(info.id, "azure-openai")
        self.assertEqual(info.display_name, "Azure OpenAI")
        self.assertIn("AZURE_OPENAI_API_KEY", info.credential_env_vars)
        self.assertIn("tools", info.capabilities)
        self.assertIn("azure_endpoint", [field.id for field in info.config_fields])

    def test_list_models(self) -> None:
        models = self.run_async(self.provider.list_models())
        self.assertTrue(models)
        self.assertTrue(all(isinstance(model, ModelInfo) for model in models))
        self.assertIn("gpt-5", [model.id for model in models])

    def test_text_turn(self) -> None:
        response = self.run_async(
            self.provider.complete(ChatRequest(messages=[Message(role="user", content="hello bridge")]))
        )
        self.assertIsInstance(response, ChatResponse)
        self.assertEqual(response.content[0].type, "text")
        self.assertEqual(response.content[0].text, "Echo: hello bridge")
        self.assertEqual(response.finish_reason, "stop")
        self.assertGreater(response.usage.input_tokens, 0)
        self.assertEqual(
            response.usage.total_tokens, response.usage.input_tokens + response.usage.output_tokens
        )
        self.assertEqual(response.metadata["deployment"], "gpt-4o")
        self.assertEqual(self.provider.parse_tool_calls(response), [])

    def test_events_are_re_emitted_on_coordinator_hooks(self) -> None:
        self.run_async(self.provider.complete(ChatRequest(messages=[Message(role="user", content="hi")])))
        names = self.coordinator.hooks.names()
        # The deployment resolution, the request, the streamed text block, the response.
        self.assertEqual(names[:3], ["provider:resolve", "llm:request", "llm:stream_block_start"])
        self.assertEqual(names[-2:], ["llm:stream_block_end", "llm:response"])
        self.assertTrue(all(name == "llm:stream_block_delta" for name in names[3:-2]))
        self.assertEqual(dict(self.coordinator.hooks.events)["provider:resolve"]["deployment"], "gpt-4o")
        request = dict(self.coordinator.hooks.events)["llm:request"]
        response = dict(self.coordinator.hooks.events)["llm:response"]
        self.assertEqual(request["provider"], "azure-openai")
        self.assertEqual(response["status"], "ok")
        self.assertIn("input_tokens", response["usage"])

    def test_streaming_is_on_by_default_and_off_per_request(self) -> None:
        # The stream flag the provider reports on llm:request, which the bridge sets per the
        # streaming contract (the block events themselves: StreamingContractTests).
        self.run_async(self.provider.complete(ChatRequest(messages=[Message(role="user", content="a")])))
        self.assertIs(dict(self.coordinator.hooks.events)["llm:request"]["stream"], True)
        self.coordinator.hooks.clear()
        self.run_async(
            self.provider.complete(
                ChatRequest(messages=[Message(role="user", content="b")], metadata={"stream": False})
            )
        )
        self.assertIs(dict(self.coordinator.hooks.events)["llm:request"]["stream"], False)
        blocks = [e for e in self.coordinator.hooks.events if e[0].startswith("llm:stream_block")]
        self.assertEqual(blocks, [], "a non-streaming call emits no llm:stream_* events")

    def test_tool_call_turn_then_second_turn_replaying_the_answer(self) -> None:
        question = Message(role="user", content="What's the weather in Paris?")
        first = self.run_async(
            self.provider.complete(
                ChatRequest(model="gpt-5", messages=[question], tools=[WEATHER_TOOL])
            )
        )
        self.assertEqual(first.finish_reason, "tool_calls")
        calls = self.provider.parse_tool_calls(first)
        self.assertEqual(len(calls), 1)
        self.assertIsInstance(calls[0], ToolCall)
        self.assertEqual((calls[0].name, calls[0].arguments), ("get_weather", {"city": "Paris"}))
        # Reasoning: a thinking block carrying [encrypted_content, reasoning item id]; usage
        # with reasoning tokens.
        thinking = [block for block in first.content if block.type == "thinking"]
        self.assertEqual(len(thinking), 1)
        self.assertTrue(thinking[0].content[0].startswith("gAAAA"))
        self.assertTrue(thinking[0].content[1].startswith("rs_"))
        self.assertGreater(first.usage.reasoning_tokens, 0)

        second = self.run_async(
            self.provider.complete(
                ChatRequest(
                    model="gpt-5",
                    tools=[WEATHER_TOOL],
                    messages=[
                        question,
                        Message(role="assistant", content=first.content),
                        Message(
                            role="tool",
                            tool_call_id=calls[0].id,
                            content=[
                                {"type": "tool_result", "tool_call_id": calls[0].id, "output": "sunny, 21 C"}
                            ],
                        ),
                    ],
                )
            )
        )
        text = "".join(block.text for block in second.content if block.type == "text")
        self.assertIn("Based on the tool results: get_weather", text)
        self.assertIn("sunny, 21 C", text)
        # The emulator caches half the input when it has 2+ items: cache tokens reach Python.
        self.assertGreater(second.usage.cache_read_tokens, 0)
        sent = self.emulator.command("last")["body"]
        reasoning_items = [item for item in sent["input"] if item.get("type") == "reasoning"]
        self.assertEqual(reasoning_items[0]["encrypted_content"], thinking[0].content[0])

    def test_a_hosted_tool_item_survives_the_bridge_and_is_replayed(self) -> None:
        question = Message(role="user", content="run python to print hello")
        metadata = {"native_tools": ["code_interpreter"]}
        first = self.run_async(
            self.provider.complete(ChatRequest(model="gpt-5", messages=[question], metadata=metadata))
        )
        self.assertIsInstance(first, ChatResponse)
        self.assertEqual(first.tool_calls or [], [])
        hosted = [block for block in first.content if block.type == "reasoning"]
        self.assertEqual(len(hosted), 1)
        item = hosted[0].content[0]
        self.assertEqual(item["type"], "code_interpreter_call")
        self.assertTrue(item["id"].startswith("ci_"))
        self.assertEqual(hosted[0].summary, ["code_interpreter (completed)"])
        # Vendor fields survive the stand-in's validation (extra="allow").
        self.assertEqual(getattr(hosted[0], "native_tool", None), "code_interpreter_call")

        second = self.run_async(
            self.provider.complete(
                ChatRequest(
                    model="gpt-5",
                    metadata=metadata,
                    messages=[
                        question,
                        Message(role="assistant", content=first.content),
                        Message(role="user", content="thanks"),
                    ],
                )
            )
        )
        self.assertEqual(second.finish_reason, "stop")
        sent = self.emulator.command("last")["body"]
        replayed = [entry for entry in sent["input"] if entry.get("type") == "code_interpreter_call"]
        self.assertEqual(replayed, [item])

    def test_malformed_tool_arguments_are_kept_with_the_parse_error(self) -> None:
        self.emulator.fault(kind="malformed-tool-arguments")
        response = self.run_async(
            self.provider.complete(
                ChatRequest(
                    messages=[Message(role="user", content="What's the weather in Oslo?")],
                    tools=[WEATHER_TOOL],
                )
            )
        )
        calls = self.provider.parse_tool_calls(response)
        self.assertEqual(len(calls), 1, "the malformed call is not dropped")
        extra = calls[0].model_dump()
        self.assertEqual(extra["raw_arguments"], '{"city":"Oslo')
        self.assertIn("not valid JSON", extra["parse_error"])
        self.assertEqual(calls[0].arguments, {})

    def test_a_dict_request_with_a_json_schema_format(self) -> None:
        response = self.run_async(
            self.provider.complete(
                {
                    "messages": [{"role": "user", "content": "name Paris"}],
                    "response_format": {
                        "type": "json_schema",
                        "json_schema": {
                            "type": "object",
                            "properties": {"city": {"type": "string"}},
                            "required": ["city"],
                        },
                    },
                }
            )
        )
        sent = self.emulator.command("last")["body"]
        self.assertEqual(sent["text"]["format"]["type"], "json_schema")
        self.assertIn("city", response.content[0].text)


@unittest.skipIf(NODE is None, "node is not on PATH")
class StreamingContractTests(BridgeTestCase, unittest.TestCase):
    """provider-streaming-contract.md, as a Python host sees it on coordinator.hooks."""

    mount_config = {"reasoning_summary": "auto"}

    def stream_events(self) -> list[tuple[str, dict]]:
        return [(name, payload) for name, payload in self.coordinator.hooks.events if name in STREAM_EVENTS]

    def test_a_streamed_turn_emits_the_block_events_per_the_contract(self) -> None:
        question = Message(role="user", content="What's the weather in Paris?")
        response = self.run_async(
            self.provider.complete(ChatRequest(model="gpt-5", messages=[question], tools=[WEATHER_TOOL]))
        )
        names = self.coordinator.hooks.names()
        events = self.stream_events()
        self.assertTrue(events)
        # Between llm:request and llm:response, nothing after the response.
        first = names.index("llm:stream_block_start")
        self.assertLess(names.index("llm:request"), first)
        self.assertEqual(names[-1], "llm:response")
        # One request_id (a uuid4) on every event of the call.
        request_ids = {payload["request_id"] for _, payload in events}
        self.assertEqual(len(request_ids), 1)
        self.assertEqual(uuid.UUID(request_ids.pop()).version, 4)
        # One 0-based block index space across types, blocks in order: thinking, then the tool call.
        starts = [payload for name, payload in events if name == "llm:stream_block_start"]
        self.assertEqual([start["block_index"] for start in starts], list(range(len(starts))))
        self.assertEqual([start["block_type"] for start in starts], ["thinking", "tool_use"])
        self.assertEqual(starts[1]["name"], "get_weather")
        self.assertNotIn("name", starts[0])
        open_blocks: dict[int, str] = {}
        sequences: dict[int, list[int]] = {}
        text: dict[int, str] = {}
        for name, payload in events:
            index = payload["block_index"]
            if name == "llm:stream_block_start":
                self.assertNotIn(index, open_blocks)
                self.assertEqual(set(payload) - {"name"}, {"request_id", "block_index", "block_type"})
                open_blocks[index] = payload["block_type"]
            elif name == "llm:stream_block_delta":
                self.assertEqual(
                    set(payload), {"request_id", "block_index", "block_type", "sequence", "text"}
                )
                self.assertEqual(payload["block_type"], open_blocks[index], "delta inside its open block")
                self.assertNotEqual(payload["block_type"], "tool_use", "no deltas for tool input")
                self.assertTrue(payload["text"], "empty fragments are never emitted")
                sequences.setdefault(index, []).append(payload["sequence"])
                text[index] = text.get(index, "") + payload["text"]
            elif name == "llm:stream_block_end":
                self.assertEqual(set(payload), {"request_id", "block_index", "block_type"})
                self.assertEqual(open_blocks.pop(index), payload["block_type"])
            else:
                self.fail(f"unexpected {name} in a successful stream")
        self.assertEqual(open_blocks, {}, "every started block ended")
        for index, seen in sequences.items():
            self.assertEqual(seen, list(range(len(seen))), f"block {index}: per-block 0-based sequence")
        # The thinking deltas are the reasoning summary the response carries.
        self.assertIn("get_weather", text[0])
        self.assertEqual(response.finish_reason, "tool_calls")

    def test_metadata_stream_false_emits_no_stream_events(self) -> None:
        response = self.run_async(
            self.provider.complete(
                ChatRequest(messages=[Message(role="user", content="quiet")], metadata={"stream": False})
            )
        )
        self.assertEqual(response.content[0].text, "Echo: quiet")
        self.assertEqual(self.stream_events(), [])
        self.assertEqual(self.coordinator.hooks.names(), ["provider:resolve", "llm:request", "llm:response"])

    def test_a_stream_failing_after_a_delta_emits_stream_aborted_before_the_error(self) -> None:
        # Events: created, in_progress, output_item.added, content_part.added, the first delta.
        self.emulator.fault(kind="stream-error", afterEvents=5)
        seen_when_raised: list[str] = []

        async def call() -> None:
            try:
                await self.provider.complete(
                    ChatRequest(messages=[Message(role="user", content="hello there friend")])
                )
            except LLMError:
                seen_when_raised.extend(self.coordinator.hooks.names())
                raise

        with self.assertRaises(LLMError) as raised:
            self.run_async(call())
        self.assertTrue(raised.exception.retryable)
        events = self.stream_events()
        names = [name for name, _ in events]
        self.assertEqual(names[0], "llm:stream_block_start")
        self.assertIn("llm:stream_block_delta", names)
        self.assertEqual(names[-1], "llm:stream_aborted")
        self.assertNotIn("llm:stream_block_end", names, "the open block is aborted, not ended")
        self.assertIn("llm:stream_aborted", seen_when_raised, "emitted before the error is raised")
        aborted = events[-1][1]
        self.assertEqual(set(aborted), {"request_id", "error"})
        self.assertEqual(aborted["request_id"], events[0][1]["request_id"])
        self.assertEqual(set(aborted["error"]), {"type", "msg"})
        self.assertEqual(aborted["error"]["type"], "ServiceUnavailableError")
        self.assertIn("mid-answer", aborted["error"]["msg"])

    def test_a_stream_failing_before_any_delta_emits_no_stream_aborted(self) -> None:
        self.emulator.fault(kind="stream-error", afterEvents=2)
        with self.assertRaises(LLMError):
            self.run_async(
                self.provider.complete(ChatRequest(messages=[Message(role="user", content="hello")]))
            )
        self.assertNotIn("llm:stream_aborted", self.coordinator.hooks.names())
        self.assertEqual(self.coordinator.hooks.names()[-1], "llm:response")


if __name__ == "__main__":
    unittest.main()
