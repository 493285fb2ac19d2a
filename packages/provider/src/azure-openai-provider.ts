import { AbortedError } from './errors/aborted-error.js';
import type { AzureOpenAIError } from './errors/azure-openai-error.js';
import type { ProviderClosedError } from './errors/provider-closed-error.js';
import { backgroundStreamEvents, runsInBackground } from './provider/background-stream.js';
import { completeCall } from './provider/complete-call.js';
import { completeWithContinuation } from './provider/incomplete-continuation.js';
import { createProviderContext, ensureOpen } from './provider/provider-context.js';
import { buildProviderInfo, PROVIDER_ID } from './provider/provider-info.js';
import type { AzureOpenAIProviderOptions, CallOptions } from './provider/provider-options.js';
import { parseToolCalls } from './response/parse-response.js';
import { streamEvents } from './stream/stream-events.js';
import type {
  ChatRequest,
  ChatResponse,
  ModelInfo,
  ProviderInfo,
  ProviderStreamEvent,
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
   * happen inside (a stream that breaks midway is retried like a plain request: its caller saw
   * nothing yet); failures reject with an {@link AzureOpenAIError} subclass. With `auto_continue`,
   * an answer cut off at `max_output_tokens` is continued and merged (`provider:incomplete_continuation`).
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
  const context = createProviderContext(options);
  const { config, resolver, state, inFlight, pool, ownedAuth, quota } = context;

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
      ensureOpen(context);
      return resolver.listModels() as ModelInfo[];
    },
    async complete(request, callOptions) {
      state.running++;
      try {
        return await completeWithContinuation(context, request, next =>
          completeCall(context, next, callOptions),
        );
      } finally {
        state.running--;
        // The last call running through close() closes the owned auth strategy.
        if (state.closed && state.running === 0) await ownedAuth?.close?.();
      }
    },
    stream(request, callOptions) {
      if (runsInBackground(config, request)) {
        return backgroundStreamEvents(context, request, callOptions);
      }
      return streamEvents(context, request, callOptions);
    },
    parseToolCalls(response) {
      return parseToolCalls(response);
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      const reason = new DOMException('The provider was closed.', 'AbortError');
      for (const controller of inFlight) controller.abort(reason);
      inFlight.clear();
      pool.close();
      await quota?.close();
      // Cancels an in-flight token request (e.g. a stalled managed-identity endpoint); deferred
      // while a signal-less complete() still runs (it settles by itself, see above).
      if (state.running === 0) await ownedAuth?.close?.();
    },
  };
  return provider;
}
