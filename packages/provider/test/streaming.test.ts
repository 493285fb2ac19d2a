import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  type ChatResponse,
  type ProviderStreamEvent,
  StreamInterruptedError,
  TimeoutError,
} from '../src/index.js';
import { providerFor, useTestEmulator, WEATHER_TOOL } from './harness.js';

const emulator = useTestEmulator();

/**
 * The global fetch, recording the signal of each call: an aborted fetch signal is what makes
 * undici tear the HTTP connection down.
 */
function observedFetch() {
  const state = {
    calls: 0,
    signals: [] as AbortSignal[],
    onFetch: undefined as (() => void) | undefined,
  };
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    state.calls++;
    if (init?.signal) state.signals.push(init.signal);
    state.onFetch?.();
    return fetch(input, init);
  }) as typeof fetch;
  return { state, fetch: wrapped };
}

async function collect(
  iterable: AsyncIterable<ProviderStreamEvent>,
): Promise<ProviderStreamEvent[]> {
  const events: ProviderStreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

function comparable(response: ChatResponse) {
  return {
    text: response.content
      .filter(block => block.type === 'text')
      .map(block => (block as { text: string }).text)
      .join(''),
    finish_reason: response.finish_reason,
    tool_calls: (response.tool_calls ?? []).map(call => ({
      name: call.name,
      arguments: call.arguments,
    })),
    deployment: response.metadata?.deployment,
  };
}

describe('stream()', () => {
  it('streams text deltas and ends with the same response complete() returns', async () => {
    const { provider } = providerFor(emulator());
    const request = {
      model: 'gpt-4o',
      messages: [{ role: 'user' as const, content: 'long answer 30 words' }],
    };
    const events = await collect(provider.stream(request));
    expect(events[0]?.type).toBe('message.start');
    const last = events.at(-1)!;
    expect(last.type).toBe('message.end');
    const deltas = events.filter(event => event.type === 'text.delta');
    expect(deltas.length).toBeGreaterThan(5);
    const streamedText = deltas.map(event => (event as { text: string }).text).join('');
    const final = (last as { response: ChatResponse }).response;
    expect(comparable(final).text).toBe(streamedText);
    expect(final.metadata?.request_id).toBe(emulator().recorder.responsesRequests()[0]!.requestId);
    const completed = await provider.complete(request);
    expect(comparable(final)).toEqual(comparable(completed));
    expect(emulator().recorder.responsesRequests()[0]!.stream).toBe(true);
    await provider.close();
  });

  it('streams tool calls, complete once their arguments are', async () => {
    const { provider } = providerFor(emulator());
    const request = {
      model: 'gpt-4o',
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris and Tokyo?' }],
      tools: [WEATHER_TOOL],
    };
    const events = await collect(provider.stream(request));
    const starts = events.filter(event => event.type === 'tool_call.start');
    const ends = events.filter(event => event.type === 'tool_call.end');
    expect(starts).toHaveLength(2);
    expect(ends.map(event => (event as { arguments: unknown }).arguments)).toEqual([
      { city: 'Paris' },
      { city: 'Tokyo' },
    ]);
    const final = (events.at(-1) as { response: ChatResponse }).response;
    expect(final.finish_reason).toBe('tool_calls');
    expect(comparable(final)).toEqual(comparable(await provider.complete(request)));
    await provider.close();
  });

  it('streams reasoning summary deltas for reasoning deployments', async () => {
    const { provider } = providerFor(emulator(), { settings: { reasoning_summary: 'auto' } });
    const events = await collect(
      provider.stream({ model: 'gpt-5', messages: [{ role: 'user', content: 'think' }] }),
    );
    expect(events.some(event => event.type === 'thinking.delta')).toBe(true);
    await provider.close();
  });

  it('retries a 429 before the first event, then streams', async () => {
    const { provider, sleeper } = providerFor(emulator());
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 750 });
    const events = await collect(
      provider.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
    );
    expect(events.at(-1)?.type).toBe('message.end');
    expect(sleeper.waits).toEqual([750]);
    await provider.close();
  });

  it('never retries after events were yielded: a mid-stream drop is a StreamInterruptedError', async () => {
    const { provider, sleeper } = providerFor(emulator(), { settings: { max_retries: 3 } });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 8 });
    const seen: ProviderStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of provider.stream({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'long answer 50 words' }],
      })) {
        seen.push(event);
      }
    })().catch(e => e);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(seen.some(event => event.type === 'text.delta')).toBe(true);
    expect(seen.some(event => event.type === 'message.end')).toBe(false);
    expect(sleeper.waits).toEqual([]);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await provider.close();
  });

  it('aborting the signal mid-stream closes the connection at once', async () => {
    const observed = observedFetch();
    const { provider } = providerFor(emulator(), { options: { fetch: observed.fetch } });
    const controller = new AbortController();
    const seen: ProviderStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of provider.stream(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'long answer 5000 words' }] },
        { signal: controller.signal },
      )) {
        seen.push(event);
        if (event.type === 'text.delta') controller.abort();
      }
    })().catch(e => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(seen.filter(event => event.type === 'text.delta')).toHaveLength(1);
    expect(observed.state.signals[0]?.aborted).toBe(true);
    await provider.close();
  });

  it('breaking out of the loop closes the connection', async () => {
    const observed = observedFetch();
    const { provider, sink } = providerFor(emulator(), { options: { fetch: observed.fetch } });
    for await (const event of provider.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'long answer 5000 words' }],
    })) {
      if (event.type === 'text.delta') break;
    }
    expect(observed.state.signals[0]?.aborted).toBe(true);
    expect(sink.named('llm:response')).toEqual([]);
    await provider.close();
  });
});

