import { inspect } from 'node:util';

const SECRET_MARKER = Symbol.for('amplifier-azure-openai.secret');

/** The text every redacted value prints as. */
export const REDACTED = '[REDACTED]';

/**
 * Holds a secret (an API key or an Entra access token) so it cannot leak by accident.
 *
 * The value lives in a `#private` field: `toString`, `toJSON` (so `JSON.stringify`), template
 * literals and `util.inspect` / `console.log` all print `[REDACTED]`. Call {@link Secret.reveal}
 * at the one place that really needs the value (the request header).
 *
 * @example
 * ```ts
 * const key = new Secret('abc123');
 * String(key); // '[REDACTED]'
 * key.reveal(); // 'abc123'
 * ```
 */
export class Secret {
  readonly #value: string;

  /**
   * @param value - the secret text; must be a string.
   * @throws TypeError when `value` is not a string (the message names the type, never the value).
   */
  constructor(value: string) {
    if (typeof value !== 'string') {
      throw new TypeError(`Secret value must be a string, received ${typeOfValue(value)}`);
    }
    this.#value = value;
    Object.freeze(this);
  }

  /** Returns the secret value. Use only where the value is sent, never for logging. */
  reveal(): string {
    return this.#value;
  }

  /** Always `[REDACTED]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`, so `JSON.stringify` never prints the value. */
  toJSON(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`, so `util.inspect` and `console.log` never print the value. */
  [inspect.custom](): string {
    return REDACTED;
  }

  /** Marker that lets {@link Secret.isInstance} recognise a `Secret` from another copy of this package. */
  get [SECRET_MARKER](): true {
    return true;
  }

  /**
   * True when `value` is a `Secret`, even one created by another copy of this package.
   * Prefer this over `instanceof`.
   */
  static isInstance(value: unknown): value is Secret {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[SECRET_MARKER] === true
    );
  }
}

/** A short, value-free description of a value's type, for error messages. */
export function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a table/object';
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof value}`;
  }
}
