/** A held slot of a {@link ConcurrencyGate}. `release` is idempotent. */
export interface ConcurrencySlot {
  release(): void;
}

/** A granted slot and what its caller went through to get it. */
export interface ConcurrencyGrant {
  slot: ConcurrencySlot;
  /** The caller had to queue (every slot was taken, or others were already waiting). */
  waited: boolean;
  /** Milliseconds spent in the queue (0 when not queued). */
  waitedMs: number;
  /** Callers queued ahead of this one when it joined the queue (0 when not queued). */
  queueDepth: number;
}

interface Waiter {
  grant: (slot: ConcurrencySlot) => void;
}

/**
 * A first-in-first-out counting semaphore: at most `limit` slots are held at once; callers beyond
 * that wait in line and are served strictly in arrival order (a new caller never overtakes a
 * queued one). A waiter whose signal aborts leaves the queue and rejects with the signal's
 * reason; it never holds or leaks a slot. A released slot passes straight to the head of the queue.
 */
export class ConcurrencyGate {
  readonly limit: number;
  readonly #now: () => number;
  readonly #queue: Waiter[] = [];
  #held = 0;

  constructor(limit: number, now: () => number = () => performance.now()) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`A concurrency gate needs a whole-number limit >= 1; got ${limit}.`);
    }
    this.limit = limit;
    this.#now = now;
  }

  /** Slots held now. */
  get inFlight(): number {
    return this.#held;
  }

  /** Callers waiting in the queue now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** True when nobody holds a slot or waits (the gate can be dropped). */
  get idle(): boolean {
    return this.#held === 0 && this.#queue.length === 0;
  }

  /**
   * Takes a slot, waiting in line when none is free. Rejects with `signal.reason` when the signal
   * is (or becomes) aborted before the slot is granted.
   */
  acquire(signal?: AbortSignal): Promise<ConcurrencyGrant> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#held < this.limit && this.#queue.length === 0) {
      this.#held++;
      return Promise.resolve({ slot: this.#slot(), waited: false, waitedMs: 0, queueDepth: 0 });
    }
    const queueDepth = this.#queue.length;
    const startedAt = this.#now();
    return new Promise<ConcurrencyGrant>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#queue.indexOf(waiter);
        if (index !== -1) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: slot => {
          signal?.removeEventListener('abort', onAbort);
          resolve({ slot, waited: true, waitedMs: this.#now() - startedAt, queueDepth });
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #slot(): ConcurrencySlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.#queue.shift();
        // The slot moves to the next caller in line; the count of held slots stays the same.
        if (next === undefined) this.#held--;
        else next.grant(this.#slot());
      },
    };
  }
}
