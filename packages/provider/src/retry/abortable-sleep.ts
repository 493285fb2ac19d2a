/** A sleep function: resolves after `ms`, rejects with the signal's reason as soon as it aborts. */
export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Waits `ms` milliseconds; rejects at once (with `signal.reason`) when `signal` aborts, and clears
 * its timer so nothing keeps the process alive.
 */
export const abortableSleep: SleepFunction = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
