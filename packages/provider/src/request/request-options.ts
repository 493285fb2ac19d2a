import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { describeType, isRecord } from '../response/json-guards.js';
import type { ChatRequest } from '../types.js';

/** The configuration fields the request options read (a full `AzureOpenAIConfig` fits). */
export type RequestOptionsConfig = Partial<
  Pick<
    AzureOpenAIConfig,
    | 'promptCacheKey'
    | 'promptCacheRetention'
    | 'safetyIdentifier'
    | 'truncation'
    | 'serviceTier'
    | 'parallelToolCalls'
    | 'textVerbosity'
    | 'extraHeaders'
    | 'extraBody'
  >
>;

const CHOICES = {
  prompt_cache_retention: ['in_memory', '24h'],
  truncation: ['auto', 'disabled'],
  service_tier: ['auto', 'default', 'flex', 'priority'],
  text_verbosity: ['low', 'medium', 'high'],
} as const;

/** Header names the provider or the HTTP client sets: per-request `extra_headers` cannot replace them. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'api-key',
  'authorization',
  'ocp-apim-subscription-key',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_BODY_FIELDS = new Set(['model', 'input', 'stream']);

function invalid(param: string, message: string, fix: string): InvalidRequestError {
  return new InvalidRequestError({
    message: `Invalid chat request: ${param} ${message}`,
    code: 'invalid_chat_request',
    param,
    fix,
  });
}

/**
 * A per-request option, as the Python provider takes its keyword arguments: a field of the request
 * itself (vendor extension), else a key of `request.metadata`. `null` and `''` count as unset.
 */
export function perRequestOption(request: ChatRequest, key: string): unknown {
  const own = (request as unknown as Record<string, unknown>)[key];
  if (own !== undefined && own !== null && own !== '') return own;
  const metadata = request.metadata;
  if (isRecord(metadata)) {
    const value = metadata[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function choiceOption<K extends keyof typeof CHOICES>(
  request: ChatRequest,
  key: K,
  configured: string | undefined,
  aliases: readonly string[] = [],
): string | undefined {
  let value = perRequestOption(request, key);
  for (const alias of aliases) value ??= perRequestOption(request, alias);
  if (value === undefined) return configured;
  const allowed: readonly string[] = CHOICES[key];
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalid(
      key,
      `must be one of ${allowed.join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : describeType(value)}`,
      `Pass ${key} as one of ${allowed.join(', ')}, or leave it out.`,
    );
  }
  return value;
}

function textOption(
  request: ChatRequest,
  key: string,
  configured: string | undefined,
): string | undefined {
  const value = perRequestOption(request, key);
  if (value === undefined) return configured;
  if (typeof value !== 'string' || value.length > 64) {
    throw invalid(
      key,
      `must be a string of at most 64 characters, got ${typeof value === 'string' ? `${value.length} characters` : describeType(value)}`,
      `Pass ${key} as a short stable string (Azure takes at most 64 characters), e.g. a hash.`,
    );
  }
  return value;
}

/**
 * Sets the request options on a Responses body, per request (request field, else
 * `request.metadata` key) over the configuration: `prompt_cache_key`, `prompt_cache_retention`,
 * `safety_identifier`, `truncation`, `service_tier`, `parallel_tool_calls` (only with tools),
 * `text.verbosity` (`text_verbosity` / `verbosity`), then `extra_body` (config, then the request's,
 * merged shallowly). Parameters in `omit` (rejected by this deployment before) are not sent.
 *
 * @throws InvalidRequestError for a per-request value that is not allowed (named in `param`).
 */
export function applyRequestOptions(
  body: Record<string, unknown>,
  request: ChatRequest,
  config: RequestOptionsConfig,
  omit: ReadonlySet<string>,
): void {
  const set = (param: string, value: unknown) => {
    if (value !== undefined && !omit.has(param)) body[param] = value;
  };
  set('prompt_cache_key', textOption(request, 'prompt_cache_key', config.promptCacheKey));
  set(
    'prompt_cache_retention',
    choiceOption(request, 'prompt_cache_retention', config.promptCacheRetention),
  );
  set('safety_identifier', textOption(request, 'safety_identifier', config.safetyIdentifier));
  set('truncation', choiceOption(request, 'truncation', config.truncation));
  set('service_tier', choiceOption(request, 'service_tier', config.serviceTier));

  if (body.tools !== undefined && body.parallel_tool_calls === undefined) {
    const value = perRequestOption(request, 'parallel_tool_calls') ?? config.parallelToolCalls;
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalid(
        'parallel_tool_calls',
        `must be true or false, got ${describeType(value)}`,
        'Pass parallel_tool_calls: true or false.',
      );
    }
    set('parallel_tool_calls', value);
  }

  const verbosity = choiceOption(request, 'text_verbosity', config.textVerbosity, ['verbosity']);
  if (verbosity !== undefined && !omit.has('text.verbosity') && !omit.has('text')) {
    body.text = { ...(isRecord(body.text) ? body.text : {}), verbosity };
  }

  const extra = { ...(config.extraBody ?? {}) };
  const perRequest = perRequestOption(request, 'extra_body');
  if (perRequest !== undefined) {
    if (!isRecord(perRequest)) {
      throw invalid(
        'extra_body',
        `must be an object of field -> JSON value, got ${describeType(perRequest)}`,
        'Pass extra_body: { field: value }.',
      );
    }
    Object.assign(extra, perRequest);
  }
  for (const [field, value] of Object.entries(extra)) {
    if (RESERVED_BODY_FIELDS.has(field)) {
      throw invalid(
        `extra_body.${field}`,
        'cannot be set: the provider builds it',
        `Remove ${field} from extra_body.`,
      );
    }
    if (!omit.has(field)) body[field] = value;
  }
}

/**
 * The extra headers of one request: the configured `extra_headers`, then the request's own
 * (`request.extra_headers` or `request.metadata.extra_headers`), which win. Credential and
 * content headers cannot be set this way.
 *
 * @throws InvalidRequestError for a per-request header that is malformed or reserved.
 */
export function requestExtraHeaders(
  request: ChatRequest,
  config: RequestOptionsConfig,
): Record<string, string> | undefined {
  const configured = config.extraHeaders ?? {};
  const perRequest = perRequestOption(request, 'extra_headers');
  const names = Object.keys(configured);
  if (names.length === 0 && perRequest === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = configured[name];
    if (value !== undefined) headers[name] = value.reveal();
  }
  if (perRequest !== undefined) {
    if (!isRecord(perRequest)) {
      throw invalid(
        'extra_headers',
        `must be an object of header name -> text, got ${describeType(perRequest)}`,
        "Pass extra_headers: { 'x-gateway-route': 'eu' }.",
      );
    }
    for (const [name, value] of Object.entries(perRequest)) {
      if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
        throw invalid(
          `extra_headers.${name}`,
          RESERVED_HEADERS.has(name.toLowerCase())
            ? 'cannot be set: the provider or its credential sets it'
            : 'is not a valid header name',
          'Use another header name (letters, digits and -); credentials come from the provider config.',
        );
      }
      if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
        throw invalid(
          `extra_headers.${name}`,
          'must be text without line breaks',
          `Pass extra_headers.${name} as a plain string.`,
        );
      }
      headers[name] = value;
    }
  }
  return headers;
}
