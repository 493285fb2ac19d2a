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
import { AbortedError } from './errors/aborted-error.js';
import { AzureOpenAIError } from './errors/azure-openai-error.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { ProviderClosedError } from './errors/provider-closed-error.js';
import { StreamInterruptedError } from './errors/stream-interrupted-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { type ErrorContext, translateError } from './errors/translate-error.js';
import { DEBUG_TRUNCATION, toDebugPayload } from './events/debug-payload.js';
import { toUsageEventPayload } from './events/usage-payload.js';
import { buildProviderInfo, PROVIDER_ID } from './provider/provider-info.js';
import type {
  AzureOpenAIProviderOptions,
  CallOptions,
  EventSink,
  Logger,
} from './provider/provider-options.js';
import { removeParameter, unsupportedParameterOf } from './provider/unsupported-parameter.js';
import { estimateChatTokens } from './quota/estimate-chat-tokens.js';
import { createQuotaRuntime, type QuotaRuntime } from './quota/quota-runtime.js';
import { buildResponsesRequest } from './request/build-responses-request.js';
import { ConversationChain } from './request/conversation-chain.js';
import { parseResponse, parseToolCalls } from './response/parse-response.js';
import { readResponseJson } from './response/read-response-json.js';
import { ResponseFailedError } from './response/response-failed-error.js';
import { abortableSleep } from './retry/abortable-sleep.js';
import type { FailoverTarget } from './retry/run-with-failover.js';
import { type QuotaCall, runWithQuota } from './retry/run-with-quota.js';
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
   * Sends one chat request and returns the complete answer (with `request.stream === true` it
   * streams internally and returns the final response). Retries, failover and parameter learning
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
   * Aborts in-flight `stream()` calls (and `complete()` calls with `request.stream === true`) and
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
}

interface SendContext {
  target: FailoverTarget;
  resolution: DeploymentResolution;
  request: ChatRequest;
  signal: AbortSignal | undefined;
  stream: boolean;
}

