"""Usage.cost_usd and the session.cost contribution through the real bridge and the emulator."""

from __future__ import annotations

import json
import unittest
from decimal import Decimal

from support import BridgeTestCase, NODE, assert_no_children  # noqa: F401 (sys.path set-up)

from amplifier_core.message_models import ChatRequest, Message


def tearDownModule() -> None:
    assert_no_children(__name__)


def contribution(case, channel: str = "session.cost"):
    return case.run_async(case.coordinator.collect_contributions(channel))


@unittest.skipIf(NODE is None, "node is not on PATH")
class SessionCostTests(BridgeTestCase, unittest.TestCase):
    mount_config = {"deployment_pricing": {"production-gpt5": {"deployment_type": "PTU"}}}

    def ask(self, model: str, text: str):
        return self.run_async(
            self.provider.complete(ChatRequest(model=model, messages=[Message(role="user", content=text)]))
        )

    def test_cost_per_answer_and_the_session_total(self) -> None:
        # Registered under the module id, like Microsoft's Python Azure OpenAI module.
        names = [(ch, name) for ch, name, _ in self.coordinator.contributors if ch == "session.cost"]
        self.assertEqual(names, [("session.cost", "provider-azure-openai")])
        before = next(iter(contribution(self)), None)
        first = self.ask("gpt-4o", "hello")
        second = self.ask("gpt-4o", "tell me a longer story")
        for response in (first, second):
            # The model validation accepted it as a Decimal (a float would be refused).
            self.assertIsInstance(response.usage.cost_usd, Decimal)
            self.assertGreater(response.usage.cost_usd, 0)
        expected = first.usage.input_tokens * Decimal("2.5") + first.usage.output_tokens * Decimal("10")
        self.assertEqual(first.usage.cost_usd, expected / Decimal(1_000_000))
        # The event hooks see it too, as a string (JSON-safe for the kernel's hook registry).
        usage = dict(self.coordinator.hooks.events)["llm:response"]["usage"]
        self.assertIsInstance(usage["cost_usd"], str)
        [total] = contribution(self)
        json.dumps(total)  # JSON-safe
        previous = Decimal(before["cost_usd"]) if before else Decimal(0)
        self.assertEqual(
            Decimal(total["cost_usd"]) - previous, first.usage.cost_usd + second.usage.cost_usd
        )

    def test_a_ptu_deployment_costs_zero(self) -> None:
        response = self.ask("gpt-5", "hello")
        self.assertEqual(response.usage.cost_usd, Decimal("0"))


if __name__ == "__main__":
    unittest.main()
