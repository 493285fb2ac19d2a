/**
 * What kind of value `value` is, for a message: `a number`, `a list`, `an empty string`, `a table`...
 * Never the value itself (a value pasted into the wrong field may be a key).
 */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Date) return 'a date (quote it as a string)';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'object') return 'a table';
  return `a ${typeof value}`;
}
