import { describeValue, isPlainObject, parseTableText } from './parse-values.js';
import { Secret } from './secret.js';
import type { ConfigProblem } from './types.js';

/** The outcome of normalizing `extra_headers` or `extra_body`. */
export interface OptionTableResult<T> {
  value: T;
  problems: ConfigProblem[];
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers the HTTP client or the provider sets itself: `extra_headers` may not replace them. */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'api-key',
  'authorization',
  'ocp-apim-subscription-key',
]);

/** Body fields the provider builds itself: `extra_body` may not replace them. */
export const RESERVED_BODY_FIELDS: ReadonlySet<string> = new Set(['model', 'input', 'stream']);

function problem(key: string, message: string, fix: string): ConfigProblem {
  return { key, source: 'config', code: 'invalid', message, fix };
}

/**
 * Normalizes `extra_headers`: a table of header name -> value sent with every request (for AI
 * gateways). Values are held as {@link Secret}s (gateways put tokens in headers), so they print
 * `[REDACTED]`. Names must be HTTP tokens and may not be ones the client or the credential sets.
 */
export function normalizeExtraHeaders(
  raw: unknown,
): OptionTableResult<Readonly<Record<string, Secret>>> {
  const problems: ConfigProblem[] = [];
  const table = parseTableText(raw);
  if (!isPlainObject(table)) {
    problems.push(
      problem(
        'extra_headers',
        `extra_headers must be a table of header name -> text; got ${describeValue(table)}.`,
        'Write it as a table, e.g. [providers.config.extra_headers] with "x-gateway-route" = "eu".',
      ),
    );
    return { value: Object.freeze({}), problems };
  }
  const headers: Record<string, Secret> = {};
  for (const [name, value] of Object.entries(table)) {
    const key = `extra_headers.${name}`;
    if (!HEADER_NAME.test(name)) {
      problems.push(
        problem(
          key,
          `extra_headers has an invalid header name ${JSON.stringify(name)}.`,
          'Use letters, digits and - only, e.g. "x-gateway-route".',
        ),
      );
      continue;
    }
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      problems.push(
        problem(
          key,
          `extra_headers may not set ${name}: the provider sets it itself.`,
          name.toLowerCase() === 'ocp-apim-subscription-key'
            ? 'Set `apim_subscription_key` (or AZURE_APIM_SUBSCRIPTION_KEY) instead.'
            : `Remove ${name}; set credentials with api_key, azure_ad_token or a managed identity.`,
        ),
      );
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      problems.push(
        problem(
          key,
          `extra_headers.${name} must be text; got ${typeof value === 'object' ? describeValue(value) : typeof value}.`,
          `Set extra_headers.${name} to a string.`,
        ),
      );
      continue;
    }
    const text = String(value);
    if (/[\r\n\0]/.test(text)) {
      problems.push(
        problem(
          key,
          `extra_headers.${name} contains a line break or NUL character.`,
          'Remove the control characters from the value.',
        ),
      );
      continue;
    }
    headers[name] = new Secret(text);
  }
  return { value: Object.freeze(headers), problems };
}

/**
 * Normalizes `extra_body`: a table of JSON fields merged into every Responses request body (for
 * gateways and Azure fields this provider does not model). `model`, `input` and `stream` are refused.
 */
export function normalizeExtraBody(
  raw: unknown,
): OptionTableResult<Readonly<Record<string, unknown>>> {
  const problems: ConfigProblem[] = [];
  const table = parseTableText(raw);
  if (!isPlainObject(table)) {
    problems.push(
      problem(
        'extra_body',
        `extra_body must be a table of field -> JSON value; got ${describeValue(table)}.`,
        'Write it as a table, e.g. [providers.config.extra_body] with metadata = { team = "search" }.',
      ),
    );
    return { value: Object.freeze({}), problems };
  }
  let copy: Record<string, unknown>;
  try {
    copy = JSON.parse(JSON.stringify(table)) as Record<string, unknown>;
  } catch {
    problems.push(
      problem(
        'extra_body',
        'extra_body is not JSON-serialisable (a cycle or a BigInt).',
        'Use only tables, lists, strings, numbers and booleans.',
      ),
    );
    return { value: Object.freeze({}), problems };
  }
  for (const field of Object.keys(copy)) {
    if (RESERVED_BODY_FIELDS.has(field)) {
      problems.push(
        problem(
          `extra_body.${field}`,
          `extra_body may not set ${field}: the provider builds it.`,
          field === 'model'
            ? 'Use deployment_mapping or default_deployment to choose the deployment.'
            : `Remove ${field} from extra_body.`,
        ),
      );
      delete copy[field];
    }
  }
  return { value: Object.freeze(copy), problems };
}
