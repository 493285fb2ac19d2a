"""amplifier-core's own provider contract tests when the real kernel is installed; otherwise
checks that the stand-in validates like the kernel's models (so the other tests can fail)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import unittest
from decimal import Decimal

from support import NODE, PACKAGE_ROOT, REAL_AMPLIFIER_CORE, SRC

from amplifier_core.message_models import ChatRequest, ChatResponse, Usage


def _behavioral_available() -> bool:
    if not REAL_AMPLIFIER_CORE:
        return False
    try:
        return importlib.util.find_spec("amplifier_core.validation.behavioral") is not None
    except ModuleNotFoundError:
        return False


@unittest.skipUnless(
    _behavioral_available(),
    "amplifier-core is not installed here (no PyPI): its ProviderBehaviorTests run only where "
    "`import amplifier_core.validation.behavioral` works; the stand-in covers the models",
)
@unittest.skipIf(NODE is None, "node is not on PATH")
class KernelBehaviorTests(unittest.TestCase):
    def test_provider_behavior_tests_pass(self) -> None:
        # The kernel's suite is pytest-based (its pytest plugin finds the module from the working
        # directory and mounts it), so it runs in a pytest subprocess in this package's directory.
        # The endpoint is never called: the suite checks mount, get_info, list_models, name and
        # parse_tool_calls.
        env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "AZURE_OPENAI_ENDPOINT": "http://127.0.0.1:9",
            "AZURE_OPENAI_API_KEY": "behavior-tests-key",
        }
        completed = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/kernel"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=str(PACKAGE_ROOT),
            env=env,
        )
        self.assertEqual(completed.returncode, 0, completed.stdout[-4000:] + completed.stderr[-2000:])


class ModelValidationTests(unittest.TestCase):
    def test_unknown_block_type_is_rejected(self) -> None:
        with self.assertRaises(ValueError):
            ChatResponse.model_validate({"content": [{"type": "nonsense", "text": "x"}]})

    def test_tool_call_block_needs_an_object_input(self) -> None:
        with self.assertRaises(ValueError):
            ChatResponse.model_validate(
                {"content": [{"type": "tool_call", "id": "c", "name": "t", "input": "not an object"}]}
            )

    def test_usage_cost_must_not_be_a_float(self) -> None:
        with self.assertRaises(ValueError):
            Usage(input_tokens=1, output_tokens=1, total_tokens=2, cost_usd=0.1)
        usage = Usage(input_tokens=1, output_tokens=1, total_tokens=2, cost_usd="0.047")
        self.assertEqual(usage.cost_usd, Decimal("0.047"))
        self.assertEqual(usage.model_dump(mode="json")["cost_usd"], "0.047")

    def test_json_schema_format_serialises_as_schema(self) -> None:
        request = ChatRequest(
            messages=[{"role": "user", "content": "x"}],
            response_format={"type": "json_schema", "json_schema": {"type": "object"}},
        )
        dumped = request.model_dump(mode="json", by_alias=True, exclude_none=True)
        self.assertEqual(dumped["response_format"], {"type": "json_schema", "schema": {"type": "object"}})


if __name__ == "__main__":
    unittest.main()
