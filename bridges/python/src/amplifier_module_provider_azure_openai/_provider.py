"""The Amplifier provider object: Amplifier's Python provider protocol over the Node host."""

from __future__ import annotations

import json
from typing import Any

from amplifier_core.message_models import ChatRequest, ChatResponse, ToolCall
from amplifier_core.models import ModelInfo, ProviderInfo

from ._node_host import NodeHost

PROVIDER_NAME = "azure-openai"


def request_to_json(request: Any) -> dict[str, Any]:
    """A ChatRequest (or a dict of one) as Amplifier-native JSON, None fields left out."""
    if hasattr(request, "model_dump"):
        data = request.model_dump(mode="json", exclude_none=True, by_alias=True)
    elif isinstance(request, dict):
        data = ChatRequest.model_validate(request).model_dump(
            mode="json", exclude_none=True, by_alias=True
        )
    else:
        raise TypeError(
            f"complete() needs an amplifier_core ChatRequest (or a dict of one), got {type(request).__name__}."
        )
    response_format = data.get("response_format")
    if isinstance(response_format, dict) and "json_schema" in response_format:
        response_format["schema"] = response_format.pop("json_schema")
    return data


#: Keyword arguments of ``complete`` sent to the Node provider as ``request.metadata`` keys:
#: ``background`` (run as a background response) and ``background_response_id`` (resume one).
_BACKGROUND_KWARGS = ("background", "background_response_id")


def complete_params_json(request: Any, stream: bool) -> bytes:
    """The params of ``complete`` (``{"request": ...}`` with ``request.stream`` set) as UTF-8 JSON.

    A ChatRequest without ``response_format`` goes through pydantic-core's serializer straight to
    bytes; anything else (a dict, a response format to rename, a value that serializer refuses)
    through :func:`request_to_json`. Both give the same JSON.
    """
    if not isinstance(request, ChatRequest) and isinstance(request, dict):
        request = ChatRequest.model_validate(request)
    if getattr(request, "response_format", None) is None and hasattr(request, "model_dump_json"):
        try:
            body = request.model_dump_json(exclude_none=True, by_alias=True, exclude={"stream"})
        except ValueError:  # pydantic_core.PydanticSerializationError: the slow path says why
            pass
        else:
            flag = "true" if stream else "false"
            comma = "," if body != "{}" else ""
            return f'{{"request":{body[:-1]}{comma}"stream":{flag}}}}}'.encode()
    data = request_to_json(request)
    data["stream"] = stream
    return json.dumps(
        {"request": data}, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def wants_stream(request: Any, use_streaming: bool) -> bool:
    """Whether a call streams: ``use_streaming``, unless ``request.metadata["stream"] is False``."""
    metadata = request.get("metadata") if isinstance(request, dict) else getattr(request, "metadata", None)
    if isinstance(metadata, dict) and metadata.get("stream") is False:
        return False
    return use_streaming


class AzureOpenAIProvider:
    """Amplifier provider ``azure-openai``, served by this project's Node module in a child process.

    Config read here (the rest goes to the Node module): ``use_streaming`` (default True; a
    request whose ``metadata["stream"] is False`` never streams) and ``node_path``.
    """

    def __init__(
        self,
        host: NodeHost,
        info: dict[str, Any],
        config: dict[str, Any],
        coordinator: Any = None,
    ) -> None:
        self._host = host
        self._info = ProviderInfo.model_validate(info)
        self.config = config
        self.coordinator = coordinator
        self.use_streaming = config.get("use_streaming", True) is not False

    @property
    def name(self) -> str:
        """The provider's mount name, ``azure-openai``."""
        return PROVIDER_NAME

    @property
    def node_pid(self) -> int:
        """Process id of the Node child (diagnostics and tests)."""
        return self._host.pid

    def get_info(self) -> ProviderInfo:
        """Id, display name, credential variables, capabilities, defaults and setup fields."""
        return self._info.model_copy(deep=True)

    async def list_models(self) -> list[ModelInfo]:
        """The models the deployment mapping serves."""
        models = await self._host.request("list_models")
        return [ModelInfo.model_validate(model) for model in models or []]

    async def complete(self, request: ChatRequest, **kwargs: Any) -> ChatResponse:
        """Sends one chat request through the Node provider and returns its ChatResponse.

        ``auto_continue=True/False`` (a keyword, as for the Python OpenAI provider) turns the
        continuation of answers cut off at ``max_output_tokens`` on or off for this call.
        Streams unless ``use_streaming`` is off or ``request.metadata["stream"] is False``; the
        provider's events (``llm:request``, ``llm:response``, stream blocks ...) are emitted on
        ``coordinator.hooks`` before this returns. Cancelling the task aborts the Azure call (and
        cancels a background response on Azure). Keyword arguments ``background`` and
        ``background_response_id`` (resume a background response by id) apply to this call.

        Raises:
            amplifier_core.llm_errors.LLMError: the typed error (RateLimitError with retry_after, ...).
        """
        # Per-call options as keyword arguments (like the Python OpenAI provider's): background and
        # background_response_id as request.metadata keys, auto_continue as a request field.
        extra = {key: kwargs[key] for key in (*_BACKGROUND_KWARGS, "auto_continue") if key in kwargs}
        if extra:
            data = request_to_json(request)
            for key in _BACKGROUND_KWARGS:
                if key in extra:
                    if not isinstance(data.get("metadata"), dict):
                        data["metadata"] = {}
                    data["metadata"][key] = extra[key]
            data["stream"] = wants_stream(data, self.use_streaming)
            if "auto_continue" in extra:
                data["auto_continue"] = extra["auto_continue"]
            params = json.dumps(
                {"request": data}, separators=(",", ":"), ensure_ascii=False, default=str
            ).encode("utf-8")
        else:
            params = complete_params_json(request, wants_stream(request, self.use_streaming))
        result = await self._host.request_json("complete", params)
        if isinstance(result, bytes):
            return ChatResponse.model_validate_json(result)
        return ChatResponse.model_validate(result)

    def parse_tool_calls(self, response: ChatResponse) -> list[ToolCall]:
        """The tool calls of a response (``response.tool_calls``, else its ``tool_call`` blocks)."""
        if response.tool_calls:
            return list(response.tool_calls)
        calls: list[ToolCall] = []
        for block in response.content or []:
            if getattr(block, "type", None) == "tool_call":
                calls.append(
                    ToolCall(id=block.id, name=block.name, arguments=dict(block.input or {}))
                )
        return calls

    async def close(self) -> None:
        """Shuts the Node child down (killed after a grace period). Idempotent."""
        await self._host.close()
