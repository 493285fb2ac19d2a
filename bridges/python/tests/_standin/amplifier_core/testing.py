"""Stand-in of ``amplifier_core.testing``: a coordinator that records what modules do."""

from __future__ import annotations

import inspect

from typing import Any, Callable


class EventRecorder:
    """Hooks that record every emitted event as ``(name, payload)``."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    async def emit(self, event: str, data: dict[str, Any]) -> None:
        if not isinstance(event, str) or not isinstance(data, dict):
            raise TypeError("hooks.emit(name: str, payload: dict)")
        self.events.append((event, data))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def clear(self) -> None:
        self.events.clear()


class MockCoordinator:
    """Records mounts, events and contributors, with the kernel coordinator's method names."""

    def __init__(self) -> None:
        self.hooks = EventRecorder()
        self.mounted: dict[str, dict[str, Any]] = {}
        self.contributors: list[tuple[str, str, Callable[[], Any]]] = []
        self.session_id = "standin-session"

    async def mount(self, mount_point: str, module: Any, name: str | None = None) -> None:
        key = name or getattr(module, "name", None)
        if not key:
            raise ValueError("mount needs a name")
        self.mounted.setdefault(mount_point, {})[key] = module

    async def unmount(self, mount_point: str, name: str | None = None) -> None:
        self.mounted.get(mount_point, {}).pop(name, None)

    def get(self, mount_point: str, name: str | None = None) -> Any:
        modules = self.mounted.get(mount_point, {})
        return modules.get(name) if name else modules

    def register_contributor(self, channel: str, name: str, callback: Callable[[], Any]) -> None:
        self.contributors.append((channel, name, callback))

    async def collect_contributions(self, channel: str) -> list[Any]:
        """The kernel's semantics: every callback of the channel in registration order (sync or
        async), None dropped, a failing contributor skipped."""
        results: list[Any] = []
        for registered_channel, _name, callback in self.contributors:
            if registered_channel != channel:
                continue
            try:
                value = callback()
                if inspect.isawaitable(value):
                    value = await value
            except Exception:  # non-interfering, as the kernel
                continue
            if value is not None:
                results.append(value)
        return results
