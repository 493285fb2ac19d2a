import type { ResponseObject } from './response-builder.js';
import type { StreamEvent } from './stream-events.js';
import type { StreamErrorFault } from './types.js';

const MESSAGES: Readonly<Record<string, string>> = {
  server_error: 'The server had an error while processing your request. Sorry about that!',
  rate_limit_exceeded: 'Rate limit is exceeded. Try again in 2 seconds.',
  insufficient_quota:
    'You exceeded your current quota, please check your plan and billing details.',
  context_length_exceeded:
    'Your input exceeds the context window of this model. Please adjust your input and try again.',
  content_filter:
    "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
};

/**
 * The events a `stream-error` fault sends instead of the rest of the answer: an `error` event
 * (fields at the top level and in a nested `error` object, or top level only for `flat-error`),
 * a `response.failed` event with the failed response, or both, in the order OpenAI sends them.
 */
export function streamFailureEvents(
  fault: StreamErrorFault,
  response: ResponseObject,
): StreamEvent[] {
  const code = fault.code ?? 'server_error';
  const message = fault.message ?? MESSAGES[code] ?? `The response failed (${code}).`;
  const kind = fault.event ?? 'error';
  const events: StreamEvent[] = [];
  if (kind === 'flat-error') {
    events.push({ type: 'error', code, message, param: null });
  } else if (kind === 'error' || kind === 'both') {
    events.push({
      type: 'error',
      code,
      message,
      param: null,
      error: { type: code === 'server_error' ? 'server_error' : code, code, message, param: null },
    });
  }
  if (kind === 'response.failed' || kind === 'both') {
    events.push({
      type: 'response.failed',
      response: {
        ...response,
        status: 'failed',
        error: { code, message },
        incomplete_details: null,
        output: [],
        usage: null,
      },
    });
  }
  return events;
}