interface OpenedStream {
  reader: SseJsonReader;
  accumulator: StreamAccumulator;
  pending: ProviderStreamEvent[];
  ended: boolean;
  received: number;
  target: FailoverTarget;
  requestId: string | undefined;
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
  const logger = options.logger ?? SILENT_LOGGER;
  const events: EventSink | undefined = options.events;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random;
  const now = options.now ?? (() => performance.now());
  const pool: ClientPool = createClientPool({ config, fetch: options.fetch });
  const omissions = new Map<string, ReadonlySet<string>>();
  const chain = config.store ? new ConversationChain() : undefined;
  const inFlight = new Set<AbortController>();
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
      const result = events.emit(event, payload);
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
      return { model, plan, signal: undefined, abort: noop, release: noop, startedAt: now() };
    }
    const { controller, release } = linkSignal(callOptions?.signal);
    return {
      model,
      plan,
      signal: controller.signal,
      abort: reason => controller.abort(reason),
      release,
      startedAt: now(),
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
            context.target.deployment,
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
      });
    }
    if (events !== undefined && config.debug) {
      await emit('llm:request:debug', {
        provider: PROVIDER_ID,
        model: context.resolution.model,
        deployment: context.target.deployment,
        request: toDebugPayload(body, DEBUG_TRUNCATION),
      });
      if (config.rawDebug) {
        await emit('llm:request:raw', {
          provider: PROVIDER_ID,
          model: context.resolution.model,
          deployment: context.target.deployment,
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
    send: (body: Record<string, unknown>) => Promise<T>,
  ): Promise<T> => {
    const key = targetKey(context.target);
    // Each parameter is dropped at most once per call (a model may reject several in turn).
    let retriedWithout: Set<string> | undefined;
    for (;;) {
      const omit = omissions.get(key) ?? NO_OMISSIONS;
      const body = await buildBody(context, omit);
      try {
        return await send(body);
      } catch (thrown) {
        const error = translateError(
          thrown,
          errorContext(context.resolution.model, context.resolution.rule, context.target),
        );
        if (
          chain !== undefined &&
          error.status !== undefined &&
          error.status < 500 &&
          'param' in error &&
          (error as { param?: unknown }).param === 'previous_response_id' &&
          !retriedWithout?.has('previous_response_id')
        ) {
          // The stored response is gone (expired or deleted): forget the chain, send everything.
          chain.reset(chainKey(context.request));
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
          },
        );
      }
    }
  };

  const requestOptions = async (
    request: ChatRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ headers: Record<string, string>; signal?: AbortSignal; timeout?: number }> => {
    const headers = await auth.getAuthHeaders(signal === undefined ? undefined : { signal });
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
            }),
        };

  const emitRequest = (call: PreparedCall, request: ChatRequest, stream: boolean) =>
    emit('llm:request', {
      provider: PROVIDER_ID,
      model: call.model,
      deployment: call.plan.targets[0]?.deployment,
      rule: call.plan.resolution.rule,
      message_count: Array.isArray(request.messages) ? request.messages.length : 0,
      tool_count: Array.isArray(request.tools) ? request.tools.length : 0,
      stream,
    });

  const emitResponse = async (call: PreparedCall, response: ChatResponse, raw: unknown) => {
    const metadata = response.metadata ?? {};
    await emit('llm:response', {
      provider: PROVIDER_ID,
      model: call.model,
      deployment: metadata.deployment,
      status: 'ok',
      duration_ms: Math.round(now() - call.startedAt),
      usage: toUsageEventPayload(response.usage),
      finish_reason: response.finish_reason,
      request_id: metadata.request_id,
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

  const emitFailure = (call: PreparedCall, error: AzureOpenAIError) =>
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
          };
          return sendLearning(context, async body => {
            const client = pool.get(target.endpoint);
            const options = await requestOptions(request, call.signal);
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
              credentialHeaders: options.headers,
            };
            const data = await readResponseJson(http, parseContext);
            raw = data;
            return parseResponse(data, {
              ...parseContext,
              toolNames: toolNamesIfParallel(request),
            });
          });
        },
      });
      recordChain(request, response);
      if (events !== undefined) await emitResponse(call, response, raw);
      return response;
    } catch (thrown) {
      const error = finalError(call, thrown);
      if (events !== undefined) await emitFailure(call, error);
      throw error;
    } finally {
      call.release();
    }
  };

  const recordChain = (request: ChatRequest, response: ChatResponse): void => {
    const deployment = response.metadata?.deployment;
    if (chain === undefined || typeof deployment !== 'string' || !Array.isArray(request.messages))
      return;
    chain.record(chainKey(request), request.messages, response, deployment);
  };

  /** A `response.failed` / `error` stream event as a typed error (by code, else ResponseFailedError). */
  const streamErrorToError = (info: StreamErrorInfo, context: ErrorContext): AzureOpenAIError => {
    const translated = translateError(
      new APIError(undefined, { ...info }, info.message, undefined),
      context,
    );
    if (translated.name !== 'AzureOpenAIError') return translated;
    return new ResponseFailedError({
      error: info,
      deployment: context.deployment,
      endpoint: context.endpoint,
      model: context.model,
      cause: translated.cause,
    });
  };

  /** Opens the SSE stream and reads until the first Amplifier event (retries happen before it). */
  const openStream = (
    call: PreparedCall,
    request: ChatRequest,
    target: FailoverTarget,
    watchdog: IdleWatchdog,
  ) => {
    const resolution = call.plan.resolution;
    const context: SendContext = { target, resolution, request, signal: call.signal, stream: true };
    return sendLearning(context, async body => {
      body.stream = true;
      const client = pool.get(target.endpoint);
      // The raw answer, its events read by the provider's own linear SSE reader (see there).
      const http = await client.responses
        .create(
          body as unknown as ResponseCreateParamsStreaming,
          await requestOptions(request, call.signal),
        )
        .asResponse();
      const requestId = readRequestId(http.headers);
      watchdog.touch();
      const streamContext = { deployment: target.deployment, model: call.model, requestId };
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
          for (const event of produced) {
            if (event.type === 'error') {
              throw streamErrorToError(event.error, {
                ...errorContext(call.model, resolution.rule, target),
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
        attempt: target => openStream(call, request, target, watchdog),
      });
      const context = errorContext(call.model, resolution.rule, opened.target);
      // The answer is complete (and reported) BEFORE message.end is yielded: a consumer that
      // stops at message.end still gets llm:response and the conversation chain.
      const complete = async (response: ChatResponse): Promise<void> => {
        finished = true;
        recordChain(request, response);
        if (events !== undefined) await emitResponse(call, response, opened?.rawEvents);
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
      const error = finalError(call, thrown);
      if (events !== undefined) await emitFailure(call, error);
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
        if (request?.stream === true) {
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
