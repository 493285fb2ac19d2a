import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import { formatUsd, parseUsd } from '../cost/usd-amount.js';
import { AbortedError } from '../errors/aborted-error.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ProviderClosedError } from '../errors/provider-closed-error.js';
import { emit, warn } from '../events/provider-event-emitter.js';
import { PROVIDER_INCOMPLETE_CONTINUATION } from '../events/provider-event-names.js';
import { perRequestOption } from '../request/request-options.js';
import type { ChatRequest, ChatResponse, ContentBlock, Message, Usage } from '../types.js';
import { chainKey } from './call-chain.js';
import type { ProviderContext } from './provider-context.js';
import { PROVIDER_ID } from './provider-info.js';

/** Whether and how often a call continues an answer cut off at `max_output_tokens`. */
export interface ContinuationSettings {
  enabled: boolean;
  maxAttempts: number;
}

/**
 * `auto_continue` of the request (a request field, else `request.metadata.auto_continue`: a
 * boolean, checked before anything is sent), else the config's; `max_continuation_attempts` from
 * the config (default 5).
 *
 * @throws InvalidRequestError for a per-request `auto_continue` that is not a boolean.
 */
export function continuationSettings(
  config: Partial<Pick<AzureOpenAIConfig, 'autoContinue' | 'maxContinuationAttempts'>>,
  request: ChatRequest,
): ContinuationSettings {
  const own =
    typeof request === 'object' && request !== null
      ? perRequestOption(request, 'auto_continue')
      : undefined;
  if (own !== undefined && typeof own !== 'boolean') {
    throw new InvalidRequestError({
      message: `Invalid chat request: auto_continue must be true or false, got ${JSON.stringify(own)}.`,
      code: 'invalid_chat_request',
      param: 'auto_continue',
      fix: 'Pass auto_continue: true or false (a boolean, not text), or leave it out to use the config.',
    });
  }
  return {
    enabled: own ?? config.autoContinue === true,
    maxAttempts: config.maxContinuationAttempts ?? 5,
  };
}

/**
 * True for an answer worth continuing: incomplete because of `max_output_tokens`, with no tool
 * call (a cut tool call cannot be resumed; the model wants its result first).
 */
export function isContinuable(response: ChatResponse): boolean {
  const metadata = response.metadata;
  if (metadata?.status !== 'incomplete' || metadata.incomplete_reason !== 'max_output_tokens') {
    return false;
  }
  if ((response.tool_calls?.length ?? 0) > 0) return false;
  return !response.content.some(block => block.type === 'tool_call');
}

/**
 * The request that continues `parts`: the original messages, then each part so far as an
 * assistant message. With chaining on, the last part's response id is sent as
 * `previous_response_id` (nothing else is new); otherwise the parts are replayed as input items
 * (reasoning round-tripped encrypted, text as assistant messages).
 */
export function continuationRequest(
  request: ChatRequest,
  parts: readonly ChatResponse[],
): ChatRequest {
  const replies: Message[] = parts.map(part => ({ role: 'assistant', content: part.content }));
  return { ...request, messages: [...request.messages, ...replies] };
}

function addUsage(total: Usage | undefined, next: Usage | undefined): Usage | undefined {
  if (total === undefined) return next === undefined ? undefined : { ...next };
  if (next === undefined) return total;
  const sum = (a: number | undefined, b: number | undefined) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  const merged: Usage = {
    input_tokens: total.input_tokens + next.input_tokens,
    output_tokens: total.output_tokens + next.output_tokens,
    total_tokens: total.total_tokens + next.total_tokens,
  };
  const reasoning = sum(total.reasoning_tokens, next.reasoning_tokens);
  if (reasoning !== undefined) merged.reasoning_tokens = reasoning;
  const cacheRead = sum(total.cache_read_tokens, next.cache_read_tokens);
  if (cacheRead !== undefined) merged.cache_read_tokens = cacheRead;
  const cacheWrite = sum(total.cache_write_tokens, next.cache_write_tokens);
  if (cacheWrite !== undefined) merged.cache_write_tokens = cacheWrite;
  // A total only when every part was priced: a partial sum would be a wrong number.
  const totalCost = parseUsd(total.cost_usd);
  const nextCost = parseUsd(next.cost_usd);
  if (totalCost !== undefined && nextCost !== undefined) {
    merged.cost_usd = formatUsd(totalCost + nextCost);
  }
  return merged;
}

