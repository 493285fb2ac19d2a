import { createHash, type Hash } from 'node:crypto';

/**
 * A structural fingerprint of JSON-like values: the values are walked (no JSON serialisation,
 * no copies) and fed to SHA-1 with type tags and length prefixes, so different structures never
 * feed the same bytes. Object keys are sorted, so a copy with reordered keys has the same
 * fingerprint; `undefined` properties count as absent. Long strings go to the native hash
 * directly, short tokens are batched.
 */

/** Strings longer than this are fed to the hash on their own. */
const DIRECT = 256;

class Feeder {
  readonly #hash: Hash = createHash('sha1');
  #pending = '';

  token(text: string): void {
    this.#pending += text;
    if (this.#pending.length > 4096) this.flush();
  }

  string(value: string): void {
    if (value.length > DIRECT) {
      this.token(`s${value.length}:`);
      this.flush();
      this.#hash.update(value);
    } else {
      this.token(`s${value.length}:${value}`);
    }
  }

  flush(): void {
    if (this.#pending === '') return;
    this.#hash.update(this.#pending);
    this.#pending = '';
  }

  value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.string(value);
        return;
      case 'number':
        this.token(`n${value};`);
        return;
      case 'boolean':
        this.token(value ? 't' : 'f');
        return;
      case 'undefined':
        this.token('u');
        return;
      case 'bigint':
        this.token(`b${value};`);
        return;
      case 'object': {
        if (value === null) {
          this.token('z');
          return;
        }
        if (Array.isArray(value)) {
          this.token(`a${value.length}[`);
          for (const item of value) this.value(item);
          this.token(']');
          return;
        }
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).sort();
        this.token('{');
        for (const key of keys) {
          const entry = record[key];
          if (entry === undefined) continue;
          this.string(key);
          this.value(entry);
        }
        this.token('}');
        return;
      }
      default:
        this.token(`x${String(value)};`);
    }
  }

  digest(): string {
    this.flush();
    return this.#hash.digest('base64');
  }
}

/** A fingerprint of a JSON-like value. */
export function fingerprint(value: unknown): string {
  const feeder = new Feeder();
  feeder.value(value);
  return feeder.digest();
}

/** Incrementally fingerprints a sequence of values. */
export class FingerprintBuilder {
  readonly #feeder = new Feeder();
  #length = 0;

  /** Adds the next value of the sequence. */
  add(value: unknown): void {
    this.#feeder.token('|');
    this.#feeder.value(value);
    this.#length++;
  }

  /** The fingerprint of the values added so far (the builder cannot be used afterwards). */
  digest(): string {
    this.#feeder.token(`#${this.#length}`);
    return this.#feeder.digest();
  }
}
