/** Keys whose values are credentials: always replaced by `[REDACTED]` in event payloads. */
const SECRET_KEY =
  /^(api[-_]?key|authorization|access[-_]?token|refresh[-_]?token|token|client[-_]?secret|password|secret|x-api-key|ocp-apim-subscription-key)$/i;

/** What a redacted value is replaced with. */
export const REDACTED_VALUE = '[REDACTED]';

/** Options of {@link toDebugPayload}. */
export interface DebugPayloadOptions {
  /** Longest string kept whole; longer ones are cut with a `...[+N chars]` marker. Default: no limit. */
  maxStringLength?: number | undefined;
  /** Longest array kept whole; longer ones keep their head and a marker. Default: no limit. */
  maxArrayLength?: number | undefined;
  /** Deepest nesting copied. Default `20`. */
  maxDepth?: number | undefined;
}

/** The truncation `llm:*:debug` events use. */
export const DEBUG_TRUNCATION: DebugPayloadOptions = {
  maxStringLength: 500,
  maxArrayLength: 50,
  maxDepth: 12,
};

/**
 * A copy of `value` that is safe to put in an event: credential-named keys are redacted
 * (`api-key`, `authorization`, `token`, ...) and so are an `mcp` tool's `headers`, and
 * strings/arrays are truncated per `options`.
 * Never mutates `value`; cycles become `[Circular]`.
 */
export function toDebugPayload(value: unknown, options: DebugPayloadOptions = {}): unknown {
  return copy(value, options, 0, new WeakSet());
}

function copy(
  value: unknown,
  options: DebugPayloadOptions,
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') {
    const max = options.maxStringLength;
    if (max !== undefined && value.length > max) {
      return `${value.slice(0, max)}...[+${value.length - max} chars]`;
    }
    return value;
  }
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (seen.has(value)) return '[Circular]';
  if (depth >= (options.maxDepth ?? 20)) return '[Truncated]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const max = options.maxArrayLength;
      const kept = max !== undefined && value.length > max ? value.slice(0, max) : value;
      const result = kept.map(item => copy(item, options, depth + 1, seen));
      if (kept.length < value.length) result.push(`...[+${value.length - kept.length} items]`);
      return result;
    }
    const result: Record<string, unknown> = {};
    // A remote MCP tool's `headers` carry its credentials, whatever the header names are.
    const mcp = (value as Record<string, unknown>).type === 'mcp';
    for (const [key, item] of Object.entries(value)) {
      result[key] =
        (SECRET_KEY.test(key) || (mcp && key === 'headers')) && item != null
          ? REDACTED_VALUE
          : copy(item, options, depth + 1, seen);
    }
    return result;
  } finally {
    seen.delete(value);
  }
}
