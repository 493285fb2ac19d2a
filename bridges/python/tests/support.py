"""Shared test support: amplifier_core (real or stand-in), the emulator child, process checks."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
PACKAGE_ROOT = TESTS.parent
REPO_ROOT = PACKAGE_ROOT.parent.parent
SRC = PACKAGE_ROOT / "src"

if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

try:  # the real kernel when it is installed, else the stand-in
    import amplifier_core  # noqa: F401

    REAL_AMPLIFIER_CORE = not getattr(amplifier_core, "STANDIN", False)
except ImportError:
    sys.path.insert(0, str(TESTS / "_standin"))
    REAL_AMPLIFIER_CORE = False

from amplifier_core.testing import MockCoordinator  # noqa: E402

NODE = shutil.which("node")

#: The config the tests mount with, besides the emulator's endpoint and key.
EMULATOR_CONFIG: dict[str, Any] = {
    "deployment_mapping": {"gpt-5": "production-gpt5", "gpt-4o": "gpt-4o"},
    "default_model": "gpt-4o",
    "max_retries": 0,
}


class EmulatorProcess:
    """The project's emulator as a child process (tests/emulator_host.mjs), with fault control."""

    def __init__(self) -> None:
        if NODE is None:
            raise RuntimeError("node is not on PATH")
        self.process = subprocess.Popen(
            [NODE, str(TESTS / "emulator_host.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=str(PACKAGE_ROOT),
        )
        assert self.process.stdout is not None
        ready = json.loads(self.process.stdout.readline() or "{}")
        if not ready.get("ready"):
            self.close()
            raise RuntimeError("the emulator did not start (is it built? run pnpm build)")
        self.url: str = ready["url"]
        self.api_key: str = ready["apiKey"]

    def command(self, op: str, **fields: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if not answer.get("ok"):
            raise RuntimeError(answer.get("error"))
        return answer

    def fault(self, **spec: Any) -> None:
        self.command("fault", spec=spec)

    def config(self, **extra: Any) -> dict[str, Any]:
        return {"azure_endpoint": self.url, "api_key": self.api_key, **EMULATOR_CONFIG, **extra}

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def pid_alive(pid: int) -> bool:
    """True while a process with this pid exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(") ", 1)[1].split(" ", 1)[0] != "Z"
    except OSError:
        return True


def wait_gone(pid: int, timeout: float = 15.0) -> bool:
    """Waits until the process is gone; True when it is."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return not pid_alive(pid)


def child_pids() -> set[int]:
    """Pids of this process's live children (from /proc)."""
    children: set[int] = set()
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().split(") ", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me and fields[0] != "Z":
            children.add(int(entry.name))
    return children


def run(coro: Any) -> Any:
    """Runs a coroutine on a fresh event loop."""
    return asyncio.run(coro)


__all__ = [
    "EMULATOR_CONFIG",
    "EmulatorProcess",
    "MockCoordinator",
    "NODE",
    "REAL_AMPLIFIER_CORE",
    "child_pids",
    "pid_alive",
    "run",
    "wait_gone",
]


class BridgeTestCase:
    """Mixin: one event loop, one emulator and one mounted bridge for a whole test class."""

    mount_config: dict[str, Any] = {}
    loop: asyncio.AbstractEventLoop
    emulator: EmulatorProcess
    coordinator: Any
    provider: Any
    cleanup: Any

    @classmethod
    def setUpClass(cls) -> None:
        from amplifier_module_provider_azure_openai import mount

        cls.loop = asyncio.new_event_loop()
        cls.emulator = EmulatorProcess()
        cls.coordinator = MockCoordinator()
        try:
            cls.cleanup = cls.loop.run_until_complete(
                mount(cls.coordinator, cls.emulator.config(**cls.mount_config))
            )
        except BaseException:
            cls.emulator.close()
            cls.loop.close()
            raise
        cls.provider = cls.coordinator.mounted["providers"]["azure-openai"]

    @classmethod
    def tearDownClass(cls) -> None:
        try:
            if cls.cleanup is not None:
                cls.loop.run_until_complete(cls.cleanup())
        finally:
            cls.emulator.close()
            cls.loop.close()

    def setUp(self) -> None:
        self.emulator.command("clear")
        self.coordinator.hooks.clear()

    def run_async(self, coro: Any, timeout: float = 60.0) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))


def assert_no_children(test_module: str) -> None:
    """tearDownModule check: this process has no child process left."""
    left = child_pids()
    if left:
        raise AssertionError(f"{test_module} left child processes behind: {sorted(left)}")
