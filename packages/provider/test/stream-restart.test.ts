import { describe, expect, it } from 'vitest';
import { StreamInterruptedError } from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const ASK = {
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'long answer 40 words' }],
};

function textOf(response: { content: Array<{ type: string; text?: string }> }): string {
  return response.content
    .filter(block => block.type === 'text')
    .map(block => block.text)
    .join('');
}

describe('complete() retries a stream that broke before it returned anything (real SDK, emulator faults)', () => {
  it('a mid-stream drop under use_streaming is retried like a plain request, and the events say so', async () => {
    const { provider, sink, sleeper } = providerFor(emulator());
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7 });
    const response = await provider.complete(ASK);
    expect(textOf(response).split(' ')).toHaveLength(40);
    expect(response.metadata?.status).toBe('completed');
    // The display saw a partial stream: it is closed before the retry starts new blocks.
    const names = sink.events.map(entry => entry.event);
    expect(names.filter(name => name === 'llm:stream_aborted')).toHaveLength(1);
    const [retry] = sink.named('provider:retry');
    expect(retry).toMatchObject({
      provider: 'azure-openai',
      attempt: 1,
      max_retries: 3,
      reason: 'stream_interrupted',
      error_type: 'StreamInterruptedError',
      delay_ms: sleeper.waits[0],
    });
    expect(names.indexOf('llm:stream_aborted')).toBeLessThan(names.indexOf('provider:retry'));
    expect(sink.named('provider:error')).toEqual([]);
    expect(sink.named('llm:request')).toHaveLength(1);
    expect(sink.named('llm:response')).toEqual([expect.objectContaining({ status: 'ok' })]);
    expect(emulator().recorder.requests).toHaveLength(2);
    await provider.close();
  });

  it('request.stream === true without a sink is retried too', async () => {
    const { provider } = providerFor(emulator(), { options: { events: undefined } });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 5 });
    const response = await provider.complete({ ...ASK, stream: true });
    expect(textOf(response).split(' ')).toHaveLength(40);
    await provider.close();
  });

  it('gives up after max_retries with the typed error, reported once as provider:error', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { max_retries: 1 } });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7, times: 2 });
    const error = await provider.complete(ASK).catch((thrown: unknown) => thrown);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(sink.named('provider:retry')).toHaveLength(1);
    expect(sink.named('llm:stream_aborted')).toHaveLength(2);
    expect(sink.named('provider:error')).toEqual([
      expect.objectContaining({ error_type: 'StreamInterruptedError' }),
    ]);
    await provider.close();
  });

  it('shares one retry budget with the failover loop: attempts never exceed max_retries + 1', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { max_retries: 1 } });
    emulator().addFault({ kind: 'server-error', status: 500 });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7 });
    const error = await provider.complete(ASK).catch((thrown: unknown) => thrown);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(emulator().recorder.requests).toHaveLength(2);
    expect(sink.named('provider:retry').map(event => event.attempt)).toEqual([1]);
    await provider.close();
  });

  it('a restart after a retried attempt goes on counting (attempt numbers, backoff)', async () => {
    const { provider, sink, sleeper } = providerFor(emulator(), {
      settings: { max_retries: 3, retry_jitter: 0 },
    });
    emulator().addFault({ kind: 'server-error', status: 503 });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7 });
    const response = await provider.complete(ASK);
    expect(textOf(response).split(' ')).toHaveLength(40);
    const retries = sink.named('provider:retry');
    expect(retries.map(event => [event.attempt, event.reason])).toEqual([
      [1, undefined],
      [2, 'stream_interrupted'],
    ]);
    expect(sleeper.waits).toEqual([500, 1000]);
    expect(retries.every(event => event.max_retries === 3)).toBe(true);
    await provider.close();
  });

  it('a caller of stream() who already got deltas still gets StreamInterruptedError (no retry)', async () => {
    const { provider, sink } = providerFor(emulator());
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7 });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of provider.stream(ASK)) seen.push(event.type);
    })().catch((thrown: unknown) => thrown);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(seen).toContain('text.delta');
    expect(seen).not.toContain('message.end');
    expect(sink.named('provider:retry')).toEqual([]);
    expect(emulator().recorder.requests).toHaveLength(1);
    await provider.close();
  });

  it('a cancelled call is not retried', async () => {
    const { provider, sink } = providerFor(emulator());
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7 });
    const controller = new AbortController();
    controller.abort();
    await expect(provider.complete(ASK, { signal: controller.signal })).rejects.toThrow();
    expect(sink.named('provider:retry')).toEqual([]);
    await provider.close();
  });
});
