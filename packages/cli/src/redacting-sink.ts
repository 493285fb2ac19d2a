import type { TextSink } from './cli-io.js';

/** What a secret is replaced with in CLI output. */
export const REDACTED_TEXT = '[REDACTED]';

/**
 * A set of secret values (API keys, tokens) that must never reach the terminal. Output sinks
 * wrapped with {@link redactingSink} replace every occurrence. A second line of defence: the
 * packages already keep secrets out of messages.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();

  /** Remembers a secret; values shorter than 8 characters are ignored (too likely to be words). */
  add(value: string | undefined): void {
    if (typeof value === 'string' && value.trim().length >= 8) this.#values.add(value.trim());
  }

  /** `text` with every remembered secret replaced by `[REDACTED]`. */
  scrub(text: string): string {
    let result = text;
    for (const value of this.#values) {
      if (result.includes(value)) result = result.split(value).join(REDACTED_TEXT);
    }
    return result;
  }

  /** Never prints the values. */
  toJSON(): string {
    return `SecretRegistry(${this.#values.size})`;
  }
}

/** Wraps `sink` so every chunk is scrubbed of the registry's secrets before it is written. */
export function redactingSink(sink: TextSink, secrets: SecretRegistry): TextSink {
  return { write: chunk => sink.write(secrets.scrub(chunk)) };
}
