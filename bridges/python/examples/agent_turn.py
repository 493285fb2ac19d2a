"""One agent turn through the Python bridge: Python -> Node host -> Azure OpenAI (or the emulator).

    AZURE_OPENAI_ENDPOINT=... AZURE_OPENAI_API_KEY=... python3 bridges/python/examples/agent_turn.py

Optional: AZURE_OPENAI_BRIDGE_CONFIG='{"deployment_mapping": {...}, "default_model": "gpt-5"}'
(JSON, merged into the provider config). Prints every event the bridge re-emitted on the
coordinator's hooks (a block's stream deltas as one line: their count and text), the tool call,
and the answer. Uses amplifier_core when it is installed,
else the stand-in this package's tests use.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
try:
    import amplifier_core  # noqa: F401
except ImportError:
    sys.path.insert(0, str(HERE.parent / "tests" / "_standin"))

from amplifier_core.message_models import ChatRequest, Message  # noqa: E402

from amplifier_module_provider_azure_openai import mount  # noqa: E402

PROMPT = "What's the weather in Paris?"
WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather of a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


def summary(payload: dict[str, Any]) -> str:
    keys = (
        "model",
        "deployment",
        "stream",
        "status",
        "finish_reason",
        "usage",
        "block_index",
        "block_type",
        "name",
        "error",
    )
    return json.dumps({key: payload[key] for key in keys if key in payload}, separators=(", ", ": "))


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


class PrintingHooks:
    """Prints each event; a block's llm:stream_block_delta events as one line (count and text)."""

    def __init__(self) -> None:
        self.deltas: dict[Any, tuple[int, str]] = {}

    async def emit(self, event: str, data: dict[str, Any]) -> None:
        index = data.get("block_index")
        if event == "llm:stream_block_delta":
            count, text = self.deltas.get(index, (0, ""))
            self.deltas[index] = (count + 1, text + str(data.get("text", "")))
            return
        if event in ("llm:stream_block_end", "llm:stream_aborted"):
            for block in [index] if event == "llm:stream_block_end" else list(self.deltas):
                count, text = self.deltas.pop(block, (0, ""))
                if count:
                    print(
                        f"  event       llm:stream_block_delta x{count} {json.dumps(shorten(text))}",
                        flush=True,
                    )
        print(f"  event       {event} {summary(data)}", flush=True)


class DemoCoordinator:
    """The part of Amplifier's coordinator a provider module uses, printing events."""

    def __init__(self) -> None:
        self.hooks = PrintingHooks()
        self.providers: dict[str, Any] = {}

    async def mount(self, mount_point: str, module: Any, name: str | None = None) -> None:
        self.providers[name or module.name] = module

    def register_contributor(self, channel: str, name: str, callback: Any) -> None:
        pass


async def main() -> int:
    config: dict[str, Any] = json.loads(os.environ.get("AZURE_OPENAI_BRIDGE_CONFIG") or "{}")
    coordinator = DemoCoordinator()
    cleanup = await mount(coordinator, config)
    if cleanup is None:
        print("azure-openai was not mounted: set AZURE_OPENAI_ENDPOINT and a credential.")
        return 1
    provider = coordinator.providers["azure-openai"]
    try:
        print(f"  user        {PROMPT}", flush=True)
        messages = [Message(role="user", content=PROMPT)]
        first = await provider.complete(ChatRequest(messages=messages, tools=[WEATHER_TOOL]))
        calls = provider.parse_tool_calls(first)
        results = []
        for call in calls:
            print(f"  assistant   {call.name}({json.dumps(call.arguments)})", flush=True)
            output = f"sunny, 21 C in {call.arguments.get('city', '?')}"
            print(f"  tool        {call.name} -> {output}", flush=True)
            results.append({"type": "tool_result", "tool_call_id": call.id, "output": output})
        if calls:
            messages.append(Message(role="assistant", content=first.content))
            for result in results:
                messages.append(Message(role="tool", tool_call_id=result["tool_call_id"], content=[result]))
            final = await provider.complete(ChatRequest(messages=messages, tools=[WEATHER_TOOL]))
        else:
            final = first
        text = "".join(block.text for block in final.content if block.type == "text")
        print(f"  assistant   {text}", flush=True)
        return 0
    finally:
        await cleanup()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
