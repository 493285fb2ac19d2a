"""Amplifier module ``provider-azure-openai``: the Azure OpenAI provider of this project for
Amplifier's Python host.

``mount`` runs the provider's Node module (a single-file bundle shipped in this package) as a
child process and talks JSON-RPC 2.0 to it over stdio; it needs only ``node`` >= 20.19.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from amplifier_core.llm_errors import ConfigurationError

from ._find_node import MIN_NODE_VERSION, NODE_ENV_VAR, find_node
from ._node_host import HOST_BUNDLE, NodeHost
from ._provider import PROVIDER_NAME, AzureOpenAIProvider
from ._session_cost import SESSION_COST_CHANNEL, SessionCost

__all__ = [
    "AzureOpenAIProvider",
    "MIN_NODE_VERSION",
    "NODE_ENV_VAR",
    "PROVIDER_NAME",
    "mount",
]

logger = logging.getLogger(__name__)

#: Config keys the Python side reads itself (not sent to the Node module).
_BRIDGE_KEYS = ("use_streaming", "node_path")

#: The module id this package registers its events and its session cost under.
MODULE_ID = "provider-azure-openai"


async def mount(
    coordinator: Any, config: dict[str, Any] | None = None
) -> Callable[[], Awaitable[None]] | None:
    """Mounts the ``azure-openai`` provider at ``providers`` and returns an async cleanup.

    Like Amplifier's other providers, it mounts nothing and returns None (after one warning naming
    what to set) when no endpoint or no credential is configured.

    Raises:
        ConfigurationError: no usable ``node`` (the message says what to install), the bundled
            host is missing, or the configuration is invalid (every problem, each with its fix).
    """
    config = dict(config or {})
    node = await asyncio.to_thread(find_node, config.get("node_path"))
    if not HOST_BUNDLE.is_file():
        raise ConfigurationError(
            f"azure-openai: the bundled Node host is missing ({HOST_BUNDLE}). Reinstall the "
            "package; in a checkout, restore the committed file with `git checkout -- bridges/python/src`.",
            provider=PROVIDER_NAME,
        )

    hooks_available = coordinator is not None and hasattr(coordinator, "hooks")
    session_cost = SessionCost()

    async def on_event(name: str, payload: dict[str, Any]) -> None:
        session_cost.observe(name, payload)
        if hooks_available:
            await coordinator.hooks.emit(name, payload)

    host = await NodeHost.start(node, on_event)
    try:
        node_config = {key: value for key, value in config.items() if key not in _BRIDGE_KEYS}
        result = await host.request("mount", {"config": node_config})
        if not isinstance(result, dict) or not result.get("mounted"):
            reason = result.get("reason") if isinstance(result, dict) else None
            logger.warning("%s", reason or "azure-openai provider not mounted.")
            await host.close()
            return None
        provider = AzureOpenAIProvider(host, result.get("info") or {}, config, coordinator)
        await coordinator.mount("providers", provider, name=PROVIDER_NAME)
        events = [name for name in result.get("events") or [] if isinstance(name, str)]
        register = getattr(coordinator, "register_contributor", None)
        if callable(register):
            for channel, callback in (
                ("observability.events", lambda: list(events)),
                (SESSION_COST_CHANNEL, session_cost.contribution),
            ):
                registered = register(channel, MODULE_ID, callback)
                if inspect.isawaitable(registered):
                    await registered
    except BaseException:
        await host.close()
        raise

    async def cleanup() -> None:
        await provider.close()

    return cleanup

