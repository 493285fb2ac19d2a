import type {
  AzureOpenAIProvider,
  ChatRequest,
  ChatResponse,
  ToolCall,
} from '@amplifier-azure-openai/provider';

/** Options of {@link runCompletion}. */
export interface RunCompletionOptions {
  /** Stream the answer (text arrives through `onText` as it is generated). */
  stream: boolean;
  /** Cancels the call (SIGINT). */
  signal?: AbortSignal | undefined;
  /** Receives text deltas while streaming. */
  onText?: ((text: string) => void) | undefined;
  /**
   * Stream through `complete()`: the text reaches the caller through the provider's
   * `llm:stream_block_delta` events (see `streamDisplaySink`), as in Amplifier, not `onText`.
   */
  viaEvents?: boolean | undefined;
}

/**
 * One completion through the provider, streamed or not: the code path of `chat` and of every
 * turn of `demo`. Resolves to the Amplifier ChatResponse (with streaming, the `message.end`
 * response, equal to what `complete` returns).
 */
export async function runCompletion(
  provider: AzureOpenAIProvider,
  request: ChatRequest,
  options: RunCompletionOptions,
): Promise<ChatResponse> {
  const callOptions = options.signal === undefined ? undefined : { signal: options.signal };
  if (!options.stream) return provider.complete(request, callOptions);
  if (options.viaEvents === true)
    return provider.complete({ ...request, stream: true }, callOptions);
  let final: ChatResponse | undefined;
  for await (const event of provider.stream({ ...request, stream: true }, callOptions)) {
    if (event.type === 'text.delta') options.onText?.(event.text);
    else if (event.type === 'message.end') final = event.response;
    else if (event.type === 'error') {
      const error = new Error(`The stream failed: ${event.error.message}`);
      error.name = 'StreamError';
      throw error;
    }
  }
  if (final === undefined) {
    const error = new Error('The stream ended without a final response.');
    error.name = 'StreamInterruptedError';
    throw error;
  }
  return final;
}

/** The text of a response's text blocks, joined. */
export function responseText(response: ChatResponse): string {
  return response.content
    .filter(block => block.type === 'text')
    .map(block => (block as { text: string }).text)
    .join('');
}

/** The arguments of a tool call as compact JSON (the raw text when it was not valid JSON). */
export function toolCallArgumentsText(call: ToolCall): string {
  if (call.parse_error !== undefined && call.raw_arguments !== undefined) return call.raw_arguments;
  return JSON.stringify(call.arguments ?? {});
}

/** One output line for a tool call: `tool_call <name> <arguments JSON>`. */
export function formatToolCall(call: ToolCall): string {
  return `tool_call ${call.name} ${toolCallArgumentsText(call)}`;
}

/** `request <id>, 12 in / 34 out tokens (5 reasoning)` for a response, or '' when unknown. */
export function describeResponseStats(response: ChatResponse): string {
  const parts: string[] = [];
  const deployment = response.metadata?.deployment;
  if (deployment !== undefined) parts.push(`deployment ${deployment}`);
  const requestId = response.metadata?.request_id;
  if (requestId !== undefined) parts.push(`request ${requestId}`);
  const clientRequestId = response.metadata?.client_request_id;
  if (clientRequestId !== undefined) parts.push(`client request ${clientRequestId}`);
  const usage = response.usage;
  if (usage !== undefined) {
    const reasoning =
      usage.reasoning_tokens === undefined || usage.reasoning_tokens === 0
        ? ''
        : ` (${usage.reasoning_tokens} reasoning)`;
    parts.push(`${usage.input_tokens} in / ${usage.output_tokens} out tokens${reasoning}`);
  }
  return parts.join(', ');
}
