/**
 * When throttled deployments may be used again, keyed by endpoint + deployment. One registry
 * belongs to one resolver and is shared by every caller of it, so concurrent requests see each
 * other's 429s. Expired entries are dropped lazily against the injected clock.
 */
export class CooldownRegistry {
  readonly #availableAt = new Map<string, number>();
  readonly #now: () => number;

  /** @param now - clock in milliseconds. */
  constructor(now: () => number) {
    this.#now = now;
  }

  /**
   * Records that `key` may not be used for `durationMs`. A cooldown is only ever extended, never
   * shortened, by a later report. Returns the resulting availability time.
   */
  coolDown(key: string, durationMs: number): number {
    const availableAt = this.#now() + durationMs;
    const existing = this.#availableAt.get(key);
    const result = existing === undefined ? availableAt : Math.max(existing, availableAt);
    this.#availableAt.set(key, result);
    return result;
  }

  /** True when no target has a cooldown recorded (expired ones may still count until read). */
  get isEmpty(): boolean {
    return this.#availableAt.size === 0;
  }

  /** When `key` may be used again, or `undefined` when it is not cooling down. */
  availableAt(key: string): number | undefined {
    const availableAt = this.#availableAt.get(key);
    if (availableAt === undefined) return undefined;
    if (availableAt <= this.#now()) {
      this.#availableAt.delete(key);
      return undefined;
    }
    return availableAt;
  }

  /** Milliseconds until `key` may be used again (0 when it is not cooling down). */
  remainingMs(key: string): number {
    const availableAt = this.availableAt(key);
    return availableAt === undefined ? 0 : availableAt - this.#now();
  }
}
