import type { Emulator } from '@amplifier-azure-openai/emulator';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, ContentFilterError, StreamInterruptedError } from '../src/index.js';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator } from './harness.js';

// Real stack: the real openai SDK against the emulator on 127.0.0.1, which counts the requests it
// is answering at once (requestConcurrency). Its latency keeps each request open long enough to
// overlap; nothing here asserts a duration.
beforeAll(() => {
  validateResponsesRequest({ model: 'warm-up', input: 'hi' });
}, SETUP_TIMEOUT_MS);

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const ask = (extra: Record<string, unknown> = {}) => ({
  messages: [{ role: 'user' as const, content: 'hello' }],
  max_output_tokens: 50,
  ...extra,
});
const NOT_STREAMED = { metadata: { stream: false } };

describe('max_concurrent_requests (real SDK, emulator)', () => {
  for (const [label, extra] of [
    ['streamed complete()', {}],
    ['plain complete()', NOT_STREAMED],
  ] as const) {
    it(`${label}: N+1 concurrent calls never have more than N in flight at the emulator`, async () => {
      emulator = await startTestEmulator({ latencyMs: 400 });
      const { provider, sink } = providerFor(emulator, {
        settings: { max_concurrent_requests: 2 },
        options: { sleep: undefined },
      });
      const responses = await Promise.all([1, 2, 3].map(() => provider.complete(ask(extra))));
      expect(responses).toHaveLength(3);
      expect(emulator.recorder.responsesRequests()).toHaveLength(3);
      expect(emulator.requestConcurrency().peak).toBeLessThanOrEqual(2);
      // All three reach the gate in one turn of the event loop: the third always queues.
      const waits = sink.named('provider:concurrency_wait');
      expect(waits).toEqual([
        expect.objectContaining({
          provider: 'azure-openai',
          scope: 'process',
          deployment: 'gpt-4o',
          limit: 2,
          queue_depth: 0,
          outcome: 'acquired',
        }),
      ]);
      expect(waits[0]?.waited_ms).toEqual(expect.any(Number));
      await provider.close();
    });
  }

  it('without a limit the same calls overlap at the emulator (the counter sees concurrency)', async () => {
    emulator = await startTestEmulator({ latencyMs: 600 });
    const { provider, sink } = providerFor(emulator, { options: { sleep: undefined } });
    await Promise.all([1, 2, 3].map(() => provider.complete(ask(NOT_STREAMED))));
    expect(emulator.requestConcurrency().peak).toBe(3);
    expect(sink.named('provider:concurrency_wait')).toEqual([]);
    await provider.close();
  });

  it('per deployment: a busy deployment does not hold up another one', async () => {
    emulator = await startTestEmulator({ latencyMs: 400 });
    const { provider, sink } = providerFor(emulator, {
      settings: { max_concurrent_requests_per_deployment: 1 },
      options: { sleep: undefined },
    });
    await Promise.all([
      provider.complete(ask({ ...NOT_STREAMED, model: 'gpt-4o' })),
      provider.complete(ask({ ...NOT_STREAMED, model: 'gpt-4o' })),
      provider.complete(ask({ ...NOT_STREAMED, model: 'gpt-4.1' })),
    ]);
    const waits = sink.named('provider:concurrency_wait');
    expect(waits).toEqual([
      expect.objectContaining({ scope: 'deployment', deployment: 'gpt-4o', limit: 1 }),
    ]);
    await provider.close();
  });

  it('a waiting call cancelled by its signal leaves the queue, never reaches Azure and leaks no slot', async () => {
    emulator = await startTestEmulator({ latencyMs: 400 });
    const { provider, sink } = providerFor(emulator, {
      settings: { max_concurrent_requests: 1 },
      options: { sleep: undefined },
    });
    const first = provider.complete(ask(NOT_STREAMED));
    const controller = new AbortController();
    const waiting = provider.complete(ask(NOT_STREAMED), { signal: controller.signal });
    const queued = new Promise<void>(resolve => setImmediate(resolve));
    await queued;
    controller.abort();
    const error = await waiting.catch((thrown: unknown) => thrown);
    expect(AbortedError.isInstance(error)).toBe(true);
    await first;
    expect(emulator.recorder.responsesRequests()).toHaveLength(1);
    expect(sink.named('provider:concurrency_wait')).toEqual([
      expect.objectContaining({ scope: 'process', outcome: 'cancelled', queue_depth: 0 }),
    ]);
    // The slot came back: the next call goes straight through.
    await provider.complete(ask(NOT_STREAMED));
    expect(sink.named('provider:concurrency_wait')).toHaveLength(1);
    await provider.close();
  });

  it('close() ends calls waiting in line (even without a signal); they never reach Azure', async () => {
    emulator = await startTestEmulator({ latencyMs: 400 });
    const { provider } = providerFor(emulator, {
      settings: { max_concurrent_requests: 1 },
      options: { sleep: undefined },
    });
    const calls = [1, 2, 3].map(() =>
      provider.complete(ask(NOT_STREAMED)).catch((thrown: unknown) => thrown),
    );
    await new Promise<void>(resolve => setImmediate(resolve));
    await provider.close();
    const outcomes = await Promise.all(calls);
    for (const outcome of outcomes) expect(AbortedError.isInstance(outcome)).toBe(true);
    expect(emulator.recorder.responsesRequests().length).toBeLessThanOrEqual(1);
  });

  it('releases the slot after an error, a stream cut mid-way and a stream the consumer leaves', async () => {
    emulator = await startTestEmulator();
    const { provider, sink } = providerFor(emulator, {
      settings: { max_concurrent_requests: 1, max_retries: 0 },
      options: { sleep: undefined },
    });
    emulator.addFault({ kind: 'content-filter' });
    const filtered = await provider.complete(ask(NOT_STREAMED)).catch((thrown: unknown) => thrown);
    expect(ContentFilterError.isInstance(filtered)).toBe(true);

    emulator.addFault({ kind: 'drop-mid-stream', afterEvents: 4 });
    const cut = await provider.complete(ask()).catch((thrown: unknown) => thrown);
    expect(StreamInterruptedError.isInstance(cut)).toBe(true);

    for await (const event of provider.stream(ask())) {
      expect(event.type).toBeDefined();
      break; // leaves the stream after its first event
    }
    // Had any of these kept its slot, this call would wait forever (limit 1).
    const answer = await provider.complete(ask(NOT_STREAMED));
    expect(answer.content.length).toBeGreaterThan(0);
    expect(sink.named('provider:concurrency_wait')).toEqual([]);
    await provider.close();
  });
});
