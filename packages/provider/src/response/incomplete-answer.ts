import type { ChatResponse } from '../types.js';

/** Why an answer stopped early, for a person: what happened and what to change. */
export interface IncompleteAnswer {
  /** Azure's `incomplete_details.reason` (`max_output_tokens`, `content_filter`, ...). */
  reason: string;
  /** The finish reason the response carries (`length` or `content_filter`). */
  finishReason: string;
  /** True when a reasoning model spent the whole output budget on reasoning: no text, no calls. */
  reasoningOnly: boolean;
  /** One sentence saying what happened. */
  message: string;
  /** What to change. */
  fix: string;
}

/**
 * Describes an answer Azure marked `status: incomplete` (or `undefined` for a complete one):
 * `max_output_tokens` (finish_reason `length`; a reasoning model that used the whole budget on
 * reasoning and showed nothing is named as such, with `max_tokens` as the fix) or
 * `content_filter` (finish_reason `content_filter`).
 */
export function describeIncomplete(
  response: ChatResponse,
  maxOutputTokens?: number | undefined,
): IncompleteAnswer | undefined {
  const metadata = response.metadata;
  if (metadata?.status !== 'incomplete') return undefined;
  const reason =
    typeof metadata.incomplete_reason === 'string' ? metadata.incomplete_reason : 'unknown';
  const finishReason = response.finish_reason ?? 'length';
  const budget = maxOutputTokens === undefined ? '' : ` (${maxOutputTokens} tokens)`;
  if (reason === 'content_filter') {
    return {
      reason,
      finishReason,
      reasoningOnly: false,
      message:
        "The answer is incomplete: Azure's content filter stopped it part way (incomplete_details.reason content_filter).",
      fix: 'Rephrase the prompt, or review the content filter configuration of the deployment.',
    };
  }
  const visible =
    (response.tool_calls?.length ?? 0) > 0 ||
    response.content.some(
      block =>
        (block.type === 'text' && typeof block.text === 'string' && block.text.trim() !== '') ||
        block.type === 'tool_call',
    );
  const reasoningTokens = response.usage?.reasoning_tokens ?? 0;
  const thought =
    reasoningTokens > 0 ||
    response.content.some(block => block.type === 'thinking' || block.type === 'reasoning');
  if (reason === 'max_output_tokens' && !visible && thought) {
    return {
      reason,
      finishReason,
      reasoningOnly: true,
      message: `The model spent its whole output budget${budget} on reasoning${
        reasoningTokens > 0 ? ` (${reasoningTokens} reasoning tokens)` : ''
      } and produced no visible answer (incomplete_details.reason max_output_tokens).`,
      fix: 'Raise `max_tokens` (config `max_tokens`, or `max_tokens` on the request) so the model has room to answer after reasoning, or lower `reasoning_effort`.',
    };
  }
  if (reason === 'max_output_tokens') {
    return {
      reason,
      finishReason,
      reasoningOnly: false,
      message: `The answer was cut off at the output limit${budget} (incomplete_details.reason max_output_tokens).`,
      fix: 'Raise `max_tokens` (config `max_tokens`, or `max_tokens` on the request), or ask for a shorter answer.',
    };
  }
  return {
    reason,
    finishReason,
    reasoningOnly: false,
    message: `The answer is incomplete (incomplete_details.reason ${reason}).`,
    fix: 'Retry the request; raise `max_tokens` if the answer was long.',
  };
}
