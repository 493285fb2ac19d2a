"""The Node child's life: found or refused, shut down by cleanup, killed after the grace period,
and gone when its parent dies, even by SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from support import NODE, TESTS, MockCoordinator, assert_no_children, pid_alive, wait_gone

from amplifier_core.llm_errors import ConfigurationError, ProviderUnavailableError

from amplifier_module_provider_azure_openai import mount
from amplifier_module_provider_azure_openai._find_node import find_node
from amplifier_module_provider_azure_openai._node_host import NodeHost

CONFIG = {"azure_endpoint": "http://127.0.0.1:9", "api_key": "unused-key-123"}


def tearDownModule() -> None:
    assert_no_children(__name__)


class FindNodeTests(unittest.TestCase):
    def test_no_node_on_path_is_a_configuration_error_naming_what_to_install(self) -> None:
        with tempfile.TemporaryDirectory() as empty:
            with mock.patch.dict(os.environ, {"PATH": empty}):
                with self.assertRaises(ConfigurationError) as caught:
                    asyncio.run(mount(MockCoordinator(), CONFIG))
        message = str(caught.exception)
        self.assertIn("no `node` was found on PATH", message)
        self.assertIn("Node.js 20.19 or newer", message)
        self.assertFalse(caught.exception.retryable)

    def test_a_too_old_node_is_refused(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            fake = Path(folder) / "node"
            fake.write_text("#!/bin/sh\necho v18.20.4\n")
            fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
            with self.assertRaises(ConfigurationError) as caught:
                find_node(str(fake))
        self.assertIn("Node.js 18.20.4", str(caught.exception))
        self.assertIn("needs 20.19 or newer", str(caught.exception))

    def test_node_path_that_does_not_exist(self) -> None:
        with self.assertRaises(ConfigurationError) as caught:
            asyncio.run(mount(MockCoordinator(), {**CONFIG, "node_path": "/nonexistent/node"}))
        self.assertIn("node_path", str(caught.exception))

    @unittest.skipIf(NODE is None, "node is not on PATH")
    def test_the_node_on_path_is_accepted(self) -> None:
        self.assertTrue(Path(find_node()).is_file())


@unittest.skipIf(NODE is None, "node is not on PATH")
class LifecycleTests(unittest.TestCase):
    def test_cleanup_shuts_the_child_down(self) -> None:
        async def scenario() -> int:
            coordinator = MockCoordinator()
            cleanup = await mount(coordinator, CONFIG)
            provider = coordinator.mounted["providers"]["azure-openai"]
            pid = provider.node_pid
            self.assertTrue(pid_alive(pid))
            await cleanup()
            await cleanup()  # idempotent
            with self.assertRaises(ProviderUnavailableError):
                await provider.list_models()
            return pid

        pid = asyncio.run(scenario())
        self.assertTrue(wait_gone(pid, 5), f"node child {pid} still runs after cleanup")

    def test_a_child_that_ignores_shutdown_is_killed_after_the_grace_period(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            stubborn = Path(folder) / "stubborn.mjs"
            stubborn.write_text("process.stdin.resume(); process.stdin.on('end', () => {}); setInterval(() => {}, 1000);\n")

            async def scenario() -> int:
                host = await NodeHost.start(NODE, self._no_event, bundle=stubborn)
                await host.close(grace=0.5)
                self.assertIsNotNone(host.returncode)
                return host.pid

            pid = asyncio.run(scenario())
        self.assertFalse(pid_alive(pid))

    @staticmethod
    async def _no_event(name: str, payload: dict) -> None:
        return None

    def test_the_child_exits_when_its_parent_is_killed_with_sigkill(self) -> None:
        parent = subprocess.Popen(
            [sys.executable, str(TESTS / "parent_for_sigkill.py")],
            stdout=subprocess.PIPE,
            text=True,
            cwd=str(TESTS),
        )
        try:
            assert parent.stdout is not None
            line = parent.stdout.readline().strip()
            self.assertTrue(line.isdigit(), f"the parent printed {line!r}, not the child's pid")
            child = int(line)
            self.assertTrue(pid_alive(child))
            parent.send_signal(signal.SIGKILL)
            parent.wait(timeout=10)
            self.assertTrue(wait_gone(child, 15), f"node child {child} outlived its SIGKILLed parent")
        finally:
            if parent.poll() is None:
                parent.kill()
                parent.wait()
            if parent.stdout is not None:
                parent.stdout.close()


if __name__ == "__main__":
    unittest.main()
