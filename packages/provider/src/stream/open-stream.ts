import type {
  ResponseCreateParamsStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { readRequestId } from '../client/client-pool.js';
import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { type ErrorContext, translateError } from '../errors/translate-error.js';
import { emitBlocks } from '../events/provider-event-emitter.js';
import type { StreamBlockTracker } from '../events/stream-block-events.js';
import type { SendContext } from '../provider/build-call-body.js';
import { httpRequestOptions } from '../provider/http-request-options.js';
import type { PreparedCall } from '../provider/prepare-call.js';
import { errorContext, type ProviderContext } from '../provider/provider-context.js';
import { sendWithLearning } from '../provider/send-with-learning.js';
import { toolNamesIfParallel } from '../request/tool-names-if-parallel.js';
import { ResponseFailedError } from '../response/response-failed-error.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import type { ChatRequest, ProviderStreamEvent, StreamErrorInfo } from '../types.js';
import type { IdleWatchdog } from './idle-watchdog.js';
import { SseJsonReader } from './sse-json-reader.js';
import { createStreamAccumulator, type StreamAccumulator } from './stream-accumulator.js';

/** A stream that answered: its reader, accumulator and the first Amplifier events it produced. */
export interface OpenedStream {
  reader: SseJsonReader;
  accumulator: StreamAccumulator;
  /** Events produced and not yet yielded. */
  pending: ProviderStreamEvent[];
  /** The body was read to its end. */
  ended: boolean;
  /** SSE events received so far. */
  received: number;
  target: FailoverTarget;
  requestId: string | undefined;
  clientRequestId: string;
  /** The raw SSE events, kept only for `raw_debug`. */
  rawEvents: unknown[] | undefined;
}

/** A `response.failed` / `error` stream event as a typed error (by code, else ResponseFailedError). */
export function streamErrorToError(info: StreamErrorInfo, context: ErrorContext): AzureOpenAIError {
  return translateError(
    new ResponseFailedError({
      error: info,
      deployment: context.deployment,
      endpoint: context.endpoint,
      model: context.model,
    }),
    context,
  );
}

/**
 * Opens the SSE stream to `target` and reads until the first Amplifier event, so retries,
 * failover and parameter learning happen before anything is yielded. An `error` event before
 * that point throws (and may be retried); the reader is cancelled on any failure.
 */
export function openStream(
  context: ProviderContext,
  call: PreparedCall,
  request: ChatRequest,
  target: FailoverTarget,
  watchdog: Pick<IdleWatchdog, 'touch'>,
  blocks: StreamBlockTracker | undefined,
): Promise<OpenedStream> {
  const { config, pool } = context;
  const resolution = call.plan.resolution;
  const attempt: SendContext = {
    target,
    resolution,
    request,
    signal: call.signal,
    stream: true,
    ids: call.ids,
  };
  return sendWithLearning(context, attempt, async (body, clientRequestId) => {
    body.stream = true;
    const client = pool.get(target.endpoint);
    // The raw answer, its events read by the provider's own linear SSE reader (see there).
    const http = await client.responses
      .create(
        body as unknown as ResponseCreateParamsStreaming,
        await httpRequestOptions(context, request, call.signal, clientRequestId),
      )
      .asResponse();
    const requestId = readRequestId(http.headers);
    watchdog.touch();
    const streamContext = {
      deployment: target.deployment,
      model: call.model,
      requestId,
      clientRequestId,
    };
    const reader = new SseJsonReader(http, streamContext);
    const accumulator = createStreamAccumulator({
      ...streamContext,
      toolNames: toolNamesIfParallel(request),
    });
    const opened: OpenedStream = {
      reader,
      accumulator,
      pending: [],
      ended: false,
      received: 0,
      target,
      requestId,
      clientRequestId,
      rawEvents: config.debug && config.rawDebug ? [] : undefined,
    };
    try {
      while (opened.pending.length === 0) {
        const next = await reader.next();
        if (next.done) {
          opened.ended = true;
          break;
        }
        opened.received++;
        watchdog.touch();
        const event = next.value as ResponseStreamEvent;
        opened.rawEvents?.push(event);
        const produced = accumulator.push(event);
        await emitBlocks(context, blocks?.push(event));
        for (const event of produced) {
          if (event.type === 'error') {
            throw streamErrorToError(event.error, {
              ...errorContext(context, call.model, resolution.rule, target),
              requestId,
              clientRequestId,
            });
          }
        }
        opened.pending = produced;
      }
      if (opened.ended && call.signal?.aborted) throw call.signal.reason;
    } catch (error) {
      reader.cancel();
      throw error;
    }
    return opened;
  });
}
