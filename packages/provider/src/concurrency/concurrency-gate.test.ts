import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency-gate.js';

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('ConcurrencyGate', () => {
  it('grants up to the limit at once and queues the rest in arrival order (FIFO)', async () => {
    const gate = new ConcurrencyGate(2);
    const first = await gate.acquire();
    const second = await gate.acquire();
    expect(first.waited).toBe(false);
    expect(gate.inFlight).toBe(2);
    const order: number[] = [];
    const waiters = [3, 4, 5].map(n =>
      gate.acquire().then(grant => {
        order.push(n);
        return grant;
      }),
    );
    await tick();
    expect(gate.waiting).toBe(3);
    expect(order).toEqual([]);
    first.slot.release();
    await tick();
    expect(order).toEqual([3]);
    expect(gate.inFlight).toBe(2);
    second.slot.release();
    await tick();
    expect(order).toEqual([3, 4]);
    const third = await waiters[0]!;
    expect(third.waited).toBe(true);
    expect(third.queueDepth).toBe(0);
    expect((await waiters[1]!).queueDepth).toBe(1);
    third.slot.release();
    const fifth = await waiters[2]!;
    expect(fifth.queueDepth).toBe(2);
    (await waiters[1]!).slot.release();
    fifth.slot.release();
    expect(gate.inFlight).toBe(0);
    expect(gate.idle).toBe(true);
  });

  it('never lets a newcomer overtake a queued caller', async () => {
    const gate = new ConcurrencyGate(1);
    const held = await gate.acquire();
    const queued = gate.acquire();
    held.slot.release(); // the slot passes to the queued caller...
    const newcomer = gate.acquire(); // ...so the newcomer waits
    await tick();
    expect(gate.inFlight).toBe(1);
    expect(gate.waiting).toBe(1);
    (await queued).slot.release();
    (await newcomer).slot.release();
    expect(gate.idle).toBe(true);
  });

  it('a cancelled waiter leaves the queue, rejects with the reason and leaks no slot', async () => {
    const gate = new ConcurrencyGate(1);
    const held = await gate.acquire();
    const controller = new AbortController();
    const cancelled = gate.acquire(controller.signal);
    const after = gate.acquire();
    await tick();
    expect(gate.waiting).toBe(2);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(cancelled).rejects.toBe(reason);
    expect(gate.waiting).toBe(1);
    held.slot.release();
    const next = await after;
    expect(gate.inFlight).toBe(1);
    next.slot.release();
    expect(gate.idle).toBe(true);
  });

  it('refuses at once with an aborted signal; release is idempotent', async () => {
    const gate = new ConcurrencyGate(1);
    const controller = new AbortController();
    controller.abort('gone');
    await expect(gate.acquire(controller.signal)).rejects.toBe('gone');
    const grant = await gate.acquire();
    grant.slot.release();
    grant.slot.release();
    expect(gate.inFlight).toBe(0);
    const again = await gate.acquire();
    expect(again.waited).toBe(false);
    again.slot.release();
  });

  it('an abort after the grant changes nothing', async () => {
    const gate = new ConcurrencyGate(1);
    const held = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    held.slot.release();
    const grant = await waiting;
    controller.abort();
    expect(gate.inFlight).toBe(1);
    grant.slot.release();
    expect(gate.idle).toBe(true);
  });

  it('measures the wait with the clock it was given', async () => {
    let now = 100;
    const gate = new ConcurrencyGate(1, () => now);
    const held = await gate.acquire();
    const waiting = gate.acquire();
    now = 350;
    held.slot.release();
    const grant = await waiting;
    expect(grant.waitedMs).toBe(250);
    grant.slot.release();
  });

  it('refuses a limit below 1', () => {
    expect(() => new ConcurrencyGate(0)).toThrow(RangeError);
    expect(() => new ConcurrencyGate(1.5)).toThrow(/whole-number limit/);
  });
});
