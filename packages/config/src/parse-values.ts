/** Words accepted for `true` (any case). */
export const TRUE_WORDS: readonly string[] = ['true', '1', 'yes'];
/** Words accepted for `false` (any case). */
export const FALSE_WORDS: readonly string[] = ['false', '0', 'no'];

/** True when a value counts as "not set": `undefined`, `null`, or an empty/whitespace string. */
export function isUnset(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

/**
 * Turns `true/1/yes` and `false/0/no` strings (any case) and the numbers 1 and 0 into booleans;
 * other values pass through.
 */
export function coerceBoolean(value: unknown): unknown {
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return value;
}

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Turns a decimal number string ("0.5", "4096", "1e3") into a number; other values pass through. */
export function coerceNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().replaceAll('_', '');
  return NUMBER_PATTERN.test(text) ? Number(text) : value;
}

/** Trims and lower-cases strings; other values pass through. */
export function coerceLowercase(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/** Trims strings; other values pass through. */
export function coerceTrim(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** True for plain objects (TOML tables, JSON objects), false for arrays, dates, null... */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Describes a non-secret value briefly for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date (quote it as a string)';
  if (typeof value === 'object') return 'a table';
  return typeof value;
}

/** Parses a JSON string holding a table (config values that arrive as text, e.g. from the environment). */
export function parseTableText(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
