import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdleWatchdog } from './idle-watchdog.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createIdleWatchdog', () => {
  it('fires once after the stream stayed silent for the timeout, not while events arrive', () => {
    vi.useFakeTimers();
    let fired = 0;
    const watchdog = createIdleWatchdog(1000, () => fired++, Date.now);
    watchdog.touch();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(600);
      watchdog.touch();
    }
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(fired).toBe(1);
  });

  it('does not count the time it is paused (a slow consumer)', () => {
    vi.useFakeTimers();
    let fired = 0;
    const watchdog = createIdleWatchdog(1000, () => fired++, Date.now);
    watchdog.touch();
    watchdog.pause();
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(0);
    watchdog.touch();
    vi.advanceTimersByTime(999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
  });

  it('never fires once stopped, nor before the first touch', () => {
    vi.useFakeTimers();
    let fired = 0;
    const watchdog = createIdleWatchdog(1000, () => fired++, Date.now);
    vi.advanceTimersByTime(5000);
    watchdog.touch();
    watchdog.stop();
    watchdog.stop();
    vi.advanceTimersByTime(5000);
    expect(fired).toBe(0);
  });
});
