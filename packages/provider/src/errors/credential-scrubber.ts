import { redactText } from '@amplifier-azure-openai/auth';

/** What a credential is replaced with. */
const REDACTED = '[REDACTED]';
/** How many recent per-request credentials (rotating Entra tokens) are remembered. */
const RECENT_LIMIT = 8;
/** Shorter values are not treated as credentials (too likely to be ordinary words). */
const MIN_LENGTH = 8;
/** How deep errors (cause chains) and values are walked. */
const MAX_DEPTH = 12;

/**
 * Removes this provider's own credentials (the configured API key and Entra token, whether they
 * came from the environment, a file or the adapter's `Mount`, and every credential it sent on a
 * request, e.g. rotating tokens) from what leaves the provider: errors (message, stack, fields,
 * the whole cause chain with the SDK's error body and headers), event payloads and log lines.
 * Upstream servers and proxies may echo a request's credentials in anything they answer.
 */
export interface CredentialScrubber {
  /** Remembers the credential values of a request's headers (`api-key`, `Authorization`). */
  remember(headers: Readonly<Record<string, string>>): void;
  /** `text` with every known credential (and anything shaped like a bearer token) replaced. */
  text(text: string): string;
  /**
   * `value` itself when it holds no known credential, else a copy (plain objects, arrays and
   * strings) with every occurrence replaced.
   */
  value<T>(value: T): T;
  /** Scrubs `error` in place (message, stack, own fields, causes, aggregated errors); returns it. */
  error<E>(error: E): E;
}

/** Creates a scrubber knowing `fixed` (undefined and short values are ignored). */
export function createCredentialScrubber(
  fixed: readonly (string | undefined)[],
): CredentialScrubber {
  const known = new Set(fixed.filter(isCredentialLike));
  const recent: string[] = [];
  let all: string[] = [...known];

  const add = (value: string): void => {
    if (!isCredentialLike(value) || known.has(value) || recent.includes(value)) return;
    recent.push(value);
    if (recent.length > RECENT_LIMIT) recent.shift();
    all = [...known, ...recent];
  };

  const holds = (text: string): boolean => {
    for (const secret of all) if (text.includes(secret)) return true;
    return false;
  };

  const replaceKnown = (text: string): string => {
    let result = text;
    for (const secret of all) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result;
  };

  const text = (value: string): string => redactText(replaceKnown(value), all);

  const containsSecret = (value: unknown, depth: number, seen: Set<object>): boolean => {
    if (typeof value === 'string') return holds(value);
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) {
      return false;
    }
    seen.add(value);
    if (Array.isArray(value)) return value.some(item => containsSecret(item, depth + 1, seen));
    for (const [key, item] of Object.entries(value)) {
      if (holds(key) || containsSecret(item, depth + 1, seen)) return true;
    }
    return false;
  };

  const copyScrubbed = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return replaceKnown(value);
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map(item => copyScrubbed(item, depth + 1));
    if (value instanceof Headers) return scrubHeaders(value);
    if (value instanceof Error) return scrubError(value, depth + 1, new Set());
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[replaceKnown(key)] = copyScrubbed(item, depth + 1);
    }
    return copy;
  };

  const scrubHeaders = (headers: Headers): Headers => {
    const copy = new Headers();
    headers.forEach((value, name) => {
      if (name === 'api-key' || name === 'authorization') copy.set(name, REDACTED);
      else copy.set(name, text(value));
    });
    return copy;
  };

  const scrubError = <E>(error: E, depth: number, seen: Set<object>): E => {
    if (typeof error !== 'object' || error === null || depth > MAX_DEPTH || seen.has(error)) {
      return error;
    }
    seen.add(error);
    const target = error as Record<string, unknown>;
    for (const key of Reflect.ownKeys(target)) {
      if (typeof key !== 'string') continue;
      const current = target[key];
      let next: unknown = current;
      if (typeof current === 'string') {
        next = text(current);
      } else if (key === 'cause' || (key === 'errors' && Array.isArray(current))) {
        if (Array.isArray(current)) {
          for (const member of current) scrubError(member, depth + 1, seen);
        } else {
          scrubError(current, depth + 1, seen);
        }
      } else if (current instanceof Headers) {
        next = scrubHeaders(current);
      } else if (typeof current === 'object' && current !== null) {
        if (containsSecret(current, 0, new Set())) next = copyScrubbed(current, depth + 1);
      }
      if (next !== current) {
        try {
          Object.defineProperty(target, key, { value: next });
        } catch {
          // a frozen or non-configurable field: leave it (outer scrubbers are the second line)
        }
      }
    }
    return error;
  };

  return {
    remember(headers) {
      const key = headers['api-key'];
      if (key !== undefined) add(key);
      const authorization = headers.authorization ?? headers.Authorization;
      if (authorization !== undefined) add(authorization.replace(/^bearer\s+/i, ''));
    },
    text,
    value(value) {
      if (all.length === 0 || !containsSecret(value, 0, new Set())) return value;
      return copyScrubbed(value, 0) as typeof value;
    },
    error(error) {
      return scrubError(error, 0, new Set());
    },
  };
}

function isCredentialLike(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim().length >= MIN_LENGTH;
}
