import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import { nativeToolBody, normalizeNativeTools } from '@amplifier-azure-openai/config/keys';
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
  if (own === undefined) return (config.nativeTools ?? []).map(nativeToolBody);
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
