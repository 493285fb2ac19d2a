import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import type OpenAI from 'openai';
import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { BackgroundTimeoutError } from '../errors/background-timeout-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { translateError } from '../errors/translate-error.js';
import { emit } from '../events/provider-event-emitter.js';
import {
  PROVIDER_BACKGROUND_CANCEL,
  PROVIDER_BACKGROUND_POLL,
  PROVIDER_BACKGROUND_START,
} from '../events/provider-event-names.js';
import { perRequestOption } from '../request/request-options.js';
import { describeType, isRecord } from '../response/json-guards.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import type { ChatRequest } from '../types.js';
import type { HttpRequestOptions } from './http-request-options.js';
import { errorContext, type ProviderContext } from './provider-context.js';
import { PROVIDER_ID } from './provider-info.js';

/** Statuses of a background response that is still running (polled again). */
const RUNNING = new Set(['queued', 'in_progress', 'searching']);

/** How long a cancel request (sent after the call's own signal fired) may take. */
const CANCEL_TIMEOUT_MS = 10_000;

/** How one call runs as a background response. */
export interface BackgroundMode {
  /** A response to resume (poll) instead of creating one (`background_response_id`). */
  readonly resumeId: string | undefined;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
}

function invalid(param: string, message: string, fix: string, code = 'invalid_chat_request') {
  return new InvalidRequestError({ message, code, param, fix });
}

/**
 * Whether `request` runs as a background response: `background` (request field or metadata key,
 * else the config's `background`), or `background_response_id` to resume one created earlier (by
 * this process or one before a restart). Creating one needs `store = true`: Azure keeps a
 * background response so it can be polled, and a config that keeps `store = false` forbids that.
 */
export function backgroundMode(
  config: Pick<AzureOpenAIConfig, 'background' | 'store' | 'pollInterval' | 'backgroundTimeout'>,
  request: ChatRequest | undefined,
): BackgroundMode | undefined {
  if (!isRecord(request)) return undefined;
  const resume = perRequestOption(request, 'background_response_id');
  if (resume !== undefined && typeof resume !== 'string') {
    throw invalid(
      'background_response_id',
      `Invalid chat request: background_response_id must be a response id string such as "resp_...", got ${describeType(resume)}.`,
      'Pass the response_id of the provider:background_start event (or of the BackgroundTimeoutError).',
    );
  }
  const flag = perRequestOption(request, 'background');
  if (flag !== undefined && typeof flag !== 'boolean') {
    throw invalid(
      'background',
      `Invalid chat request: background must be true or false, got ${describeType(flag)}.`,
      'Pass background: true to run the request as a background response, or leave it out.',
    );
  }
  if (typeof resume === 'string') return modeOf(config, resume.trim());
  if (!(flag ?? config.background)) return undefined;
  if (!config.store) {
    throw invalid(
      'store',
      'Background responses need store = true: Azure stores a background response so it can be polled by id, and this provider is configured with store = false.',
      'Set store = true in the provider config (AZURE_OPENAI settings) to use background responses, or send the request without background.',
      'background_requires_store',
    );
  }
  return modeOf(config, undefined);
}

/** The mode of a background call (built only for one: most calls are not). */
function modeOf(
  config: Pick<AzureOpenAIConfig, 'pollInterval' | 'backgroundTimeout'>,
  resumeId: string | undefined,
): BackgroundMode {
  return {
    resumeId,
    pollIntervalMs: Math.max(1, Math.round(config.pollInterval * 1000)),
    timeoutMs: Math.max(1, Math.round(config.backgroundTimeout * 1000)),
  };
}

/** What settling one background response needs. */
export interface SettleBackgroundOptions {
  client: OpenAI;
  /** Azure's answer to the create (or first retrieve) request, as JSON. */
  first: unknown;
  mode: BackgroundMode;
  target: FailoverTarget;
  model: string;
  signal: AbortSignal | undefined;
  /**
   * The SDK options of the next request: the credential, a fresh client request id and `signal`
   * (none for the cancel request, sent after the call's own signal fired).
   */
  requestOptions: (signal: AbortSignal | undefined) => Promise<HttpRequestOptions>;
}

type SettleContext = Pick<
  ProviderContext,
  'events' | 'scrubber' | 'logger' | 'sleep' | 'now' | 'auth' | 'state' | 'config'
>;

function statusOf(response: unknown): string | undefined {
  return isRecord(response) && typeof response.status === 'string' ? response.status : undefined;
}

/**
 * Polls a background response (`GET /responses/{id}` through the `openai` SDK's
 * `responses.retrieve`, every `poll_interval`) until it is no longer queued or in progress, and
 * returns its final JSON (completed, incomplete, failed or cancelled: the caller parses it like any
 * answer). Each poll emits `provider:background_poll`; a poll that fails with a retryable error
 * (429, 5xx, connection) is reported and polled again. When the call is aborted (caller signal,
 * close()) or `background_timeout` passes, it asks Azure to cancel the response
 * (`POST /responses/{id}/cancel`, `responses.cancel`) and rejects: with the abort, or with
 * {@link BackgroundTimeoutError}.
 */
