"""The Node child process and the JSON-RPC 2.0 client that talks to it over stdio."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import re
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from ._errors import error_from_data, make_error

try:  # pydantic-core's JSON parser (comes with amplifier-core's pydantic): about 2x json.loads
    from pydantic_core import from_json as _from_json
except ImportError:  # pragma: no cover - pydantic 2 is always there under Amplifier
    _from_json = None

logger = logging.getLogger(__name__)

#: Where the build puts the single-file Node host (package data of the wheel).
HOST_BUNDLE = Path(__file__).resolve().parent / "_node" / "host.mjs"

#: How long ``close`` waits for the child to exit after ``shutdown`` before killing it.
SHUTDOWN_GRACE_SECONDS = 5.0

_LINE_LIMIT = 256 * 1024 * 1024  # one message per line; responses may carry large content
_READ_CHUNK = 1024 * 1024
_PROVIDER_ERROR = -32000
# A successful answer as the Node host frames it (`JSON.stringify({jsonrpc, id, result})`): the
# result's JSON text is everything after this head up to the closing brace.
_RESULT_HEAD = re.compile(rb'\{"jsonrpc":"2\.0","id":(\d+),"result":')

EventHandler = Callable[[str, dict[str, Any]], Awaitable[None]]


class NodeHost:
    """A running Node host (``node host.mjs``): requests, notifications, events, shutdown.

    The child reads requests from its stdin and exits when stdin closes, so it never outlives
    this process, however this process ends. It opens no port.
    """

    def __init__(self, process: asyncio.subprocess.Process, on_event: EventHandler) -> None:
        self._process = process
        self._on_event = on_event
        self._ids = itertools.count(1)
        # request id -> (future, whether the caller takes the result as JSON text)
        self._pending: dict[int, tuple[asyncio.Future[Any], bool]] = {}
        self._stderr_tail: deque[str] = deque(maxlen=20)
        self._closed = False
        self._exit_reason: str | None = None
        self._reader = asyncio.create_task(self._read_stdout(), name="azure-openai-node-stdout")
        self._stderr_reader = asyncio.create_task(
            self._read_stderr(), name="azure-openai-node-stderr"
        )

    @classmethod
    async def start(
        cls,
        node: str,
        on_event: EventHandler,
        *,
        bundle: Path = HOST_BUNDLE,
        env: dict[str, str] | None = None,
    ) -> NodeHost:
        """Spawns ``node bundle`` with pipes for stdin, stdout and stderr."""
        process = await asyncio.create_subprocess_exec(
            node,
            "--no-warnings",
            str(bundle),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=dict(os.environ if env is None else env),
            limit=_LINE_LIMIT,
        )
        return cls(process, on_event)

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        """The child's exit code, or None while it runs."""
        return self._process.returncode

    async def request(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Sends a request and returns its result; raises an ``llm_errors`` exception on failure.

        Cancelling the awaiting task sends ``cancel`` for this request (the Node side aborts the
        Azure call) and re-raises ``CancelledError``.
        """
        return await self._call(method, None if params is None else _dumps(params), raw=False)

    async def request_json(self, method: str, params_json: bytes) -> Any:
        """Like :meth:`request`, with the params already serialized (a JSON object, UTF-8).

        Returns the result as its JSON text (``bytes``, for ``model_validate_json``) when the answer
        has the Node host's usual framing, else the decoded value. Errors and cancellation as
        :meth:`request`.
        """
        return await self._call(method, params_json, raw=True)

    async def _call(self, method: str, params_json: bytes | None, *, raw: bool) -> Any:
        if self._closed or self._process.returncode is not None:
            raise self._gone_error()
        request_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = (future, raw)
        head = b'{"jsonrpc":"2.0","id":%d,"method":%s' % (request_id, _dumps(method))
        frame = head + b"}\n" if params_json is None else head + b',"params":' + params_json + b"}\n"
        try:
            await self._write(frame)
            return await future
        except asyncio.CancelledError:
            if self._pending.pop(request_id, None) is not None:
                with contextlib.suppress(Exception):
                    await self._write(
                        b'{"jsonrpc":"2.0","method":"cancel","params":{"id":%d}}\n' % request_id
                    )
            raise
        finally:
            self._pending.pop(request_id, None)

    async def _write(self, frame: bytes) -> None:
        stdin = self._process.stdin
        if stdin is None or stdin.is_closing():
            raise self._gone_error()
        stdin.write(frame)
        if stdin.transport.get_write_buffer_size() == 0:
            return  # all written at once: nothing to wait for
        try:
            await stdin.drain()
        except (BrokenPipeError, ConnectionResetError) as error:
            raise self._gone_error() from error

    def _gone_error(self) -> Exception:
        code = self._process.returncode
        tail = " | ".join(self._stderr_tail)
        reason = self._exit_reason or (
            "the bridge was closed" if self._closed else f"the Node host exited (code {code})"
        )
        detail = f" Last output: {tail}" if tail else ""
        return make_error(
            "ProviderUnavailableError",
            f"azure-openai: {reason}; no request can be sent.{detail}",
            retryable=False,
        )

    async def _read_stdout(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        partial: list[bytes] = []  # the start of a line that has not ended yet
        partial_size = 0
        try:
            while True:
                chunk = await stdout.read(_READ_CHUNK)
                if not chunk:
                    break
                end = chunk.rfind(b"\n")
                if end < 0:
                    partial.append(chunk)
                    partial_size += len(chunk)
                    if partial_size > _LINE_LIMIT:
                        self._exit_reason = "the Node host sent a message over the size limit"
                        break
                    continue
                head = chunk[:end]
                if partial:
                    partial.append(head)
                    head = b"".join(partial)
                    partial.clear()
                rest = chunk[end + 1 :]
                if rest:
                    partial.append(rest)
                partial_size = len(rest)
                for line in head.split(b"\n"):
                    await self._handle_line(line)
        finally:
            error = self._gone_error()
            for future, _ in self._pending.values():
                if not future.done():
                    future.set_exception(error)
            self._pending.clear()

    async def _handle_line(self, line: bytes) -> None:
        head = _RESULT_HEAD.match(line)
        if head is not None:
            line = line.rstrip()
            request_id = int(head.group(1))
            entry = self._pending.get(request_id)
            if entry is None:
                return  # an answer to a cancelled call
            if entry[1] and line.endswith(b"}"):
                del self._pending[request_id]
                if not entry[0].done():
                    entry[0].set_result(line[head.end() : -1])
                return
        if not line.strip():
            return
        message = _loads(line)
        if message is _NOT_JSON:
            logger.warning("azure-openai: ignored a non-JSON line from the Node host")
        elif isinstance(message, dict):
            await self._dispatch(message)

    async def _dispatch(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method is None:
            entry = self._pending.pop(message.get("id"), None)  # type: ignore[arg-type]
            if entry is None or entry[0].done():
                return  # an answer to a cancelled call
            future = entry[0]
            if "error" in message:
                error = message.get("error") or {}
                text = str(error.get("message") or "The Node host reported an error.")
                if error.get("code") == _PROVIDER_ERROR or isinstance(error.get("data"), dict):
                    future.set_exception(error_from_data(error.get("data"), text))
                else:
                    future.set_exception(
                        make_error("InvalidRequestError", f"azure-openai bridge: {text}")
                    )
            else:
                future.set_result(message.get("result"))
            return
        params = message.get("params")
        params = params if isinstance(params, dict) else {}
        if method == "event":
            name = params.get("name")
            payload = params.get("payload")
            if isinstance(name, str):
                try:
                    await self._on_event(name, payload if isinstance(payload, dict) else {})
                except Exception:  # a failing hook must not stop the bridge
                    logger.exception("azure-openai: a hook for %s failed", name)
        elif method == "log":
            level = logging.ERROR if params.get("level") == "error" else logging.WARNING
            logger.log(level, "%s", params.get("message"))

    async def _read_stderr(self) -> None:
        stderr = self._process.stderr
        assert stderr is not None
        while True:
            line = await stderr.readline()
            if not line:
                return
            text = line.decode("utf-8", "replace").rstrip()
            if text:
                self._stderr_tail.append(text)
                logger.debug("azure-openai node: %s", text)

    async def close(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Asks the child to shut down, closes its stdin, and kills it after ``grace`` seconds."""
        if self._closed:
            await self._wait_exit(0)
            return
        process = self._process
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.request("shutdown"), timeout=grace)
        self._closed = True
        if process.stdin is not None and not process.stdin.is_closing():
            process.stdin.close()
        await self._wait_exit(grace)

    async def _wait_exit(self, grace: float) -> None:
        process = self._process
        try:
            await asyncio.wait_for(process.wait(), timeout=grace)
        except asyncio.TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
        for task in (self._reader, self._stderr_reader):
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=grace)
        if process.stdin is not None:
            with contextlib.suppress(Exception):
                process.stdin.close()

    def kill(self) -> None:
        """Kills the child at once (used when the event loop is going away)."""
        self._closed = True
        if self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


_NOT_JSON = object()


def _loads(line: bytes) -> Any:
    if _from_json is not None:
        try:
            return _from_json(line)
        except ValueError:
            pass  # json.loads decides (it also takes lone surrogate escapes)
    try:
        return json.loads(line)
    except ValueError:
        return _NOT_JSON
