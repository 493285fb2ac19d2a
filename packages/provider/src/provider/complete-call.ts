import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { translateError } from '../errors/translate-error.js';
import { emit } from '../events/provider-event-emitter.js';
import { completeStreams } from '../request/stream-choice.js';
import { computeBackoffMs } from '../retry/backoff.js';
import { retryBackoffOptions } from '../retry/retry-backoff-options.js';
import { streamEvents } from '../stream/stream-events.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import { runsInBackground } from './background-stream.js';
import { completeOnce } from './complete-once.js';
import type { ProviderContext } from './provider-context.js';
import { PROVIDER_ID } from './provider-info.js';
import type { CallOptions } from './provider-options.js';

/**
 * One complete() request: streamed when `completeStreams` says so (`use_streaming` with an event
 * sink, or `request.stream === true`), else one plain request (always for a background call, which
 * is polled).
 */
export function completeCall(
  context: ProviderContext,
  request: ChatRequest,
  callOptions?: CallOptions,
): Promise<ChatResponse> {
  if (
    completeStreams(request, context.config.useStreaming, context.events !== undefined) &&
    !runsInBackground(context.config, request)
  ) {
    return completeStreamed(context, request, callOptions);
  }
  return completeOnce(context, request, callOptions);
}

/**
 * complete() over a stream. Nothing of a stream reaches complete()'s caller before the answer is
 * whole, so a stream that breaks in the middle (a dropped connection: {@link StreamInterruptedError})
 * is retried like a plain request would be: within the call's one retry budget (`max_retries`
 * per deployment, counting every HTTP attempt already made), after the configured backoff, each
 * announced by `provider:retry` (`reason: 'stream_interrupted'`), with
 * `llm:stream_aborted` closing the partial blocks the display saw. The last failure is thrown.
 */
export async function completeStreamed(
  context: ProviderContext,
  request: ChatRequest,
  callOptions?: CallOptions,
): Promise<ChatResponse> {
  const maxRetries = context.config.maxRetries;
  // One retry budget for the whole call: a restarted stream goes on counting the attempts made.
  const attempts = { count: 0 };
  for (;;) {
    const firstAttemptIndex = attempts.count;
    const willRetry = (error: AzureOpenAIError): boolean =>
      attempts.count <= maxRetries &&
      StreamInterruptedError.isInstance(error) &&
      callOptions?.signal?.aborted !== true &&
      !context.state.closed;
    try {
      let final: ChatResponse | undefined;
      for await (const event of streamEvents(context, request, callOptions, {
        repeat: firstAttemptIndex > 0,
        willRetry,
        attempts,
        firstAttemptIndex,
      })) {
        if (event.type === 'message.end') final = event.response;
      }
      if (final === undefined) {
        throw new StreamInterruptedError({
          message: 'The stream ended without a final response.',
          model: request.model,
        });
      }
      return final;
    } catch (thrown) {
      const error = thrown as AzureOpenAIError;
      if (!willRetry(error)) throw thrown;
      const delayMs = computeBackoffMs(attempts.count - 1, {
        ...retryBackoffOptions(context.config),
        random: context.random,
      });
      await emit(context, 'provider:retry', {
        provider: PROVIDER_ID,
        model: error.model ?? request.model ?? context.config.defaultModel,
        deployment: error.deployment,
        attempt: attempts.count,
        max_retries: maxRetries,
        delay_ms: delayMs,
        error_type: error.name,
        reason: 'stream_interrupted',
        received_events: (error as StreamInterruptedError).receivedEvents,
        request_id: error.requestId,
        client_request_id: error.clientRequestId,
      });
      try {
        await context.sleep(delayMs, callOptions?.signal);
      } catch (cancelled) {
        throw context.scrubber.error(
          translateError(cancelled, { model: error.model ?? request.model ?? '' }),
        );
      }
    }
  }
}
