/** A JSON object: an object that is neither null nor an array. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not null, not an array): the emulator's one object guard. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
