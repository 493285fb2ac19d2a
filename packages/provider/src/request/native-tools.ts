import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import { nativeToolBody, normalizeNativeTools } from '@amplifier-azure-openai/config/keys';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { ChatRequest } from '../types.js';
import { perRequestOption } from './request-options.js';

/** The configuration field the hosted tools read (a full `AzureOpenAIConfig` fits). */
export type NativeToolsConfig = Partial<Pick<AzureOpenAIConfig, 'nativeTools'>>;

/**
 * The Responses `tools` entries of the hosted ("native") tools of one request: the request's own
 * `native_tools` (a field of the request, else `request.metadata.native_tools`) when given (an
 * empty list turns the configured ones off), else the configured `native_tools`. Entries are
 * validated like the config key (a type name or `{ type, ... }`; see `normalizeNativeTools`).
 *
 * The result holds revealed MCP credentials (`headers`, `authorization`): it is for the request
 * body only.
 *
 * @throws InvalidRequestError (`code: 'invalid_chat_request'`, `param` = the bad entry, e.g.
 *   `metadata.native_tools[0].type`) when the request's list is not valid.
 */
export function nativeToolsFor(
  request: ChatRequest,
  config: NativeToolsConfig,
): Record<string, unknown>[] {
  const own = perRequestOption(request, 'native_tools');
  if (own === undefined) {
    const configured = config.nativeTools;
    return configured === undefined || configured.length === 0
      ? []
      : configured.map(nativeToolBody);
  }
  const field = (request as unknown as Record<string, unknown>).native_tools;
  const key =
    field !== undefined && field !== null && field !== ''
      ? 'native_tools'
      : 'metadata.native_tools';
  const result = normalizeNativeTools(own, key);
  const problem = result.problems[0];
  if (problem !== undefined) {
    throw new InvalidRequestError({
      message: `Invalid chat request: ${problem.message}`,
      code: 'invalid_chat_request',
      param: problem.key,
      fix: problem.fix,
    });
  }
  return result.value.map(nativeToolBody);
}

/** The `tool_choice` types that force a hosted tool (`mcp` also needs a `server_label`). */
const HOSTED_CHOICES = new Set([
  'web_search',
  'web_search_preview',
  'file_search',
  'code_interpreter',
  'image_generation',
]);

/**
 * The Responses `tool_choice` forcing a hosted tool: `{ type: 'web_search_preview' }` (or
 * `web_search`, `file_search`, `code_interpreter`, `image_generation`) as it is, and
 * `{ type: 'mcp', server_label, name? }`; `undefined` for anything else.
 */
export function hostedToolChoice(
  choice: Record<string, unknown>,
): NonNullable<ResponseCreateParamsNonStreaming['tool_choice']> | undefined {
  const type = choice.type;
  if (typeof type === 'string' && HOSTED_CHOICES.has(type)) {
    return { type } as NonNullable<ResponseCreateParamsNonStreaming['tool_choice']>;
  }
  if (type === 'mcp' && typeof choice.server_label === 'string' && choice.server_label !== '') {
    return typeof choice.name === 'string' && choice.name !== ''
      ? { type: 'mcp', server_label: choice.server_label, name: choice.name }
      : { type: 'mcp', server_label: choice.server_label };
  }
  return undefined;
}