/**
 * One answer from its parts: the content blocks in order (a text block that continues the
 * previous part's text is joined to it, without the item id that no longer matches Azure's
 * item), usage summed, and the last part's status, finish reason and metadata (an answer still cut
 * off after the last continuation stays marked incomplete), plus `continuation_count`.
 */
export function mergeContinuations(parts: readonly ChatResponse[]): ChatResponse {
  const last = parts[parts.length - 1];
  if (last === undefined) throw new TypeError('mergeContinuations needs at least one part.');
  if (parts.length === 1) return last;
  const content: ContentBlock[] = [];
  let usage: Usage | undefined;
  for (const part of parts) {
    part.content.forEach((block, index) => {
      const previous = content[content.length - 1];
      if (index === 0 && block.type === 'text' && previous?.type === 'text') {
        const { item_id: _dropped, ...rest } = previous;
        content[content.length - 1] = { ...rest, text: previous.text + block.text };
      } else {
        content.push(block);
      }
    });
    usage = addUsage(usage, part.usage);
  }
  const merged: ChatResponse = {
    ...last,
    content,
    metadata: { ...last.metadata, continuation_count: parts.length - 1 },
  };
  if (usage !== undefined) merged.usage = usage;
  return merged;
}

/** A failure that ends the call: cancellation and close() are never swallowed. */
function endsCall(error: unknown): boolean {
  return AbortedError.isInstance(error) || ProviderClosedError.isInstance(error);
}

/**
 * Sends `request` with `once`, then, when `auto_continue` is on and the answer was cut off at
 * `max_output_tokens`, continues it up to `max_continuation_attempts` times: each continuation is
 * announced by `provider:incomplete_continuation` (`continuation_number`, `max_attempts`,
 * `reason`, `response_id`) and the parts are merged into one answer
 * ({@link mergeContinuations}). An answer still cut off after the last attempt stays marked
 * incomplete (with its warning, as without continuation). A continuation that fails returns the
 * answer so far, still marked incomplete, with a `provider:warning`; cancellation and close()
 * still reject.
 */
export function completeWithContinuation(
  context: Pick<ProviderContext, 'config' | 'events' | 'scrubber' | 'logger' | 'chain'>,
  request: ChatRequest,
  once: (request: ChatRequest) => Promise<ChatResponse>,
): Promise<ChatResponse> {
  let settings: ContinuationSettings;
  try {
    settings = continuationSettings(context.config, request);
  } catch (error) {
    return Promise.reject(error);
  }
  // Without auto_continue the call is `once` itself: no extra async frame per call.
  if (!settings.enabled) return once(request);
  return continueAnswer(context, request, once, settings);
}

async function continueAnswer(
  context: Pick<ProviderContext, 'config' | 'events' | 'scrubber' | 'logger' | 'chain'>,
  request: ChatRequest,
  once: (request: ChatRequest) => Promise<ChatResponse>,
  settings: ContinuationSettings,
): Promise<ChatResponse> {
  const first = await once(request);
  if (!isContinuable(first)) return first;
  const parts: ChatResponse[] = [first];
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const previous = parts[parts.length - 1] as ChatResponse;
    if (!isContinuable(previous)) break;
    await emit(context, PROVIDER_INCOMPLETE_CONTINUATION, {
      provider: PROVIDER_ID,
      model: previous.metadata?.requested_model ?? request.model ?? context.config.defaultModel,
      deployment: previous.metadata?.deployment,
      response_id: previous.metadata?.response_id,
      reason: previous.metadata?.incomplete_reason,
      continuation_number: attempt,
      max_attempts: settings.maxAttempts,
    });
    try {
      parts.push(await once(continuationRequest(request, parts)));
    } catch (error) {
      if (endsCall(error) || !AzureOpenAIError.isInstance(error)) throw error;
      await warn(
        context,
        `Continuation ${attempt} of an answer cut off at the output limit failed (${error.name}: ${error.message}); the answer so far is returned, still marked incomplete.`,
        { model: request.model, error_type: error.name, continuation_number: attempt },
      );
      break;
    }
  }
  const merged = mergeContinuations(parts);
  // The next turn's history holds the merged answer: chain it from the last part's response.
  if (Array.isArray(request.messages))
    context.chain?.rebase(chainKey(request), request.messages, merged);
  return merged;
}
