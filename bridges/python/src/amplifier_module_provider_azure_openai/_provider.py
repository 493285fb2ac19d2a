"""The Amplifier provider object: Amplifier's Python provider protocol over the Node host."""

from __future__ import annotations

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
        data = request_to_json(request)
        # Per-call background options, as keyword arguments (like the Python OpenAI provider's).
        for key in _BACKGROUND_KWARGS:
            if key in kwargs:
                if not isinstance(data.get("metadata"), dict):
                    data["metadata"] = {}
                data["metadata"][key] = kwargs[key]
        metadata = data.get("metadata")
        streaming = self.use_streaming
        if isinstance(metadata, dict) and metadata.get("stream") is False:
            streaming = False
        data["stream"] = streaming
        # Per-call options of the Python OpenAI provider's kwargs the Node module takes per request.
        if "auto_continue" in kwargs:
            data["auto_continue"] = kwargs["auto_continue"]
        result = await self._host.request("complete", {"request": data})
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
