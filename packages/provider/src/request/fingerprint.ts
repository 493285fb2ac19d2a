/**
 * A fast structural fingerprint of JSON-like values: no serialisation, no copies. Object keys are
 * combined order-independently, so a copy with reordered keys has the same fingerprint; any
 * change of a value, array order or key changes it (up to a ~2^-64 collision chance).
 */

const PRIME = 0x01000193;

function mixString(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, PRIME);
  }
  return x >>> 0;
}

function mixNumber(h: number, n: number): number {
  let x = h ^ (n >>> 0);
  x = Math.imul(x, PRIME);
  x ^= x >>> 15;
  return x >>> 0;
}

/** 32-bit hash of a JSON-like value with the given seed. */
function hashValue(value: unknown, seed: number): number {
  switch (typeof value) {
    case 'string':
      return mixString(mixNumber(seed, 1), value);
    case 'number':
      return mixString(mixNumber(seed, 2), String(value));
    case 'boolean':
      return mixNumber(seed, value ? 3 : 4);
    case 'undefined':
      return mixNumber(seed, 5);
    case 'object': {
      if (value === null) return mixNumber(seed, 6);
      if (Array.isArray(value)) {
        let h = mixNumber(seed, 7);
        for (const item of value) h = mixNumber(h, hashValue(item, seed));
        return mixNumber(h, value.length);
      }
      // Order-independent combination of the entries (undefined values count as absent).
      let sum = 0;
      let count = 0;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const entry = (value as Record<string, unknown>)[key];
        if (entry === undefined) continue;
        sum = (sum + mixNumber(mixString(seed, key), hashValue(entry, seed))) >>> 0;
        count++;
      }
      return mixNumber(mixNumber(mixNumber(seed, 8), sum), count);
    }
    default:
      return mixString(mixNumber(seed, 9), String(value));
  }
}

/** A fingerprint of a JSON-like value: two independent 32-bit hashes as one string. */
export function fingerprint(value: unknown): string {
  return `${hashValue(value, 0x811c9dc5).toString(36)}.${hashValue(value, 0x2545f491).toString(36)}`;
}

/** Incrementally fingerprints a sequence of values (same result as fingerprinting the array). */
export class FingerprintBuilder {
  #a = mixNumber(0x811c9dc5, 7);
  #b = mixNumber(0x2545f491, 7);
  #length = 0;

  /** Adds the next value of the sequence. */
  add(value: unknown): void {
    this.#a = mixNumber(this.#a, hashValue(value, 0x811c9dc5));
    this.#b = mixNumber(this.#b, hashValue(value, 0x2545f491));
    this.#length++;
  }

  /** The fingerprint of the values added so far. */
  digest(): string {
    return `${mixNumber(this.#a, this.#length).toString(36)}.${mixNumber(this.#b, this.#length).toString(36)}`;
  }
}
