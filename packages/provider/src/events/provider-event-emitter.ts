import { AbortedError } from '../errors/aborted-error.js';
import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import type { PreparedCall } from '../provider/prepare-call.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { PROVIDER_ID } from '../provider/provider-info.js';
import type { FailoverNotice, RetryNotice, ThrottleNotice } from '../retry/run-with-failover.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import { errorPayload, resolvePayload } from './canonical-events.js';
import { DEBUG_TRUNCATION, toDebugPayload } from './debug-payload.js';
import { PROVIDER_ERROR, PROVIDER_RESOLVE } from './provider-event-names.js';
import type { StreamBlockEmission } from './stream-block-events.js';
import { toUsageEventPayload } from './usage-payload.js';

/** What emitting needs of the provider: the sink, the scrubber and the logger. */
export type EmitterContext = Pick<ProviderContext, 'events' | 'scrubber' | 'logger'>;

/** What the call events need: the sink, the config (debug flags) and the clock. */
export type CallEventContext = EmitterContext & Pick<ProviderContext, 'config' | 'now'>;

/** The parts of a prepared call its events report. */
export type CallEventInfo = Pick<PreparedCall, 'model' | 'plan' | 'startedAt' | 'ids'>;

/**
 * Emits one event, scrubbed of the provider's credentials. A failing (or rejecting) sink is
 * logged and never fails the call.
 */
export async function emit(
  context: EmitterContext,
  event: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const { events } = context;
  if (events === undefined) return;
  try {
    const result = events.emit(event, context.scrubber.value(payload));
    if (result !== null && typeof result === 'object' && 'then' in result) await result;
  } catch (error) {
    context.logger.warn(`Event sink failed for ${event}`, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Logs a warning and emits it as `provider:warning`. */
export async function warn(
  context: EmitterContext,
  message: string,
  data: Record<string, unknown>,
): Promise<void> {
  context.logger.warn(message, data);
  await emit(context, 'provider:warning', { provider: PROVIDER_ID, message, ...data });
}

/** Emits `llm:stream_*` events in order (a tracker exists only when there is a sink). */
export async function emitBlocks(
  context: EmitterContext,
  emissions: StreamBlockEmission[] | undefined,
): Promise<void> {
  if (emissions === undefined) return;
  for (const { event, payload } of emissions) await emit(context, event, payload);
}

/** `provider:resolve` then `llm:request`, before the first HTTP request of a call. */
export async function emitRequest(
  context: EmitterContext,
  call: CallEventInfo,
  request: ChatRequest,
  stream: boolean,
): Promise<void> {
  await emit(context, PROVIDER_RESOLVE, resolvePayload(call.model, call.plan));
  await emit(context, 'llm:request', {
    provider: PROVIDER_ID,
    model: call.model,
    deployment: call.plan.targets[0]?.deployment,
    rule: call.plan.resolution.rule,
    message_count: Array.isArray(request.messages) ? request.messages.length : 0,
    tool_count: Array.isArray(request.tools) ? request.tools.length : 0,
    stream,
    client_request_id: call.ids.peek(),
  });
}

/**
 * The answer's events: a warning for a cut-off answer (never silent), `llm:response`, and the
 * debug / raw payloads when `debug` / `raw_debug` are on.
 */
export async function emitResponse(
  context: CallEventContext,
  call: CallEventInfo,
  response: ChatResponse,
  raw: unknown,
): Promise<void> {
  const metadata = response.metadata ?? {};
  if (metadata.incomplete !== undefined) {
    await warn(context, `${metadata.incomplete.message} ${metadata.incomplete.fix}`, {
      model: call.model,
      deployment: metadata.deployment,
      finish_reason: response.finish_reason,
      incomplete_reason: metadata.incomplete.reason,
      reasoning_only: metadata.incomplete.reasoning_only,
      request_id: metadata.request_id,
      client_request_id: metadata.client_request_id,
    });
  }
  await emit(context, 'llm:response', {
    provider: PROVIDER_ID,
    model: call.model,
    deployment: metadata.deployment,
    status: 'ok',
    duration_ms: Math.round(context.now() - call.startedAt),
    usage: toUsageEventPayload(response.usage),
    finish_reason: response.finish_reason,
    incomplete_reason: metadata.incomplete_reason,
    request_id: metadata.request_id,
    client_request_id: metadata.client_request_id,
    response_id: metadata.response_id,
  });
  if (context.config.debug) {
    await emit(context, 'llm:response:debug', {
      provider: PROVIDER_ID,
      model: call.model,
      response: toDebugPayload(response, DEBUG_TRUNCATION),
    });
    if (context.config.rawDebug) {
      await emit(context, 'llm:response:raw', {
        provider: PROVIDER_ID,
        model: call.model,
        response: toDebugPayload(raw),
      });
    }
  }
}

/** `provider:error` (not for a cancelled call) then `llm:response` with status `error`. */
export async function emitFailure(
  context: CallEventContext,
  call: CallEventInfo,
  error: AzureOpenAIError,
): Promise<void> {
  // A cancelled call is not a provider failure.
  if (!AbortedError.isInstance(error)) {
    await emit(
      context,
      PROVIDER_ERROR,
      errorPayload(call.model, error, Math.round(context.now() - call.startedAt)),
    );
  }
  await emit(context, 'llm:response', {
    provider: PROVIDER_ID,
    model: call.model,
    deployment: error.deployment,
    status: 'error',
    duration_ms: Math.round(context.now() - call.startedAt),
    error: {
      type: error.name,
      message: error.message,
      status: error.status,
      code: error.code,
      request_id: error.requestId,
      client_request_id: error.clientRequestId,
      retryable: error.retryable,
    },
  });
}

/** The `provider:retry` / `provider:throttle` / `provider:failover` callbacks (none without a sink). */
export function retryEvents(
  context: EmitterContext,
  model: string,
): {
  onRetry?: (notice: RetryNotice) => Promise<void>;
  onThrottle?: (notice: ThrottleNotice) => Promise<void>;
  onFailover?: (notice: FailoverNotice) => Promise<void>;
} {
  if (context.events === undefined) return {};
  return {
    onRetry: notice =>
      emit(context, 'provider:retry', {
        provider: PROVIDER_ID,
        model,
        deployment: notice.target.deployment,
        attempt: notice.attempt,
        max_retries: notice.maxRetries,
        delay_ms: notice.delayMs,
        error_type: notice.error.name,
        status: notice.error.status,
        code: notice.error.code,
        request_id: notice.error.requestId,
        client_request_id: notice.error.clientRequestId,
      }),
    onThrottle: notice =>
      emit(context, 'provider:throttle', {
        provider: PROVIDER_ID,
        model,
        deployment: notice.target.deployment,
        retry_after_ms: notice.retryAfterMs,
        action: notice.action,
        request_id: notice.error.requestId,
        client_request_id: notice.error.clientRequestId,
      }),
    onFailover: notice =>
      emit(context, 'provider:failover', {
        provider: PROVIDER_ID,
        model,
        from_deployment: notice.from.deployment,
        to_deployment: notice.to.deployment,
        error_type: notice.error.name,
        status: notice.error.status,
        code: notice.error.code,
        request_id: notice.error.requestId,
        client_request_id: notice.error.clientRequestId,
      }),
  };
}
