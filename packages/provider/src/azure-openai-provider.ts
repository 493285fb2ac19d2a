import { randomUUID } from 'node:crypto';
import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
import type { AzureOpenAIConfig, ResolvedConfig } from '@amplifier-azure-openai/config';
import {
  createDeploymentResolver,
  type DeploymentResolution,
  type DeploymentResolver,
  type FailoverPlan,
} from '@amplifier-azure-openai/deployments';
import { APIError } from 'openai';
import type {
  ResponseCreateParamsStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { type ClientPool, createClientPool, readRequestId } from './client/client-pool.js';
import {
  CLIENT_REQUEST_ID_HEADER,
  type ClientRequestIds,
  createClientRequestIds,
} from './client/client-request-ids.js';
import { AbortedError } from './errors/aborted-error.js';
import { AzureOpenAIError } from './errors/azure-openai-error.js';
import { createCredentialScrubber } from './errors/credential-scrubber.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { ProviderClosedError } from './errors/provider-closed-error.js';
import { StreamInterruptedError } from './errors/stream-interrupted-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { type ErrorContext, translateError } from './errors/translate-error.js';
import {
  chainInvalidatedPayload,
  errorPayload,
  isChainInvalidation,
  resolvePayload,
  toolSequenceRepairedPayload,
} from './events/canonical-events.js';
import { DEBUG_TRUNCATION, toDebugPayload } from './events/debug-payload.js';
import {
  PROVIDER_ERROR,
  PROVIDER_RESOLVE,
  PROVIDER_RESPONSE_CHAIN_INVALIDATED,
  PROVIDER_TOOL_SEQUENCE_REPAIRED,
} from './events/provider-event-names.js';
import {
  createStreamBlockTracker,
  type StreamBlockEmission,
  type StreamBlockTracker,
} from './events/stream-block-events.js';
import { toUsageEventPayload } from './events/usage-payload.js';
import { buildProviderInfo, PROVIDER_ID } from './provider/provider-info.js';
import type {
  AzureOpenAIProviderOptions,
  CallOptions,
  EventSink,
  Logger,
} from './provider/provider-options.js';
import { scrubbingLogger } from './provider/scrubbing-logger.js';
import { removeParameter, unsupportedParameterOf } from './provider/unsupported-parameter.js';
import { estimateChatTokens } from './quota/estimate-chat-tokens.js';
import { createQuotaRuntime, type QuotaRuntime } from './quota/quota-runtime.js';
import { buildResponsesRequest } from './request/build-responses-request.js';
import { ConversationChain, chainTarget } from './request/conversation-chain.js';
import { requestExtraHeaders } from './request/request-options.js';
import { completeStreams, streamOffByMetadata } from './request/stream-choice.js';
import { parseResponse, parseToolCalls } from './response/parse-response.js';
import { readResponseJson } from './response/read-response-json.js';
import { ResponseFailedError } from './response/response-failed-error.js';
import { abortableSleep } from './retry/abortable-sleep.js';
import type { FailoverTarget } from './retry/run-with-failover.js';
import { type QuotaCall, runWithQuota } from './retry/run-with-quota.js';
import { invalidateToken, isRefusedToken, refreshedTokenRefused } from './retry/token-refresh.js';
import { createIdleWatchdog, type IdleWatchdog } from './stream/idle-watchdog.js';
import { SseJsonReader } from './stream/sse-json-reader.js';
import { createStreamAccumulator, type StreamAccumulator } from './stream/stream-accumulator.js';
import type {
  ChatRequest,
  ChatResponse,
  ModelInfo,
  ProviderInfo,
  ProviderStreamEvent,
  StreamErrorInfo,
  ToolCall,
} from './types.js';

/** The Azure OpenAI provider for Amplifier. Built by {@link createAzureOpenAIProvider}. */
export interface AzureOpenAIProvider {
  /** Always `azure-openai`. */
  readonly name: 'azure-openai';
  /** Id, display name, credential env vars, capabilities, defaults and setup fields. */
  getInfo(): ProviderInfo;
  /** The models the deployment mapping knows, as Amplifier `ModelInfo`. */
  listModels(): Promise<ModelInfo[]>;
  /**
   * Sends one chat request and returns the complete answer. It streams internally (and emits the
   * `llm:stream_block_start/delta/end` events, `llm:stream_aborted` after a partial stream) when
   * `request.stream === true`, or when `use_streaming` (default true) is on and an event sink is
   * attached, unless `request.stream === false` or `request.metadata.stream === false`. Retries, failover and parameter learning
   * happen inside; failures reject with an {@link AzureOpenAIError} subclass.
   */
  complete(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  /**
   * Streams one chat request: text and reasoning deltas, tool calls once their arguments are
   * complete, and a final `message.end` carrying the same ChatResponse `complete` would return.
   * Breaking out of the loop or aborting the signal closes the HTTP connection at once.
   */
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ProviderStreamEvent>;
  /** The tool calls of a response (`response.tool_calls`, or the tool_call blocks). */
  parseToolCalls(response: ChatResponse): ToolCall[];
  /**
   * Aborts in-flight `stream()` calls (and `complete()` calls that stream: `request.stream === true`,
   * or `use_streaming` with an event sink) and
   * in-flight `complete()` calls made with a `signal`; those reject with {@link AbortedError}. A
   * non-streaming `complete()` made without a `signal` is not aborted: it has no signal to abort
   * (by design, for throughput) and settles normally, bounded by `timeout`. Then releases the HTTP
   * clients and closes the auth strategy the provider created (not one passed in as `auth`),
   * cancelling its token request; while such a signal-less call still runs, only once it settles.
   * Idempotent; calls made after close() reject with {@link ProviderClosedError}.
   */
  close(): Promise<void>;
}

const SILENT_LOGGER: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
const NO_OMISSIONS: ReadonlySet<string> = new Set();

interface PreparedCall {
  model: string;
  plan: FailoverPlan;
  /**
   * The call's own signal (caller's signal and close() linked), or `undefined` for a complete()
   * without a caller signal: creating and listening to an AbortSignal costs tens of microseconds
   * on Node 20, so the fast path passes none to the SDK.
   */
  signal: AbortSignal | undefined;
  /** Aborts this call only (stream idle timeout). */
  abort: (reason: unknown) => void;
  release: () => void;
  startedAt: number;
  /** A fresh `x-ms-client-request-id` for each HTTP request of the call. */
  ids: ClientRequestIds;
}

interface SendContext {
  target: FailoverTarget;
  resolution: DeploymentResolution;
  request: ChatRequest;
  signal: AbortSignal | undefined;
  stream: boolean;
  ids: ClientRequestIds;
}

interface OpenedStream {
  reader: SseJsonReader;
  accumulator: StreamAccumulator;
  pending: ProviderStreamEvent[];
  ended: boolean;
  received: number;
  target: FailoverTarget;
  requestId: string | undefined;
  clientRequestId: string;
  rawEvents: unknown[] | undefined;
}

function isResolvedConfig(value: AzureOpenAIConfig | ResolvedConfig): value is ResolvedConfig {
  return (
    typeof (value as ResolvedConfig).config === 'object' &&
    (value as ResolvedConfig).sources !== undefined
  );
}

function targetKey(target: FailoverTarget): string {
  return target.endpoint === undefined
    ? target.deployment
    : `${target.endpoint}|${target.deployment}`;
}

/**
 * Creates the Azure OpenAI provider: one `openai` client per endpoint (created once, reused,
 * `maxRetries: 0`), auth per request from the auth strategy (`api-key` header for keys, `Bearer`
 * for tokens), deployments and failover from the resolver, retries with backoff, typed errors and
 * Amplifier events.
 *
 * @example
 * ```ts
 * const provider = createAzureOpenAIProvider({ config: resolveConfig({}, process.env) });
 * const response = await provider.complete({ messages: [{ role: 'user', content: 'Hi' }] });
 * await provider.close();
 * ```
 */
export function createAzureOpenAIProvider(
  options: AzureOpenAIProviderOptions,
): AzureOpenAIProvider {
  const config = configOf(options);
  const auth: AuthStrategy = options.auth ?? createAuthStrategy(config);
  /** Closed by close(): only a strategy this provider created (a passed-in one is the caller's). */
  const ownedAuth: AuthStrategy | undefined = options.auth === undefined ? auth : undefined;
  /** complete() calls still running: a signal-less one must still get credentials after close(). */
  let running = 0;
  const resolver: DeploymentResolver = options.resolver ?? createDeploymentResolver(config);
  // The provider's own credentials never leave it: errors, events and logs are scrubbed here.
  const scrubber = createCredentialScrubber([
    config.apiKey?.reveal(),
    config.azureAdToken?.reveal(),
  ]);
  const logger =
    options.logger === undefined ? SILENT_LOGGER : scrubbingLogger(options.logger, scrubber);
  const events: EventSink | undefined = options.events;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random;
  const now = options.now ?? (() => performance.now());
  const pool: ClientPool = createClientPool({ config, fetch: options.fetch });
  const omissions = new Map<string, ReadonlySet<string>>();
  const chain = config.store ? new ConversationChain() : undefined;
  const inFlight = new Set<AbortController>();
  /** Tool calls whose missing result was already reported (once per call id, like Python's). */
  const repairedToolCalls = new Set<string>();
  let closed = false;
  let authContext: ErrorContext['auth'];
  // deployment_quotas / shared_state_url: undefined (no cost) when neither is set.
  const quota: QuotaRuntime | undefined = createQuotaRuntime(config, {
    logger: {
      debug: (message, data) => logger.debug(message, data),
      info: (message, data) => logger.info(message, data),
      warn: (message, data) => void warn(message, data ?? {}),
      error: (message, data) => logger.error(message, data),
    },
    sleep,
    loadStateRedis: options.loadStateRedis,
  });
  const quotaCall = (call: PreparedCall, request: ChatRequest): QuotaCall => ({
    tokens: estimateChatTokens(request, {
      maxTokens: config.maxTokens,
      modelMaxOutputTokens: call.plan.resolution.capabilities.maxOutputTokens,
    }),
    maxWaitMs: config.timeout * 1000,
    attemptWaitMs: config.failoverRetryAfterThresholdSeconds * 1000,
    registry: resolver,
  });

  const describeAuth = (): ErrorContext['auth'] => {
    if (authContext === undefined) {
      try {
        authContext = auth.describe();
      } catch {
        authContext = { method: auth.method };
      }
    }
    return authContext;
  };

  const errorContext = (
    model: string,
    rule: string | undefined,
    target?: FailoverTarget,
  ): ErrorContext => ({
    model,
    deployment: target?.deployment,
    endpoint: target?.endpoint ?? config.azureEndpoint,
    rule,
    auth: describeAuth(),
  });

  const emit = async (event: string, payload: Record<string, unknown>): Promise<void> => {
    if (events === undefined) return;
    try {
      const result = events.emit(event, scrubber.value(payload));
      if (result !== null && typeof result === 'object' && 'then' in result) await result;
    } catch (error) {
      logger.warn(`Event sink failed for ${event}`, {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const warn = async (message: string, data: Record<string, unknown>): Promise<void> => {
    logger.warn(message, data);
    await emit('provider:warning', { provider: PROVIDER_ID, message, ...data });
  };

  /** Emits `llm:stream_*` events in order (a tracker exists only when there is a sink). */
  const emitBlocks = async (emissions: StreamBlockEmission[] | undefined): Promise<void> => {
    if (emissions === undefined) return;
    for (const { event, payload } of emissions) await emit(event, payload);
  };

  const ensureOpen = (): void => {
    if (closed) {
      throw new ProviderClosedError({
        message: 'The Azure OpenAI provider was closed; calls after close() are refused.',
        fix: 'Create a new provider with createAzureOpenAIProvider(...).',
      });
    }
  };

  /**
   * One AbortController per call, aborted by the caller's signal or by close(). The SDK adds a
   * listener to the signal it gets and never removes it, so it must never see a long-lived signal
   * (the caller's, or a provider-wide one): it only sees this per-call one.
   */
  const linkSignal = (
    signal: AbortSignal | undefined,
  ): { controller: AbortController; release: () => void } => {
    const controller = new AbortController();
    if (signal === undefined) {
      inFlight.add(controller);
      return { controller, release: () => inFlight.delete(controller) };
    }
    if (signal.aborted) {
      controller.abort(signal.reason);
      return { controller, release: noop };
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    inFlight.add(controller);
    return {
      controller,
      release: () => {
        signal.removeEventListener('abort', onAbort);
        inFlight.delete(controller);
      },
    };
  };

  const prepare = (
    request: ChatRequest,
    callOptions: CallOptions | undefined,
    needsSignal: boolean,
  ): PreparedCall => {
    ensureOpen();
    if (typeof request !== 'object' || request === null || !Array.isArray(request.messages)) {
      throw new InvalidRequestError({
        message: `Invalid chat request: expected an object with a messages array, got ${
          request === null ? 'null' : Array.isArray(request) ? 'an array' : typeof request
        }${typeof request === 'object' && request !== null ? ' without messages' : ''}.`,
        code: 'invalid_chat_request',
        param: 'messages',
        fix: "Pass { messages: [{ role: 'user', content: '...' }] }.",
      });
    }
    const model =
      typeof request?.model === 'string' && request.model.trim() !== ''
        ? request.model
        : config.defaultModel;
    let plan: FailoverPlan;
    try {
      plan = resolver.plan(model);
    } catch (error) {
      // e.g. an invalid model name: the deployments package's own typed error, kept as the cause.
      throw new InvalidRequestError({
        message: `Cannot send model '${model}': ${error instanceof Error ? error.message : String(error)}`,
        code:
          typeof (error as { code?: unknown })?.code === 'string'
            ? (error as { code: string }).code
            : 'invalid_model',
        param: 'model',
        model,
        fix:
          typeof (error as { fix?: unknown })?.fix === 'string'
            ? (error as { fix: string }).fix
            : 'Pass a model name that `deployment_mapping`, `default_deployment` or a deployment of the same name can serve.',
        cause: error,
      });
    }
    if (!needsSignal && callOptions?.signal === undefined) {
      return {
        model,
        plan,
        signal: undefined,
        abort: noop,
        release: noop,
        startedAt: now(),
        ids: createClientRequestIds(),
      };
    }
    const { controller, release } = linkSignal(callOptions?.signal);
    return {
      model,
      plan,
      signal: controller.signal,
      abort: reason => controller.abort(reason),
      release,
      startedAt: now(),
      ids: createClientRequestIds(),
    };
  };

  const capabilitiesFor = (resolution: DeploymentResolution, target: FailoverTarget) => {
    if (target.deployment === resolution.primary.deployment) return resolution.capabilities;
    const own = resolver.capabilitiesFor(target.deployment);
    return own.known ? own : resolution.capabilities;
  };

  /** Builds the body for one target, with the parameters it rejected before removed. */
  const buildBody = async (context: SendContext, omit: ReadonlySet<string>) => {
    const previousResponseId =
      chain === undefined || !Array.isArray(context.request.messages)
        ? undefined
        : chain.resolve(
            chainKey(context.request),
            context.request.messages,
            chainTarget(context.target.endpoint ?? config.azureEndpoint, context.target.deployment),
          );
    const built = buildResponsesRequest(context.request, {
      deployment: context.target.deployment,
      capabilities: capabilitiesFor(context.resolution, context.target),
      config,
      omitParameters: omit,
      ...(previousResponseId === undefined ? {} : { previousResponseId }),
    });
    const body = built.body as unknown as Record<string, unknown>;
    if (omit.size > 0) for (const parameter of omit) removeParameter(body, parameter);
    for (const warning of built.warnings) {
      await warn(warning, {
        deployment: context.target.deployment,
        model: context.resolution.model,
        client_request_id: context.ids.peek(),
      });
    }
    const repairs = built.repairs.filter(repair => !repairedToolCalls.has(repair.tool_call_id));
    if (repairs.length > 0) {
      for (const repair of repairs) repairedToolCalls.add(repair.tool_call_id);
      await emit(PROVIDER_TOOL_SEQUENCE_REPAIRED, toolSequenceRepairedPayload(repairs));
    }
    if (events !== undefined && config.debug) {
      await emit('llm:request:debug', {
        provider: PROVIDER_ID,
        model: context.resolution.model,
        deployment: context.target.deployment,
        client_request_id: context.ids.peek(),
        request: toDebugPayload(body, DEBUG_TRUNCATION),
      });
      if (config.rawDebug) {
        await emit('llm:request:raw', {
          provider: PROVIDER_ID,
          model: context.resolution.model,
          deployment: context.target.deployment,
          client_request_id: context.ids.peek(),
          request: toDebugPayload(body),
        });
      }
    }
    return body;
  };

  /**
   * Sends with parameter learning: a 400 naming a droppable parameter (temperature, top_p,
   * reasoning...) is remembered for the deployment and the request re-sent once without it.
   */
  const sendLearning = async <T>(
    context: SendContext,
    send: (body: Record<string, unknown>, clientRequestId: string) => Promise<T>,
  ): Promise<T> => {
    const key = targetKey(context.target);
    // Each parameter is dropped at most once per call (a model may reject several in turn).
    let retriedWithout: Set<string> | undefined;
    // A 401 on a token is answered once by dropping the cached token and sending again.
    let tokenRefreshed = false;
    for (;;) {
      const omit = omissions.get(key) ?? NO_OMISSIONS;
      const body = await buildBody(context, omit);
      const clientRequestId = context.ids.take();
      try {
        return await send(body, clientRequestId);
      } catch (thrown) {
        const error = translateError(thrown, {
          ...errorContext(context.resolution.model, context.resolution.rule, context.target),
          clientRequestId,
        });
        if (isRefusedToken(error, auth) && !context.signal?.aborted) {
          if (tokenRefreshed) throw refreshedTokenRefused(error, auth.method);
          if (invalidateToken(auth)) {
            tokenRefreshed = true;
            logger.info(
              'Azure OpenAI refused the token (HTTP 401); retrying once with a fresh one',
              {
                method: auth.method,
                request_id: error.requestId,
                client_request_id: error.clientRequestId,
              },
            );
            continue;
          }
        }
        if (
          chain !== undefined &&
          error.status !== undefined &&
          body.previous_response_id !== undefined &&
          isChainInvalidation(error) &&
          !retriedWithout?.has('previous_response_id')
        ) {
          // The stored response is gone (expired or deleted): forget the chain, send everything.
          chain.reset(chainKey(context.request));
          await emit(
            PROVIDER_RESPONSE_CHAIN_INVALIDATED,
            chainInvalidatedPayload(
              context.resolution.model,
              context.target.deployment,
              body.previous_response_id,
              error.code,
            ),
          );
          retriedWithout ??= new Set();
          retriedWithout.add('previous_response_id');
          continue;
        }
        const parameter = unsupportedParameterOf(error);
        if (
          parameter === undefined ||
          retriedWithout?.has(parameter) ||
          omit.has(parameter) ||
          context.signal?.aborted
        ) {
          throw error;
        }
        retriedWithout ??= new Set();
        retriedWithout.add(parameter);
        const learned = new Set(omit);
        learned.add(parameter);
        omissions.set(key, learned);
        await warn(
          `Deployment '${context.target.deployment}' does not support '${parameter}'; it is no longer sent to this deployment.`,
          {
            deployment: context.target.deployment,
            model: context.resolution.model,
            parameter,
            code: error.code,
            request_id: error.requestId,
            client_request_id: error.clientRequestId,
          },
        );
      }
    }
  };

  const requestOptions = async (
    request: ChatRequest,
    signal: AbortSignal | undefined,
    clientRequestId: string,
  ): Promise<{ headers: Record<string, string>; signal?: AbortSignal; timeout?: number }> => {
    const extraHeaders = requestExtraHeaders(request, config);
    const authHeaders = await auth.getAuthHeaders(signal === undefined ? undefined : { signal });
    scrubber.remember(authHeaders);
    // The credential's headers win over gateway headers.
    const headers = extraHeaders === undefined ? authHeaders : { ...extraHeaders, ...authHeaders };
    headers[CLIENT_REQUEST_ID_HEADER] = clientRequestId;
    const options: { headers: Record<string, string>; signal?: AbortSignal; timeout?: number } = {
      headers,
    };
    if (signal !== undefined) options.signal = signal;
    if (typeof request.timeout === 'number' && request.timeout > 0) {
      options.timeout = Math.round(request.timeout * 1000);
    }
    return options;
  };

  const retryEvents = (model: string) =>
    events === undefined
      ? {}
      : {
          onRetry: (notice: {
            target: FailoverTarget;
            attempt: number;
            maxRetries: number;
            delayMs: number;
            error: AzureOpenAIError;
          }) =>
            emit('provider:retry', {
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
          onThrottle: (notice: {
            target: FailoverTarget;
            retryAfterMs: number | undefined;
            action: string;
            error: AzureOpenAIError;
          }) =>
            emit('provider:throttle', {
              provider: PROVIDER_ID,
              model,
              deployment: notice.target.deployment,
              retry_after_ms: notice.retryAfterMs,
              action: notice.action,
              request_id: notice.error.requestId,
              client_request_id: notice.error.clientRequestId,
            }),
          onFailover: (notice: {
            from: FailoverTarget;
            to: FailoverTarget;
            error: AzureOpenAIError;
          }) =>
            emit('provider:failover', {
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

  const emitRequest = async (call: PreparedCall, request: ChatRequest, stream: boolean) => {
    await emit(PROVIDER_RESOLVE, resolvePayload(call.model, call.plan));
    await emitLlmRequest(call, request, stream);
  };

  const emitLlmRequest = (call: PreparedCall, request: ChatRequest, stream: boolean) =>
    emit('llm:request', {
      provider: PROVIDER_ID,
      model: call.model,
      deployment: call.plan.targets[0]?.deployment,
      rule: call.plan.resolution.rule,
      message_count: Array.isArray(request.messages) ? request.messages.length : 0,
      tool_count: Array.isArray(request.tools) ? request.tools.length : 0,
      stream,
      client_request_id: call.ids.peek(),
    });

  const emitResponse = async (call: PreparedCall, response: ChatResponse, raw: unknown) => {
    const metadata = response.metadata ?? {};
    if (metadata.incomplete !== undefined) {
      // Never silent: a cut-off answer is a warning (log and provider:warning), with the fix.
      await warn(`${metadata.incomplete.message} ${metadata.incomplete.fix}`, {
        model: call.model,
        deployment: metadata.deployment,
        finish_reason: response.finish_reason,
        incomplete_reason: metadata.incomplete.reason,
        reasoning_only: metadata.incomplete.reasoning_only,
        request_id: metadata.request_id,
        client_request_id: metadata.client_request_id,
      });
    }
    await emit('llm:response', {
      provider: PROVIDER_ID,
      model: call.model,
      deployment: metadata.deployment,
      status: 'ok',
      duration_ms: Math.round(now() - call.startedAt),
      usage: toUsageEventPayload(response.usage),
      finish_reason: response.finish_reason,
      incomplete_reason: metadata.incomplete_reason,
      request_id: metadata.request_id,
      client_request_id: metadata.client_request_id,
      response_id: metadata.response_id,
    });
    if (config.debug) {
      await emit('llm:response:debug', {
        provider: PROVIDER_ID,
        model: call.model,
        response: toDebugPayload(response, DEBUG_TRUNCATION),
      });
      if (config.rawDebug) {
        await emit('llm:response:raw', {
          provider: PROVIDER_ID,
          model: call.model,
          response: toDebugPayload(raw),
        });
      }
    }
  };

  const emitFailure = async (call: PreparedCall, error: AzureOpenAIError) => {
    // A cancelled call is not a provider failure.
    if (!AbortedError.isInstance(error)) {
      await emit(
        PROVIDER_ERROR,
        errorPayload(call.model, error, Math.round(now() - call.startedAt)),
      );
    }
    await emitLlmFailure(call, error);
  };

  const emitLlmFailure = (call: PreparedCall, error: AzureOpenAIError) =>
    emit('llm:response', {
      provider: PROVIDER_ID,
      model: call.model,
      deployment: error.deployment,
      status: 'error',
      duration_ms: Math.round(now() - call.startedAt),
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

  const finalError = (call: PreparedCall, thrown: unknown): AzureOpenAIError => {
    if (closed && call.signal?.aborted) {
      return new AbortedError({
        message: 'The request was cancelled because the provider was closed.',
        model: call.model,
        cause: thrown,
      });
    }
    if (call.signal?.aborted && AzureOpenAIError.isInstance(call.signal.reason)) {
      return call.signal.reason;
    }
    const error = translateError(thrown, errorContext(call.model, call.plan.resolution.rule));
    if (call.signal?.aborted && !AbortedError.isInstance(error)) {
      return translateError(new DOMException('The request was cancelled.', 'AbortError'), {
        model: call.model,
      });
    }
    return error;
  };

  const completeOnce = async (
    request: ChatRequest,
    callOptions?: CallOptions,
  ): Promise<ChatResponse> => {
    const call = prepare(request, callOptions, false);
    try {
      if (events !== undefined) await emitRequest(call, request, false);
      const resolution = call.plan.resolution;
      let raw: unknown;
      let answeredBy: FailoverTarget | undefined;
      const response = await runWithQuota(quota, quotaCall(call, request), {
        plan: call.plan,
        registry: resolver,
        model: call.model,
        maxRetries: config.maxRetries,
        sleep,
        random,
        signal: call.signal,
        translate: (error, target) =>
          translateError(error, errorContext(call.model, resolution.rule, target)),
        ...retryEvents(call.model),
        attempt: target => {
          const context: SendContext = {
            target,
            resolution,
            request,
            signal: call.signal,
            stream: false,
            ids: call.ids,
          };
          return sendLearning(context, async (body, clientRequestId) => {
            const client = pool.get(target.endpoint);
            const options = await requestOptions(request, call.signal, clientRequestId);
            const timeoutMs = options.timeout ?? config.timeout * 1000;
            const deadline = Date.now() + timeoutMs;
            // The raw answer, read here: the SDK's parsed-result wrapping is per-call work the
            // provider does not need (non-2xx answers still reject with the SDK's APIError).
            const http = await client.responses
              .create(
                body as unknown as Parameters<typeof client.responses.create>[0] & {
                  stream?: false;
                },
                options,
              )
              .asResponse();
            const requestId = readRequestId(http.headers);
            quota?.gate.observe(target, http.headers);
            const parseContext = {
              deployment: target.deployment,
              model: call.model,
              requestId,
              clientRequestId,
              credentialHeaders: options.headers,
            };
            const data = await readResponseJson(http, {
              ...parseContext,
              deadline,
              timeoutSeconds: timeoutMs / 1000,
            });
            raw = data;
            answeredBy = target;
            return parseResponse(data, {
              ...parseContext,
              toolNames: toolNamesIfParallel(request),
            });
          });
        },
      });
      recordChain(request, response, answeredBy);
      if (events !== undefined || response.metadata?.incomplete !== undefined) {
        await emitResponse(call, response, raw);
      }
      return response;
    } catch (thrown) {
      const error = scrubber.error(finalError(call, thrown));
      if (events !== undefined) await emitFailure(call, error);
      throw error;
    } finally {
      call.release();
    }
  };

  const recordChain = (
    request: ChatRequest,
    response: ChatResponse,
    target: FailoverTarget | undefined,
  ): void => {
    if (chain === undefined || target === undefined || !Array.isArray(request.messages)) return;
    chain.record(
      chainKey(request),
      request.messages,
      response,
      chainTarget(target.endpoint ?? config.azureEndpoint, target.deployment),
    );
  };

  /** A `response.failed` / `error` stream event as a typed error (by code, else ResponseFailedError). */
  const streamErrorToError = (info: StreamErrorInfo, context: ErrorContext): AzureOpenAIError =>
    translateError(
      new ResponseFailedError({
        error: info,
        deployment: context.deployment,
        endpoint: context.endpoint,
        model: context.model,
      }),
      context,
    );

  /** Opens the SSE stream and reads until the first Amplifier event (retries happen before it). */
  const openStream = (
    call: PreparedCall,
    request: ChatRequest,
    target: FailoverTarget,
    watchdog: IdleWatchdog,
    blocks: StreamBlockTracker | undefined,
  ) => {
    const resolution = call.plan.resolution;
    const context: SendContext = {
      target,
      resolution,
      request,
      signal: call.signal,
      stream: true,
      ids: call.ids,
    };
    return sendLearning(context, async (body, clientRequestId) => {
      body.stream = true;
      const client = pool.get(target.endpoint);
      // The raw answer, its events read by the provider's own linear SSE reader (see there).
      const http = await client.responses
        .create(
          body as unknown as ResponseCreateParamsStreaming,
          await requestOptions(request, call.signal, clientRequestId),
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
          await emitBlocks(blocks?.push(event));
          for (const event of produced) {
            if (event.type === 'error') {
              throw streamErrorToError(event.error, {
                ...errorContext(call.model, resolution.rule, target),
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
  };

  async function* streamEvents(
    request: ChatRequest,
    callOptions?: CallOptions,
  ): AsyncGenerator<ProviderStreamEvent, void, undefined> {
    const call = prepare(request, callOptions, true);
    const blocks =
      events === undefined || streamOffByMetadata(request)
        ? undefined
        : createStreamBlockTracker(randomUUID());
    let opened: OpenedStream | undefined;
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
      if (events !== undefined) await emitRequest(call, request, true);
      const resolution = call.plan.resolution;
      opened = await runWithQuota(quota, quotaCall(call, request), {
        plan: call.plan,
        registry: resolver,
        model: call.model,
        maxRetries: config.maxRetries,
        sleep,
        random,
        signal: call.signal,
        translate: (error, target) =>
          translateError(error, errorContext(call.model, resolution.rule, target)),
        ...retryEvents(call.model),
        attempt: target => openStream(call, request, target, watchdog, blocks),
      });
      const context: ErrorContext = {
        ...errorContext(call.model, resolution.rule, opened.target),
        requestId: opened.requestId,
        clientRequestId: opened.clientRequestId,
      };
      // The answer is complete (and reported) BEFORE message.end is yielded: a consumer that
      // stops at message.end still gets llm:response and the conversation chain.
      const complete = async (response: ChatResponse): Promise<void> => {
        finished = true;
        await emitBlocks(blocks?.finish());
        recordChain(request, response, opened?.target);
        if (events !== undefined || response.metadata?.incomplete !== undefined) {
          await emitResponse(call, response, opened?.rawEvents);
        }
      };
      let batch = opened.pending;
      for (;;) {
        if (batch.length > 0) watchdog.pause(); // the consumer's time is not Azure's silence
        for (const event of batch) {
          if (!finished && call.signal?.aborted) throw call.signal.reason;
          if (event.type === 'error') throw streamErrorToError(event.error, context);
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
          throw interrupted(thrown, call, opened, context);
        }
        if (next.done) {
          opened.ended = true;
          break;
        }
        opened.received++;
        const event = next.value as ResponseStreamEvent;
        opened.rawEvents?.push(event);
        batch = opened.accumulator.push(event);
        await emitBlocks(blocks?.push(event));
      }
      if (!finished) {
        if (call.signal?.aborted) throw call.signal.reason;
        let finalResponse: ChatResponse;
        try {
          finalResponse = opened.accumulator.finish();
        } catch (thrown) {
          throw interrupted(thrown, call, opened, context);
        }
        await complete(finalResponse);
        yield { type: 'message.end', response: finalResponse, usage: finalResponse.usage };
      }
    } catch (thrown) {
      const error = scrubber.error(finalError(call, thrown));
      if (events !== undefined) {
        const aborted = blocks?.aborted(error);
        if (aborted !== undefined) await emitBlocks([aborted]);
        await emitFailure(call, error);
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
      call.release();
    }
  }

  const interrupted = (
    thrown: unknown,
    call: PreparedCall,
    opened: OpenedStream,
    context: ErrorContext,
  ): AzureOpenAIError => {
    if (call.signal?.aborted) return finalError(call, thrown);
    if (thrown instanceof APIError) return translateError(thrown, context);
    const translated = translateError(thrown, context);
    if (StreamInterruptedError.isInstance(translated)) return translated;
    return new StreamInterruptedError({
      message: `The stream from deployment '${opened.target.deployment}' was interrupted after ${opened.received} events: ${
        thrown instanceof Error ? thrown.message : String(thrown)
      }. The partial answer was discarded.`,
      fix: 'Retry the request.',
      deployment: opened.target.deployment,
      endpoint: opened.target.endpoint ?? config.azureEndpoint,
      model: call.model,
      requestId: opened.requestId,
      clientRequestId: opened.clientRequestId,
      receivedEvents: opened.received,
      cause: thrown,
    });
  };

  const provider: AzureOpenAIProvider = {
    name: PROVIDER_ID,
    getInfo() {
      return buildProviderInfo({
        model: config.defaultModel,
        max_tokens: config.maxTokens,
        temperature: config.temperature,
        timeout: config.timeout,
        max_retries: config.maxRetries,
        store: config.store,
        api_surface: config.apiSurface,
        use_streaming: config.useStreaming,
        ...(config.reasoningEffort === undefined
          ? {}
          : { reasoning_effort: config.reasoningEffort }),
      });
    },
    async listModels() {
      ensureOpen();
      return resolver.listModels() as ModelInfo[];
    },
    async complete(request, callOptions) {
      running++;
      try {
        if (completeStreams(request, config.useStreaming, events !== undefined)) {
          let final: ChatResponse | undefined;
          for await (const event of streamEvents(request, callOptions)) {
            if (event.type === 'message.end') final = event.response;
          }
          if (final === undefined) {
            throw new StreamInterruptedError({
              message: 'The stream ended without a final response.',
              model: request.model,
            });
          }
          return final;
        }
        return await completeOnce(request, callOptions);
      } finally {
        running--;
        // The last call running through close() closes the owned auth strategy.
        if (closed && running === 0) await ownedAuth?.close?.();
      }
    },
    stream(request, callOptions) {
      return streamEvents(request, callOptions);
    },
    parseToolCalls(response) {
      return parseToolCalls(response);
    },
    async close() {
      if (closed) return;
      closed = true;
      const reason = new DOMException('The provider was closed.', 'AbortError');
      for (const controller of inFlight) controller.abort(reason);
      inFlight.clear();
      pool.close();
      await quota?.close();
      // Cancels an in-flight token request (e.g. a stalled managed-identity endpoint); deferred
      // while a signal-less complete() still runs (it settles by itself, see above).
      if (running === 0) await ownedAuth?.close?.();
    },
  };
  return provider;
}

function noop(): void {}

/** The config from the options, or a clear error when it is missing. */
function configOf(options: AzureOpenAIProviderOptions | undefined): AzureOpenAIConfig {
  const given = options?.config;
  const config =
    given !== undefined && given !== null && isResolvedConfig(given) ? given.config : given;
  if (typeof config !== 'object' || config === null || typeof config.azureEndpoint !== 'string') {
    throw new AzureOpenAIError({
      message:
        'createAzureOpenAIProvider needs { config }: the result of resolveConfig(...) from @amplifier-azure-openai/config (or its .config).',
      code: 'invalid_options',
      fix: "createAzureOpenAIProvider({ config: resolveConfig({ azure_endpoint: 'https://my-resource.openai.azure.com' }, process.env) })",
    });
  }
  return config;
}

/** The offered tool names, only when one is really named `parallel` (see parseResponse). */
function toolNamesIfParallel(request: ChatRequest): ReadonlySet<string> | undefined {
  const tools = request.tools;
  if (!Array.isArray(tools)) return undefined;
  for (const tool of tools) {
    if (tool?.name === 'parallel') return new Set(tools.map(entry => entry.name));
  }
  return undefined;
}

function chainKey(request: ChatRequest): string {
  return typeof request.conversation_id === 'string' ? request.conversation_id : '';
}
