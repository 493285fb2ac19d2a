"""Turns the Node host's error data into ``amplifier_core.llm_errors`` exceptions."""

from __future__ import annotations

from typing import Any

from amplifier_core import llm_errors

PROVIDER_NAME = "azure-openai"

# kind -> (class name, retryable default when the host did not say)
_KINDS: dict[str, bool] = {
    "RateLimitError": True,
    "QuotaExceededError": False,
    "AuthenticationError": False,
    "AccessDeniedError": False,
    "ContextLengthError": False,
    "ContentFilterError": False,
    "InvalidRequestError": False,
    "ProviderUnavailableError": True,
    "NetworkError": True,
    "LLMTimeoutError": True,
    "NotFoundError": False,
    "StreamError": True,
    "AbortError": False,
    "ConfigurationError": False,
    "InvalidToolCallError": False,
    "LLMError": False,
}


def error_class(kind: str) -> type[llm_errors.LLMError]:
    """The ``llm_errors`` class for a kind (``LLMError`` for an unknown or missing class)."""
    cls = getattr(llm_errors, kind, None) if kind in _KINDS else None
    if isinstance(cls, type) and issubclass(cls, llm_errors.LLMError):
        return cls
    return llm_errors.LLMError


def make_error(
    kind: str,
    message: str,
    *,
    model: str | None = None,
    status_code: int | None = None,
    retryable: bool | None = None,
    retry_after: float | None = None,
) -> llm_errors.LLMError:
    """Builds an ``llm_errors`` exception with the keyword arguments every class accepts."""
    cls = error_class(kind)
    if retryable is None:
        retryable = _KINDS.get(kind, False)
    kwargs: dict[str, Any] = {
        "provider": PROVIDER_NAME,
        "model": model,
        "status_code": status_code,
        "retryable": retryable,
    }
    if issubclass(cls, llm_errors.RateLimitError) or cls is llm_errors.LLMError:
        kwargs["retry_after"] = retry_after
    error = cls(message, **kwargs)
    # Some classes take no retry_after argument; the attribute is part of LLMError either way.
    error.retry_after = retry_after
    return error


def error_from_data(data: Any, fallback_message: str) -> llm_errors.LLMError:
    """The exception for the ``data`` of a JSON-RPC provider error (see the Node host's ProviderErrorData)."""
    if not isinstance(data, dict):
        return make_error("LLMError", fallback_message)
    status = data.get("status")
    retry_after = data.get("retry_after")
    retryable = data.get("retryable")
    message = str(data.get("message") or fallback_message)
    request_id = data.get("request_id")
    if isinstance(request_id, str) and request_id and request_id not in message:
        message = f"{message} (request id {request_id})"
    error = make_error(
        str(data.get("kind") or "LLMError"),
        message,
        model=data.get("model") if isinstance(data.get("model"), str) else None,
        status_code=status if isinstance(status, int) else None,
        retryable=retryable if isinstance(retryable, bool) else None,
        retry_after=float(retry_after) if isinstance(retry_after, (int, float)) else None,
    )
    # Extra facts for callers that want them (not part of the llm_errors API).
    error.error_name = data.get("name")  # type: ignore[attr-defined]
    error.error_code = data.get("code")  # type: ignore[attr-defined]
    error.request_id = request_id  # type: ignore[attr-defined]
    error.deployment = data.get("deployment")  # type: ignore[attr-defined]
    return error
