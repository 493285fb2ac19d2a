/**
 * Small structural guards for untrusted JSON. They never throw and never copy: callers read the
 * fields they need and ignore the rest, so new fields Azure adds never break parsing.
 */

/** A plain JSON object (not null, not an array). */
export type JsonRecord = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a finite number, else `undefined`. */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A short description of a value's type for error messages (`null`, `array`, `string`, ...). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
