"""Turns through the real bridge: Python -> Node host (bundle) -> the emulator on 127.0.0.1."""

from __future__ import annotations

import unittest

from support import BridgeTestCase, NODE, assert_no_children  # noqa: F401 (sys.path set-up)

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
        for name in ("provider:retry", "provider:throttle", "llm:request", "llm:response"):
            self.assertIn(name, events)

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
        self.assertEqual(names[:1], ["llm:request"])
        self.assertEqual(names[-1], "llm:response")
        request = dict(self.coordinator.hooks.events)["llm:request"]
        response = dict(self.coordinator.hooks.events)["llm:response"]
        self.assertEqual(request["provider"], "azure-openai")
        self.assertEqual(response["status"], "ok")
        self.assertIn("input_tokens", response["usage"])

    def test_streaming_is_on_by_default_and_off_per_request(self) -> None:
        # The provider streams internally; llm:stream_block_* events are forwarded when the Node
        # provider emits them (it does not yet on this branch), so this checks the stream flag the
        # provider reports on llm:request, which the bridge sets per the streaming contract.
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


if __name__ == "__main__":
    unittest.main()
