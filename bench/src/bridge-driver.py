"""Bench driver for case 7: the Python bridge (Python -> Node host -> emulator) in a process of its
own. Reads one JSON command per line on stdin and answers one JSON line:

    {"op": "mount", "config": {...}}          -> {"ok": true, "node_pid": N}
    {"op": "batch", "request": {...}, "n": N} -> {"ok": true, "ms": wall, "cpu_us": this process, "latencies": [ms...]}

Calls run one after another (concurrency 1). Exits when stdin closes; cleanup stops the Node child.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

BRIDGE = Path(__file__).resolve().parents[2] / "bridges" / "python"
sys.path.insert(0, str(BRIDGE / "src"))
try:
    import amplifier_core  # noqa: F401
except ImportError:
    sys.path.insert(0, str(BRIDGE / "tests" / "_standin"))

from amplifier_core.message_models import ChatRequest  # noqa: E402

from amplifier_module_provider_azure_openai import mount  # noqa: E402


class Hooks:
    async def emit(self, event, data):  # events are re-emitted as in a session; nobody listens
        return None


class Coordinator:
    def __init__(self) -> None:
        self.hooks = Hooks()
        self.providers = {}

    async def mount(self, mount_point, module, name=None):
        self.providers[name] = module

    def register_contributor(self, channel, name, callback):
        pass


async def main() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    coordinator = Coordinator()
    cleanup = None
    provider = None

    def reply(value) -> None:
        sys.stdout.write(json.dumps(value) + "\n")
        sys.stdout.flush()

    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            command = json.loads(line)
            try:
                if command["op"] == "mount":
                    cleanup = await mount(coordinator, command["config"])
                    provider = coordinator.providers["azure-openai"]
                    reply({"ok": True, "node_pid": provider.node_pid})
                elif command["op"] == "batch":
                    request = ChatRequest.model_validate(command["request"])
                    latencies = []
                    cpu0 = time.process_time()
                    start = time.perf_counter()
                    for _ in range(int(command["n"])):
                        t0 = time.perf_counter()
                        await provider.complete(request)
                        latencies.append((time.perf_counter() - t0) * 1000)
                    ms = (time.perf_counter() - start) * 1000
                    cpu_us = (time.process_time() - cpu0) * 1e6
                    reply({"ok": True, "ms": ms, "cpu_us": cpu_us, "latencies": latencies})
                else:
                    reply({"ok": False, "error": f"unknown op {command['op']}"})
            except Exception as error:  # reported to the bench, which fails the case
                reply({"ok": False, "error": f"{type(error).__name__}: {error}"})
    finally:
        if cleanup is not None:
            await cleanup()


asyncio.run(main())
