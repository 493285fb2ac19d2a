"""The session's running cost, contributed on Amplifier's ``session.cost`` channel."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

#: The contribution channel of a session's running cost (amplifier-core).
SESSION_COST_CHANNEL = "session.cost"


class SessionCost:
    """Sums ``usage.cost_usd`` of every ``llm:response`` the Node provider emits (exact Decimal).

    Answers without a price (a model the pricing table does not know) add nothing; PTU answers
    add 0 and still count as data.
    """

    def __init__(self) -> None:
        self._total: Decimal | None = None

    def observe(self, name: str, payload: Any) -> None:
        """Adds the cost of an ``llm:response`` event; other events are ignored."""
        if name != "llm:response" or not isinstance(payload, dict):
            return
        usage = payload.get("usage")
        cost = usage.get("cost_usd") if isinstance(usage, dict) else None
        if not isinstance(cost, str):
            return
        try:
            value = Decimal(cost)
        except InvalidOperation:
            return
        if value.is_finite() and value >= 0:
            self._total = value if self._total is None else self._total + value

    def contribution(self) -> dict[str, str] | None:
        """``{"cost_usd": "<decimal>"}`` (a string: JSON-safe for the kernel's hooks), or None
        until a priced answer arrived."""
        return None if self._total is None else {"cost_usd": str(self._total)}
