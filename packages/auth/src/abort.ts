import { setMaxListeners } from 'node:events';

/** The error a caller's wait rejects with when its signal aborts (the signal's reason, as `fetch` does). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Throws the abort reason when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** True for an abort error (`AbortError` by name). */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

/**
 * Waits for `promise`, but rejects at once when `signal` aborts. The underlying work is not
 * cancelled (other callers may be sharing it).
 */
export function raceWithSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A signal that aborts when any of `signals` aborts (with that signal's reason), and a
 * `dispose` that removes the listeners. (`AbortSignal.any` needs Node 20.3.)
 */
export function anySignal(signals: readonly (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const listeners: (() => void)[] = [];
  const dispose = (): void => {
    present.forEach((signal, index) => {
      const listener = listeners[index];
      if (listener !== undefined) signal.removeEventListener('abort', listener);
    });
  };
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(abortReason(signal));
      break;
    }
  }
  if (!controller.signal.aborted) {
    for (const signal of present) {
      const listener = (): void => {
        dispose();
        controller.abort(abortReason(signal));
      };
      listeners.push(listener);
      signal.addEventListener('abort', listener, { once: true });
    }
  }
  return { signal: controller.signal, dispose };
}

/**
 * An AbortController whose signal every concurrent caller may listen to (close() of a shared
 * strategy): without lifting Node's limit of 10 listeners, 11 concurrent waits print a
 * MaxListenersExceededWarning although each listener is removed when its wait ends.
 */
export function sharedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
