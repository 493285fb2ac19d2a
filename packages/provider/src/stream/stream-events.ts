import { randomUUID } from 'node:crypto';
import { APIError } from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { acquireCallSlot } from '../concurrency/call-slot.js';
import { applyCost } from '../cost/call-cost.js';
import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { type ErrorContext, translateError } from '../errors/translate-error.js';
import {
  emitBlocks,
  emitFailure,
  emitRequest,
  emitResponse,
} from '../events/provider-event-emitter.js';
import { createStreamBlockTracker } from '../events/stream-block-events.js';
import { recordChain } from '../provider/call-chain.js';
import { finalError } from '../provider/final-error.js';
import { type PreparedCall, prepareCall } from '../provider/prepare-call.js';
import { errorContext, type ProviderContext } from '../provider/provider-context.js';
import type { CallOptions } from '../provider/provider-options.js';
import { quotaCall } from '../provider/quota-call.js';
import { streamOffByMetadata } from '../request/stream-choice.js';
import { failoverOptions } from '../retry/failover-options.js';
import { runWithQuota } from '../retry/run-with-quota.js';
import type { ChatRequest, ChatResponse, ProviderStreamEvent } from '../types.js';
import { createIdleWatchdog } from './idle-watchdog.js';
import { type OpenedStream, openStream, streamErrorToError } from './open-stream.js';

/** How complete() restarts a stream that broke before it returned anything (see complete-call). */
export interface StreamRestart {
  /** This stream repeats an interrupted one: `provider:resolve` / `llm:request` were emitted. */
  repeat?: boolean | undefined;
  /** True when the caller retries this failure: no `provider:error` / failed `llm:response` then. */
  willRetry?: ((error: AzureOpenAIError) => boolean) | undefined;
  /** HTTP attempts of the whole complete() call, counted here (the retry budget is shared). */
  attempts?: { count: number } | undefined;
  /** Attempts the call already made: where the first deployment's retry count starts. */
  firstAttemptIndex?: number | undefined;
}

/**
 * One streaming call: prepare, open the stream with failover (see {@link openStream}), then yield
 * its events under an idle watchdog. The answer is recorded and reported before `message.end` is
 * yielded; stopping early closes the connection. Throws a typed, scrubbed error.
 */
