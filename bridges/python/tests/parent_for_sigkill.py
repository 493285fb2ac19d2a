"""Helper for test_process: mounts the bridge, prints the Node child's pid, then waits forever
(the test SIGKILLs this process and checks that the child exits by itself)."""

import asyncio
import sys

import support  # noqa: F401 (sys.path set-up)

from amplifier_module_provider_azure_openai import mount


async def main() -> None:
    coordinator = support.MockCoordinator()
    await mount(coordinator, {"azure_endpoint": "http://127.0.0.1:9", "api_key": "unused-key-123"})
    provider = coordinator.mounted["providers"]["azure-openai"]
    print(provider.node_pid, flush=True)
    await asyncio.sleep(3600)


asyncio.run(main())
sys.exit(0)
