import { STREAM_EVENTS } from './stream-block-events.js';

/** `provider:resolve`: which deployment (and mapping rule) a model resolved to, once per call. */
export const PROVIDER_RESOLVE = 'provider:resolve';
/** `provider:error`: a call failed for good (after retries and failover). */
export const PROVIDER_ERROR = 'provider:error';
/** `provider:tool_sequence_repaired`: missing tool results were synthesised. */
export const PROVIDER_TOOL_SEQUENCE_REPAIRED = 'provider:tool_sequence_repaired';
/** `provider:response_chain_invalidated`: Azure rejected `previous_response_id`; resent in full. */
export const PROVIDER_RESPONSE_CHAIN_INVALIDATED = 'provider:response_chain_invalidated';
/** `provider:incomplete_continuation`: an incomplete answer is being continued. */
export const PROVIDER_INCOMPLETE_CONTINUATION = 'provider:incomplete_continuation';

/** `provider:concurrency_wait`: a call waited in line for a concurrency slot (or was cancelled there). */
export const PROVIDER_CONCURRENCY_WAIT = 'provider:concurrency_wait';
/** `provider:background_start`: a background response is running; carries its `response_id`. */
export const PROVIDER_BACKGROUND_START = 'provider:background_start';
/** `provider:background_poll`: one poll of a background response (its status, or the poll's error). */
export const PROVIDER_BACKGROUND_POLL = 'provider:background_poll';
/** `provider:background_cancel`: a background response was cancelled on Azure (abort or timeout). */
export const PROVIDER_BACKGROUND_CANCEL = 'provider:background_cancel';

/**
 * Events named and shaped like Microsoft's Python OpenAI / Azure OpenAI providers (their names are
 * Amplifier's, shared with those modules).
 */
export const CANONICAL_PROVIDER_EVENTS: readonly string[] = Object.freeze([
  'provider:retry',
  PROVIDER_ERROR,
  PROVIDER_TOOL_SEQUENCE_REPAIRED,
  PROVIDER_RESPONSE_CHAIN_INVALIDATED,
  PROVIDER_INCOMPLETE_CONTINUATION,
]);

/** Events only this module emits (no Python counterpart). */
export const OWN_PROVIDER_EVENTS: readonly string[] = Object.freeze([
  PROVIDER_RESOLVE,
  'provider:throttle',
  'provider:failover',
  'provider:warning',
  PROVIDER_CONCURRENCY_WAIT,
  PROVIDER_BACKGROUND_START,
  PROVIDER_BACKGROUND_POLL,
  PROVIDER_BACKGROUND_CANCEL,
]);

/**
 * Every event this provider declares on the `observability.events` contribution channel: the four
 * `llm:stream_*` events, then the canonical and own `provider:*` events. (`llm:request`,
 * `llm:response` and their `:debug` / `:raw` variants are kernel-standard and not declared.)
 */
export const DECLARED_EVENTS: readonly string[] = Object.freeze([
  ...STREAM_EVENTS,
  ...CANONICAL_PROVIDER_EVENTS,
  ...OWN_PROVIDER_EVENTS,
]);