export async function* streamEvents(
  context: ProviderContext,
  request: ChatRequest,
  callOptions?: CallOptions,
  restart?: StreamRestart,
): AsyncGenerator<ProviderStreamEvent, void, undefined> {
  const { config, events } = context;
  const call = prepareCall(context, request, callOptions, true);
  const blocks =
    events === undefined || streamOffByMetadata(request)
      ? undefined
      : createStreamBlockTracker(randomUUID());
  let opened: OpenedStream | undefined;
  let releaseSlot: (() => void) | undefined;
  let finished = false;
  const idleMs = Math.round(
    (typeof request.timeout === 'number' && request.timeout > 0
      ? request.timeout
      : config.timeout) * 1000,
  );
  const watchdog = createIdleWatchdog(idleMs, () => {
    call.abort(
      new TimeoutError({
        message: `Azure OpenAI sent nothing for ${idleMs / 1000} s in the middle of a stream${
          opened === undefined ? '' : ` (deployment '${opened.target.deployment}')`
        }.`,
        fix: 'Raise `timeout` (seconds) in the provider config, or retry.',
        code: 'stream_idle_timeout',
        model: call.model,
        deployment: opened?.target.deployment,
      }),
    );
  });
  try {
    if (events !== undefined && restart?.repeat !== true) {
      await emitRequest(context, call, request, true);
    }
    const resolution = call.plan.resolution;
    opened = await runWithQuota<OpenedStream>(context.quota, quotaCall(context, call, request), {
      ...failoverOptions(context, call),
      firstAttemptIndex: restart?.firstAttemptIndex,
      attempt: async target => {
        if (restart?.attempts !== undefined) restart.attempts.count++;
        const release = await acquireCallSlot(context, call, target);
        try {
          const stream = await openStream(context, call, request, target, watchdog, blocks);
          releaseSlot = release; // held until the stream ends (finally below)
          return stream;
        } catch (error) {
          release();
          throw error;
        }
      },
    });
    const errorInfo: ErrorContext = {
      ...errorContext(context, call.model, resolution.rule, opened.target),
      requestId: opened.requestId,
      clientRequestId: opened.clientRequestId,
    };
    // The answer is complete (and reported) BEFORE message.end is yielded: a consumer that
    // stops at message.end still gets llm:response and the conversation chain.
    const complete = async (response: ChatResponse): Promise<void> => {
      finished = true;
      const costWarning = applyCost(context, response);
      if (costWarning !== undefined) await costWarning;
      await emitBlocks(context, blocks?.finish());
      recordChain(context, request, response, opened?.target);
      if (events !== undefined || response.metadata?.incomplete !== undefined) {
        await emitResponse(context, call, response, opened?.rawEvents);
      }
    };
    let batch = opened.pending;
    for (;;) {
      if (batch.length > 0) watchdog.pause(); // the consumer's time is not Azure's silence
      for (const event of batch) {
        if (!finished && call.signal?.aborted) throw call.signal.reason;
        if (event.type === 'error') throw streamErrorToError(event.error, errorInfo);
        if (event.type === 'message.end' && !finished) await complete(event.response);
        yield event;
      }
      if (!finished && call.signal?.aborted) throw call.signal.reason;
      if (opened.ended || (finished && call.signal?.aborted)) break;
      let next: IteratorResult<unknown>;
      watchdog.touch();
      try {
        next = await opened.reader.next();
      } catch (thrown) {
        if (finished) break; // the answer was complete; a late transport error is irrelevant
        throw interrupted(context, thrown, call, opened, errorInfo);
      }
      if (next.done) {
        opened.ended = true;
        break;
      }
      opened.received++;
      const event = next.value as ResponseStreamEvent;
      opened.rawEvents?.push(event);
      batch = opened.accumulator.push(event);
      await emitBlocks(context, blocks?.push(event));
    }
    if (!finished) {
      if (call.signal?.aborted) throw call.signal.reason;
      let finalResponse: ChatResponse;
      try {
        finalResponse = opened.accumulator.finish();
      } catch (thrown) {
        throw interrupted(context, thrown, call, opened, errorInfo);
      }
      await complete(finalResponse);
      yield { type: 'message.end', response: finalResponse, usage: finalResponse.usage };
    }
  } catch (thrown) {
    const error = context.scrubber.error(finalError(context, call, thrown));
    if (events !== undefined) {
      const aborted = blocks?.aborted(error);
      if (aborted !== undefined) await emitBlocks(context, [aborted]);
      if (restart?.willRetry?.(error) !== true) await emitFailure(context, call, error);
    }
    throw error;
  } finally {
    watchdog.stop();
    // Stopped early (break, abort, error) or before the end of the body: close the connection
    // (cancel the body, and abort the request the way a caller's signal would).
    if (opened !== undefined && !opened.ended) {
      opened.reader.cancel();
      call.abort(new DOMException('The stream was closed before its end.', 'AbortError'));
    }
    releaseSlot?.();
    call.release();
  }
}

/**
 * The error of a stream cut in the middle: the cancellation when the call was aborted, an HTTP
 * error as such, else a {@link StreamInterruptedError} (the partial answer is discarded).
 */
export function interrupted(
  context: Pick<ProviderContext, 'state' | 'auth' | 'config'>,
  thrown: unknown,
  call: Pick<PreparedCall, 'model' | 'plan' | 'signal'>,
  opened: Pick<OpenedStream, 'target' | 'received' | 'requestId' | 'clientRequestId'>,
  errorInfo: ErrorContext,
): AzureOpenAIError {
  if (call.signal?.aborted) return finalError(context, call, thrown);
  if (thrown instanceof APIError) return translateError(thrown, errorInfo);
  const translated = translateError(thrown, errorInfo);
  if (StreamInterruptedError.isInstance(translated)) return translated;
  return new StreamInterruptedError({
    message: `The stream from deployment '${opened.target.deployment}' was interrupted after ${opened.received} events: ${
      thrown instanceof Error ? thrown.message : String(thrown)
    }. The partial answer was discarded.`,
    fix: 'Retry the request.',
    deployment: opened.target.deployment,
    endpoint: opened.target.endpoint ?? context.config.azureEndpoint,
    model: call.model,
    requestId: opened.requestId,
    clientRequestId: opened.clientRequestId,
    receivedEvents: opened.received,
    cause: thrown,
  });
}
