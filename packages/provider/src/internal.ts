/**
 * `@amplifier-azure-openai/provider/internal`: the building blocks the provider is made of, for
 * the sibling packages of this repository (CLI, reliability tests, the Python bridge's host).
 * NOT a stable API: names and signatures may change in any release, minor or patch. Use the
 * package's main entry point instead.
 *
 * @packageDocumentation
 */
export { formatUsd, parseUsd } from './cost/usd-amount.js';
export { parseContentFilterResult } from './errors/content-filter-error.js';
export { type AuthContext, type ErrorContext, translateError } from './errors/translate-error.js';
export { type DebugPayloadOptions, toDebugPayload } from './events/debug-payload.js';
export { toUsageEventPayload } from './events/usage-payload.js';
export { buildProviderInfo } from './provider/provider-info.js';
export { DROPPABLE_PARAMETERS } from './provider/unsupported-parameter.js';
export {
  type BuiltRequest,
  buildResponsesRequest,
  MIN_OUTPUT_TOKENS,
  type RequestCapabilities,
  type RequestConfig,
  type RequestContext,
} from './request/build-responses-request.js';
export {
  ConversationChain,
  type ConversationChainOptions,
  chainTarget,
} from './request/conversation-chain.js';
export { describeIncomplete } from './response/incomplete-answer.js';
export {
  parseResponse,
  parseUsage,
  type ResponseParseContext,
} from './response/parse-response.js';
export { abortableSleep } from './retry/abortable-sleep.js';
export { type BackoffOptions, computeBackoffMs } from './retry/backoff.js';
export {
  formatRetryAfter,
  parseResetDuration,
  type RetryAfterHint,
} from './retry/rate-limit-reset.js';
export { type HeaderReader, parseRetryAfterMs, readRetryAfter } from './retry/retry-after.js';
export { createStreamAccumulator, type StreamAccumulator } from './stream/stream-accumulator.js';