/** The global fetch, but the response body stops delivering after `bytes` bytes (never closes). */
function stallingFetch(bytes: number): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (response.body === null) return response;
    const reader = response.body.getReader();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Like undici: aborting the fetch errors its body.
        init?.signal?.addEventListener(
          'abort',
          () => {
            controller.error(init.signal?.reason);
            reader.cancel().catch(() => {});
          },
          { once: true },
        );
      },
      async pull(controller) {
        if (sent >= bytes) return new Promise<void>(() => {});
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const chunk = value.subarray(0, bytes - sent);
        sent += chunk.length;
        controller.enqueue(chunk);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }) as typeof fetch;
}

describe('stalled streams', () => {
  it('a stream that goes silent mid-answer ends with a TimeoutError (idle timeout)', async () => {
    const { provider } = providerFor(emulator(), {
      settings: { max_retries: 0 },
      options: { fetch: stallingFetch(3000) },
    });
    const seen: ProviderStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of provider.stream({
        model: 'gpt-4o',
        timeout: 1,
        messages: [{ role: 'user', content: 'long answer 2000 words' }],
      })) {
        seen.push(event);
      }
    })().catch(e => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe('stream_idle_timeout');
    expect(seen.some(event => event.type === 'text.delta')).toBe(true);
    expect(seen.some(event => event.type === 'message.end')).toBe(false);
    await provider.close();
  });
});

describe('abort mid-request', () => {
  it('rejects with AbortedError while Azure is still thinking, without retrying', async () => {
    const observed = observedFetch();
    const controller = new AbortController();
    observed.state.onFetch = () => setImmediate(() => controller.abort());
    const { provider, sleeper } = providerFor(emulator(), { options: { fetch: observed.fetch } });
    emulator().addFault({ kind: 'latency', ms: 30_000 });
    const error = await provider
      .complete(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
        { signal: controller.signal },
      )
      .catch(e => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(observed.state.calls).toBe(1);
    expect(sleeper.waits).toEqual([]);
    await provider.close();
  });

  it('rejects at once for an already aborted signal, sending nothing', async () => {
    const { provider } = providerFor(emulator());
    const error = await provider
      .complete(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
        { signal: AbortSignal.abort() },
      )
      .catch(e => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(emulator().recorder.responsesRequests()).toHaveLength(0);
    await provider.close();
  });
});
