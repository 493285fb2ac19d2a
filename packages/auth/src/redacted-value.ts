import { inspect } from 'node:util';

/** What every secret prints as. */
export const REDACTED = '[REDACTED]';

/**
 * Holds a secret in a private field: `toString`, `toJSON` and `util.inspect` print `[REDACTED]`,
 * so the value cannot leak through logging or serialisation by accident.
 */
export class RedactedValue {
  readonly #value: string;

  /** @param value - the secret text. */
  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /** Returns the secret, only where it is sent. */
  reveal(): string {
    return this.#value;
  }

  /** Always `[REDACTED]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`. */
  toJSON(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`. */
  [inspect.custom](): string {
    return REDACTED;
  }
}
