import type { ChatRequest } from '../types.js';

/**
 * True when the caller turned streaming off for this one call with `request.metadata.stream ===
 * false` (an identity check, as the streaming contract says: background tasks such as a session
 * namer do this). Such a call emits no `llm:stream_*` events.
 */
export function streamOffByMetadata(request: ChatRequest | undefined): boolean {
  const metadata = request?.metadata;
  return typeof metadata === 'object' && metadata !== null && metadata.stream === false;
}

/**
 * Whether `complete()` streams from Azure: always for `request.stream === true`; otherwise when
 * `use_streaming` is on, an event sink is there to receive the `llm:stream_*` events, and neither
 * `request.stream === false` nor `request.metadata.stream === false` turns it off. Without a sink
 * nothing would consume the stream events, so the single-request path is kept.
 */
export function completeStreams(
  request: ChatRequest | undefined,
  useStreaming: boolean,
  hasEventSink: boolean,
): boolean {
  if (request?.stream === true) return true;
  if (!useStreaming || !hasEventSink || request?.stream === false) return false;
  return !streamOffByMetadata(request);
}
