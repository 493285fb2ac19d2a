"""The bytes on the pipe: the fast request encoding gives the same JSON as the dict path, and the
reader takes answers split over chunks, large answers, other framings and the result fast path."""

from __future__ import annotations

import asyncio
import json
import tempfile
import unittest
from pathlib import Path

from support import NODE, assert_no_children

from amplifier_core.llm_errors import ProviderUnavailableError
from amplifier_core.message_models import ChatRequest

from amplifier_module_provider_azure_openai._node_host import NodeHost
from amplifier_module_provider_azure_openai._provider import (
    complete_params_json,
    request_to_json,
    wants_stream,
)


def tearDownModule() -> None:
    assert_no_children(__name__)


def _slow(request: object, stream: bool) -> dict:
    data = request_to_json(request)
    data["stream"] = stream
    return {"request": data}


class EncodingTests(unittest.TestCase):
    REQUESTS = [
        {"messages": [{"role": "user", "content": "Grüße, 東京 \u2028 \"quoted\" \\ done"}]},
        {
            "model": "gpt-5",
            "messages": [
                {"role": "system", "content": "Be brief."},
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "what is this?"},
                        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                    ],
                },
                {
                    "role": "assistant",
                    "content": [
                        {"type": "thinking", "thinking": "hm", "signature": "sig", "content": ["enc", {"id": "rs_1"}]},
                        {"type": "tool_call", "id": "c1", "name": "look", "input": {"q": [1, 2.5, None, True]}},
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": [{"type": "tool_result", "tool_call_id": "c1", "output": {"ok": 1}}]},
            ],
            "tools": [{"name": "look", "description": "Looks.", "parameters": {"type": "object"}}],
            "temperature": 0.2,
            "max_output_tokens": 100,
            "metadata": {"stream": False, "nested": {"a": [1, "b"]}},
            "tool_choice": {"type": "function", "name": "look"},
            "stream": True,
            "custom_extra": {"kept": True},
        },
        {
            "messages": [{"role": "user", "content": "x"}],
            "response_format": {"type": "json_schema", "json_schema": {"type": "object"}},
        },
    ]

    def test_the_fast_encoding_is_the_same_json_as_the_dict_path(self) -> None:
        for raw in self.REQUESTS:
            request = ChatRequest.model_validate(raw)
            for stream in (True, False):
                fast = complete_params_json(request, stream)
                self.assertIsInstance(fast, bytes)
                self.assertEqual(json.loads(fast), _slow(request, stream))
                self.assertEqual(json.loads(complete_params_json(raw, stream)), _slow(request, stream))

    def test_the_stream_flag_replaces_the_request_field_and_non_ascii_stays_utf8(self) -> None:
        request = ChatRequest.model_validate(self.REQUESTS[1])
        encoded = complete_params_json(request, False)
        self.assertEqual(encoded.count(b'"stream":'), 1 + encoded.count(b'"metadata":{"stream"'))
        self.assertIs(json.loads(encoded)["request"]["stream"], False)
        self.assertIn("東京".encode(), complete_params_json(ChatRequest.model_validate(self.REQUESTS[0]), True))

    def test_metadata_stream_false_turns_streaming_off(self) -> None:
        request = ChatRequest.model_validate(self.REQUESTS[1])
        self.assertFalse(wants_stream(request, True))
        self.assertFalse(wants_stream(self.REQUESTS[1], True))
        self.assertTrue(wants_stream(ChatRequest.model_validate(self.REQUESTS[0]), True))
        self.assertFalse(wants_stream(ChatRequest.model_validate(self.REQUESTS[0]), False))

    def test_a_value_the_serializer_refuses_still_fails_clearly(self) -> None:
        request = ChatRequest.model_validate({"messages": [{"role": "user", "content": "x"}]})
        request.metadata = {"handle": object()}
        with self.assertRaises(Exception) as caught:
            complete_params_json(request, False)
        self.assertIn("object", str(caught.exception))

    def test_anything_but_a_request_is_a_type_error(self) -> None:
        with self.assertRaises(TypeError):
            complete_params_json(["not", "a", "request"], False)


