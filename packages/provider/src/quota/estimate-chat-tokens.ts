import { estimateTokens } from '@amplifier-azure-openai/deployments';
import type { ChatRequest } from '../types.js';

/** Azure's smallest accepted `max_output_tokens` (the request builder raises smaller values). */
const MIN_OUTPUT_TOKENS = 16;

/**
 * The tokens Azure's rate limiter will count for `request` when it arrives, estimated cheaply
 * before sending: `ceil(text characters / 4)` of every message's text and tool output, plus the
 * `max_output_tokens` the request will carry (the request's, else `maxTokens`, clamped to the
 * model's maximum). The emulator counts with the same rule.
 */
export function estimateChatTokens(
  request: ChatRequest,
  limits: { maxTokens: number; modelMaxOutputTokens: number },
): number {
  let characters = 0;
  for (const message of Array.isArray(request.messages) ? request.messages : []) {
    const content = (message as { content?: unknown })?.content;
    if (typeof content === 'string') {
      characters += content.length;
      continue;
    }
    if (!Array.isArray(content)) continue;
    for (const block of content) {
      if (typeof block !== 'object' || block === null) continue;
      const record = block as { type?: unknown; text?: unknown; output?: unknown };
      if (record.type === 'text' && typeof record.text === 'string') {
        characters += record.text.length;
      } else if (record.type === 'tool_result') {
        characters +=
          typeof record.output === 'string'
            ? record.output.length
            : (JSON.stringify(record.output ?? '')?.length ?? 0);
      }
    }
  }
  const requested = request.max_output_tokens ?? request.max_tokens;
  let output =
    typeof requested === 'number' && Number.isInteger(requested) && requested > 0
      ? requested
      : limits.maxTokens;
  output = Math.max(MIN_OUTPUT_TOKENS, Math.min(output, limits.modelMaxOutputTokens));
  return estimateTokens({ textCharacters: characters, maxOutputTokens: output });
}
