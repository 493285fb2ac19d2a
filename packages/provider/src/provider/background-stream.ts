import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import type { ChatRequest, ProviderStreamEvent } from '../types.js';
import { backgroundMode } from './background-response.js';
import { completeOnce } from './complete-once.js';
import type { ProviderContext } from './provider-context.js';
import type { CallOptions } from './provider-options.js';

/**
 * Whether a call runs as a background response (see `backgroundMode`). An invalid `background` /
 * `background_response_id` also counts: the background path then rejects with its typed error.
 */
export function runsInBackground(
  config: Pick<AzureOpenAIConfig, 'background' | 'store' | 'pollInterval' | 'backgroundTimeout'>,
  request: ChatRequest | undefined,
): boolean {
  try {
    return backgroundMode(config, request) !== undefined;
  } catch {
    return true;
  }
}

/**
 * `stream()` of a background response: Azure's answer arrives by polling, not as a stream, so the
 * events come at the end at once, from the polled response: `message.start`, the text and
 * thinking deltas, the tool calls, then `message.end` with the same ChatResponse `complete()`
 * returns. Aborting the signal cancels the response on Azure.
 */
export async function* backgroundStreamEvents(
  context: ProviderContext,
  request: ChatRequest,
  callOptions: CallOptions | undefined,
): AsyncGenerator<ProviderStreamEvent> {
  const response = await completeOnce(context, request, callOptions);
  yield {
    type: 'message.start',
    id: response.metadata?.response_id ?? '',
    model: response.metadata?.model,
  };
  for (const block of response.content) {
    if (block.type === 'text') yield { type: 'text.delta', text: block.text };
    else if (block.type === 'thinking') yield { type: 'thinking.delta', text: block.thinking };
    else if (block.type === 'tool_call') {
      yield { type: 'tool_call.start', id: block.id, name: block.name };
      yield {
        type: 'tool_call.end',
        id: block.id,
        name: block.name,
        arguments: block.input,
        ...(block.raw_arguments === undefined ? {} : { raw_arguments: block.raw_arguments }),
        ...(block.parse_error === undefined ? {} : { parse_error: block.parse_error }),
      };
    }
  }
  yield { type: 'message.end', response, usage: response.usage };
}