export async function settleBackground(
  context: SettleContext,
  options: SettleBackgroundOptions,
): Promise<unknown> {
  const { client, mode, target, model, signal } = options;
  let current = options.first;
  let status = statusOf(current);
  if (status === undefined || !RUNNING.has(status)) return current;
  const id = isRecord(current) && typeof current.id === 'string' ? current.id : undefined;
  if (id === undefined) return current;
  const startedAt = context.now();
  const deadline = startedAt + mode.timeoutMs;
  const base = { provider: PROVIDER_ID, response_id: id, model, deployment: target.deployment };
  await emit(context, PROVIDER_BACKGROUND_START, {
    ...base,
    status,
    resumed: mode.resumeId !== undefined,
    poll_interval_ms: mode.pollIntervalMs,
    timeout_ms: mode.timeoutMs,
  });
  const cancelUpstream = async (reason: 'aborted' | 'timeout'): Promise<boolean> => {
    let confirmed = false;
    let failure: AzureOpenAIError | undefined;
    try {
      // The call's own signal has fired: the cancel request gets its own time bound instead.
      const requestOptions = await options.requestOptions(undefined);
      const answer = await client.responses.cancel(id, {
        ...requestOptions,
        timeout: CANCEL_TIMEOUT_MS,
      });
      confirmed = statusOf(answer) === 'cancelled';
      status = statusOf(answer) ?? status;
    } catch (thrown) {
      failure = translateError(thrown, errorContext(context, model, undefined, target));
      context.logger.warn('Could not cancel the background response on Azure', {
        response_id: id,
        error: failure.message,
      });
    }
    await emit(context, PROVIDER_BACKGROUND_CANCEL, {
      ...base,
      reason,
      cancelled: confirmed,
      status,
      ...(failure === undefined ? {} : { error: failure.message, error_type: failure.name }),
    });
    return confirmed;
  };

  let polls = 0;
  for (;;) {
    try {
      const remaining = deadline - context.now();
      if (remaining <= 0) {
        const lastStatus = status ?? 'unknown';
        const cancelled = await cancelUpstream('timeout');
        throw new BackgroundTimeoutError({
          message: `The background response ${id} did not finish within background_timeout (${mode.timeoutMs / 1000} s; last status: ${lastStatus}); it was ${cancelled ? 'cancelled on Azure' : 'asked to cancel, but Azure did not confirm it'}.`,
          fix: 'Raise background_timeout (seconds) for long tasks, or resume the response later with background_response_id.',
          responseId: id,
          lastStatus,
          cancelled,
          model,
          deployment: target.deployment,
        });
      }
      await context.sleep(Math.min(mode.pollIntervalMs, remaining), signal);
      if (context.now() >= deadline) continue;
      polls += 1;
      try {
        // Inside: a credential failure (token endpoint) is handled like a failed poll.
        const requestOptions = await options.requestOptions(signal);
        // A poll never outlives background_timeout.
        const left = Math.max(1, deadline - context.now());
        const perRequest = requestOptions.timeout ?? context.config.timeout * 1000;
        if (left < perRequest) requestOptions.timeout = Math.ceil(left);
        current = await client.responses.retrieve(id, {}, requestOptions);
      } catch (thrown) {
        if (signal?.aborted) throw thrown;
        const error = translateError(thrown, errorContext(context, model, undefined, target));
        if (!error.retryable) throw error;
        await emit(context, PROVIDER_BACKGROUND_POLL, {
          ...base,
          poll: polls,
          status,
          elapsed_ms: context.now() - startedAt,
          error: error.message,
          error_type: error.name,
        });
        continue;
      }
      status = statusOf(current);
      await emit(context, PROVIDER_BACKGROUND_POLL, {
        ...base,
        poll: polls,
        status,
        elapsed_ms: context.now() - startedAt,
      });
      if (status === undefined || !RUNNING.has(status)) return current;
    } catch (thrown) {
      if (signal?.aborted && !BackgroundTimeoutError.isInstance(thrown)) {
        await cancelUpstream('aborted');
      }
      throw thrown;
    }
  }
}

/**
 * Opens a background call: `responses.create` with the body (which carries `background: true`),
 * or `responses.retrieve` of the response to resume. Returns the raw HTTP answer.
 */
export function openBackground(
  client: OpenAI,
  body: Record<string, unknown>,
  requestOptions: HttpRequestOptions,
  mode: BackgroundMode,
): Promise<Response> {
  if (mode.resumeId !== undefined) {
    return client.responses.retrieve(mode.resumeId, {}, requestOptions).asResponse();
  }
  return client.responses
    .create(
      body as unknown as Parameters<typeof client.responses.create>[0] & { stream?: false },
      requestOptions,
    )
    .asResponse();
}
