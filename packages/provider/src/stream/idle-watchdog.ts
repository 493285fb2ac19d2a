/** Fires `onIdle` when nothing arrived for `timeoutMs`; see {@link createIdleWatchdog}. */
export interface IdleWatchdog {
  /** Something arrived (or we start waiting again): starts or resumes the watchdog. */
  touch(): void;
  /** We are not waiting on the peer (the consumer has the data): the clock stops until `touch()`. */
  pause(): void;
  /** Stops it for good. Idempotent. */
  stop(): void;
}

/**
 * An idle timeout for streams with ONE timer for the whole stream: `touch()` on every event only
 * records the time, and the timer re-arms itself for the remaining time when it fires early. So a
 * stream of thousands of events costs one clock read per event, not one timer each. While paused
 * (a slow consumer holds the data) it never fires; `touch()` resumes it.
 *
 * @param timeoutMs - how long the stream may stay silent.
 * @param onIdle - called once when it stayed silent that long.
 * @param now - clock in milliseconds. Default `Date.now`.
 */
export function createIdleWatchdog(
  timeoutMs: number,
  onIdle: () => void,
  now: () => number = Date.now,
): IdleWatchdog {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let paused = false;
  const check = () => {
    timer = undefined;
    if (stopped || paused) return;
    const silentFor = now() - last;
    if (silentFor >= timeoutMs) {
      stopped = true;
      onIdle();
      return;
    }
    arm(timeoutMs - silentFor);
  };
  const arm = (ms: number) => {
    timer = setTimeout(check, ms);
    timer.unref?.();
  };
  return {
    touch() {
      if (stopped) return;
      paused = false;
      last = now();
      if (timer === undefined) arm(timeoutMs);
    },
    pause() {
      paused = true;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
