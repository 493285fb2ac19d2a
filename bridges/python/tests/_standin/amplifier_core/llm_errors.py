"""Stand-in of ``amplifier_core.llm_errors``: the kernel's error classes and their defaults."""

from __future__ import annotations


class LLMError(Exception):
    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        model: str | None = None,
        status_code: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        delay_multiplier: float = 1.0,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.model = model
        self.status_code = status_code
        self.retryable = retryable
        self.retry_after = retry_after
        self.delay_multiplier = delay_multiplier


def _retryable_by_default(base: type[LLMError], name: str, doc: str) -> type[LLMError]:
    def __init__(self, message: str, *, retryable: bool = True, **kwargs) -> None:  # noqa: N807
        base.__init__(self, message, retryable=retryable, **kwargs)

    return type(name, (base,), {"__init__": __init__, "__doc__": doc})


RateLimitError = _retryable_by_default(LLMError, "RateLimitError", "HTTP 429 or equivalent.")


class QuotaExceededError(RateLimitError):  # type: ignore[misc, valid-type]
    def __init__(self, message: str, *, retryable: bool = False, **kwargs) -> None:
        super().__init__(message, retryable=retryable, **kwargs)


class AuthenticationError(LLMError):
    pass


class AccessDeniedError(AuthenticationError):
    pass


class ContextLengthError(LLMError):
    pass


class ContentFilterError(LLMError):
    pass


class InvalidRequestError(LLMError):
    pass


ProviderUnavailableError = _retryable_by_default(
    LLMError, "ProviderUnavailableError", "HTTP 5xx or the service cannot be reached."
)


class NetworkError(ProviderUnavailableError):  # type: ignore[misc, valid-type]
    pass


LLMTimeoutError = _retryable_by_default(LLMError, "LLMTimeoutError", "The request timed out.")


class NotFoundError(LLMError):
    pass


StreamError = _retryable_by_default(LLMError, "StreamError", "The stream broke mid-way.")


class AbortError(LLMError):
    pass


class InvalidToolCallError(LLMError):
    def __init__(
        self, message: str, *, tool_name: str | None = None, raw_arguments: str | None = None, **kwargs
    ) -> None:
        super().__init__(message, **kwargs)
        self.tool_name = tool_name
        self.raw_arguments = raw_arguments


class ConfigurationError(LLMError):
    pass
