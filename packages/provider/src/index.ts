export type { AzureOpenAIProvider } from './azure-openai-provider.js';
export { createAzureOpenAIProvider } from './azure-openai-provider.js';
export { AbortedError, type AbortedErrorOptions } from './errors/aborted-error.js';
export {
  AuthenticationError,
  type AuthenticationErrorOptions,
} from './errors/authentication-error.js';
export { AzureOpenAIError, type AzureOpenAIErrorOptions } from './errors/azure-openai-error.js';
export {
  BackgroundTimeoutError,
  type BackgroundTimeoutErrorOptions,
} from './errors/background-timeout-error.js';
export {
  type ContentFilterCategory,
  ContentFilterError,
  type ContentFilterErrorOptions,
} from './errors/content-filter-error.js';
export {
  ContextLengthExceededError,
  type ContextLengthExceededErrorOptions,
} from './errors/context-length-exceeded-error.js';
export {
  DeploymentNotFoundError,
  type DeploymentNotFoundErrorOptions,
} from './errors/deployment-not-found-error.js';
export {
  InvalidRequestError,
  type InvalidRequestErrorOptions,
} from './errors/invalid-request-error.js';
export {
  ProviderClosedError,
  type ProviderClosedErrorOptions,
} from './errors/provider-closed-error.js';
export { RateLimitError, type RateLimitErrorOptions } from './errors/rate-limit-error.js';
export {
  RedirectRefusedError,
  type RedirectRefusedErrorOptions,
} from './errors/redirect-refused-error.js';
export {
  ServiceUnavailableError,
  type ServiceUnavailableErrorOptions,
} from './errors/service-unavailable-error.js';
export {
  StreamInterruptedError,
  type StreamInterruptedErrorOptions,
} from './errors/stream-interrupted-error.js';
export { TimeoutError, type TimeoutErrorOptions } from './errors/timeout-error.js';
export { TlsError, type TlsErrorOptions } from './errors/tls-error.js';
export {
  CANONICAL_PROVIDER_EVENTS,
  DECLARED_EVENTS,
  OWN_PROVIDER_EVENTS,
} from './events/provider-event-names.js';
export {
  STREAM_ABORTED,
  STREAM_BLOCK_DELTA,
  STREAM_BLOCK_END,
  STREAM_BLOCK_START,
  STREAM_EVENTS,
  type StreamBlockType,
} from './events/stream-block-events.js';
export type { UsageEventPayload } from './events/usage-payload.js';
export { PROVIDER_DISPLAY_NAME, PROVIDER_ID } from './provider/provider-info.js';
export type {
  AzureOpenAIProviderOptions,
  CallOptions,
  EventSink,
  Logger,
} from './provider/provider-options.js';
export type { IncompleteAnswer } from './response/incomplete-answer.js';
export { parseToolCalls } from './response/parse-response.js';
export {
  ResponseFailedError,
  type ResponseFailedErrorOptions,
} from './response/response-failed-error.js';
export {
  ResponseParseError,
  type ResponseParseErrorOptions,
} from './response/response-parse-error.js';
export type { SleepFunction } from './retry/abortable-sleep.js';
export type {
  ChatRequest,
  ChatResponse,
  ConfigField,
  ConfigFieldType,
  ContentBlock,
  ContentBlockBase,
  ContentBlockType,
  Degradation,
  FinishReason,
  ImageBlock,
  ImageSource,
  Message,
  ModelInfo,
  ProviderInfo,
  ProviderStreamEvent,
  ProviderStreamEventType,
  ReasoningBlock,
  ReasoningEffortLevel,
  RedactedThinkingBlock,
  ResponseFormat,
  ResponseMetadata,
  Role,
  StreamErrorInfo,
  TextBlock,
  ThinkingBlock,
  ToolCall,
  ToolCallBlock,
  ToolChoice,
  ToolResultBlock,
  ToolSpec,
  Usage,
  Visibility,
} from './types.js';
export { VERSION } from './version.js';
