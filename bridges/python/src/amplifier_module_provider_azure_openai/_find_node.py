"""Finds a ``node`` executable new enough to run the bundled host."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from amplifier_core.llm_errors import ConfigurationError

MIN_NODE_VERSION = (20, 19)
NODE_ENV_VAR = "AMPLIFIER_AZURE_OPENAI_NODE"
_INSTALL_HINT = (
    "Install Node.js 20.19 or newer (https://nodejs.org/en/download, or your package manager: "
    "`brew install node`, `winget install OpenJS.NodeJS.LTS`, `apt install nodejs` from NodeSource) "
    f"and put `node` on PATH, or set the provider config `node_path` (or {NODE_ENV_VAR}) to its path."
)


def _version_of(node: str) -> tuple[int, int, int] | None:
    try:
        completed = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=15, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"^v?(\d+)\.(\d+)\.(\d+)", completed.stdout.strip())
    if completed.returncode != 0 or match is None:
        return None
    return (int(match.group(1)), int(match.group(2)), int(match.group(3)))


def find_node(explicit: str | None = None, env: dict[str, str] | None = None) -> str:
    """Path of ``node`` >= 20.19: ``explicit``, else ``$AMPLIFIER_AZURE_OPENAI_NODE``, else PATH.

    Raises:
        ConfigurationError: no such executable, or too old; the message says what to install.
    """
    environ = os.environ if env is None else env
    wanted = explicit or environ.get(NODE_ENV_VAR) or None
    if wanted:
        candidate = wanted if Path(wanted).is_file() else shutil.which(wanted, path=environ.get("PATH"))
        source = "node_path" if explicit else NODE_ENV_VAR
        if candidate is None:
            raise ConfigurationError(
                f"azure-openai: {source} points to {wanted!r}, which is not an executable. {_INSTALL_HINT}",
                provider="azure-openai",
            )
    else:
        candidate = shutil.which("node", path=environ.get("PATH"))
        if candidate is None:
            raise ConfigurationError(
                f"azure-openai: the provider runs on Node.js, and no `node` was found on PATH. {_INSTALL_HINT}",
                provider="azure-openai",
            )
    version = _version_of(candidate)
    if version is None:
        raise ConfigurationError(
            f"azure-openai: {candidate!r} did not answer `--version` like Node.js does. {_INSTALL_HINT}",
            provider="azure-openai",
        )
    if version[:2] < MIN_NODE_VERSION:
        found = ".".join(str(part) for part in version)
        raise ConfigurationError(
            f"azure-openai: Node.js {found} at {candidate!r} is too old; the provider needs 20.19 or newer. {_INSTALL_HINT}",
            provider="azure-openai",
        )
    return candidate
