import type { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';

/**
 * Request parameters the provider may drop when a deployment rejects them: sampling and
 * reasoning knobs whose absence changes style, not meaning. Anything else (input, tools,
 * text format, max_output_tokens, store...) is never dropped.
 */
export const DROPPABLE_PARAMETERS: ReadonlySet<string> = new Set([
  'temperature',
  'top_p',
  'reasoning',
  'reasoning.effort',
  'reasoning.summary',
  'parallel_tool_calls',
  'truncation',
  'service_tier',
  'top_logprobs',
  'text.verbosity',
  'prompt_cache_key',
  'safety_identifier',
  'max_tool_calls',
]);

const UNSUPPORTED_CODES = new Set(['unsupported_parameter', 'unsupported_value']);
const UNSUPPORTED_MESSAGE =
  /unsupported (parameter|value)|not supported (with|by|for) this model|does not support/i;

/**
 * The parameter a 400 says the deployment does not support (`code: unsupported_parameter` /
 * `unsupported_value`, or Azure's "Unsupported parameter: 'temperature' is not supported with this
 * model." with `code: null`), when it is one the provider may drop; otherwise `undefined`.
 */
export function unsupportedParameterOf(error: AzureOpenAIError): string | undefined {
  if (!InvalidRequestError.isInstance(error)) return undefined;
  const codeSays = error.code !== undefined && UNSUPPORTED_CODES.has(error.code);
  if (!codeSays && !UNSUPPORTED_MESSAGE.test(error.message)) return undefined;
  const named = error.param ?? /'([A-Za-z_][\w.]*)'/.exec(error.message)?.[1];
  if (named === undefined) return undefined;
  const path = named.replace(/\[\d+\]/g, '');
  if (DROPPABLE_PARAMETERS.has(path)) return path;
  const top = path.split('.')[0]!;
  return DROPPABLE_PARAMETERS.has(top) ? top : undefined;
}

/** Deletes `path` (`temperature`, `reasoning.summary`) from a freshly built request body. */
export function removeParameter(body: Record<string, unknown>, path: string): void {
  const dot = path.indexOf('.');
  if (dot === -1) {
    delete body[path];
    return;
  }
  const top = path.slice(0, dot);
  const parent = body[top];
  if (typeof parent === 'object' && parent !== null) {
    const copy = { ...(parent as Record<string, unknown>) };
    delete copy[path.slice(dot + 1)];
    body[top] = copy;
  }
}