# A fake Node host: answers each request by its method, in the framings the tests need.
FAKE_HOST = r"""
const big = 'x'.repeat(3 * 1024 * 1024);
let buffer = '';
process.stdin.on('data', chunk => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\n')) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    const { id, method, params } = message;
    if (method === 'echo') {
      // event, then the answer, written byte by byte over several writes
      const text = JSON.stringify({ jsonrpc: '2.0', method: 'event', params: { name: 'e', payload: { n: 1 } } }) + '\n' +
        JSON.stringify({ jsonrpc: '2.0', id, result: params }) + '\n';
      let at = 0;
      const step = () => { if (at < text.length) { process.stdout.write(text.slice(at, at + 7)); at += 7; setImmediate(step); } };
      step();
    } else if (method === 'big') {
      process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result: { text: big } }) + '\n');
    } else if (method === 'spaced') {
      process.stdout.write(`{ "id": ${id}, "jsonrpc": "2.0", "result": {"a": [1, 2]} }\n`);
    } else if (method === 'surrogate') {
      process.stdout.write(`{"jsonrpc":"2.0","id":${id},"result":{"s":"\\ud800"}}\n`);
    } else if (method === 'huge') {
      process.stdout.write('{"jsonrpc":"2.0","id":' + id + ',"result":"' + big);
    }
  }
});
process.stdin.on('end', () => process.exit(0));
"""


@unittest.skipIf(NODE is None, "node is not on PATH")
class FramingTests(unittest.TestCase):
    def run_with_host(self, scenario) -> list:
        events: list = []

        async def on_event(name: str, payload: dict) -> None:
            events.append((name, payload))

        async def main() -> None:
            with tempfile.TemporaryDirectory() as folder:
                script = Path(folder) / "fake-host.mjs"
                script.write_text(FAKE_HOST)
                host = await NodeHost.start(NODE, on_event, bundle=script)
                try:
                    await scenario(host)
                finally:
                    host.kill()
                    await host.close(grace=2)

        asyncio.run(main())
        return events

    def test_answers_split_over_many_writes_arrive_whole_after_their_event(self) -> None:
        async def scenario(host: NodeHost) -> None:
            self.assertEqual(await host.request("echo", {"ü": "東京"}), {"ü": "東京"})
            raw = await host.request_json("echo", b'{"k":[1,{"z":null}]}')
            self.assertEqual(json.loads(raw), {"k": [1, {"z": None}]})

        events = self.run_with_host(scenario)
        self.assertEqual(events, [("e", {"n": 1}), ("e", {"n": 1})])

    def test_a_multi_megabyte_answer_over_several_reads(self) -> None:
        async def scenario(host: NodeHost) -> None:
            self.assertEqual(len((await host.request("big"))["text"]), 3 * 1024 * 1024)
            raw = await host.request_json("big", b"{}")
            self.assertIsInstance(raw, bytes)
            self.assertEqual(len(json.loads(raw)["text"]), 3 * 1024 * 1024)

        self.run_with_host(scenario)

    def test_another_framing_and_lone_surrogates_fall_back_to_the_json_module(self) -> None:
        async def scenario(host: NodeHost) -> None:
            self.assertEqual(await host.request_json("spaced", b"{}"), {"a": [1, 2]})
            self.assertEqual(await host.request("surrogate"), {"s": "\ud800"})

        self.run_with_host(scenario)

    def test_output_that_ends_mid_message_fails_the_call_instead_of_hanging(self) -> None:
        async def scenario(host: NodeHost) -> None:
            task = asyncio.ensure_future(host.request("huge"))
            await asyncio.sleep(0.5)
            host.kill()
            with self.assertRaises(ProviderUnavailableError):
                await asyncio.wait_for(task, timeout=10)

        self.run_with_host(scenario)


if __name__ == "__main__":
    unittest.main()
