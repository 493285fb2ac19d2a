import { PassThrough } from 'node:stream';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { DECLARED_EVENTS } from '@amplifier-azure-openai/provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runStdioHost } from '../src/stdio/run-stdio-host.js';
import { createStdioHost, type StdioHost } from '../src/stdio/stdio-host.js';

type Message = Record<string, unknown> & { id?: number; method?: string };

/** The host over in-memory lines: send requests, read answers and notifications. */
function hostHarness() {
  const messages: Message[] = [];
  const waiters: Array<() => void> = [];
  const host: StdioHost = createStdioHost({
    write(line) {
      messages.push(JSON.parse(line) as Message);
      for (const wake of waiters.splice(0)) wake();
    },
    env: {},
  });
  let nextId = 1;
  async function answerOf(id: number): Promise<Message> {
    for (;;) {
      const found = messages.find(message => message.id === id);
      if (found !== undefined) return found;
      await new Promise<void>(resolve => waiters.push(resolve));
    }
  }
  return {
    host,
    messages,
    send(method: string, params?: unknown): number {
      const id = nextId++;
      host.handleLine(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      return id;
    },
    async call(method: string, params?: unknown): Promise<Message> {
      return answerOf(this.send(method, params));
    },
    answerOf,
    events(): Array<{ name: string; payload: Record<string, unknown> }> {
      return messages
        .filter(message => message.method === 'event')
        .map(message => message.params as { name: string; payload: Record<string, unknown> });
    },
  };
}

describe('stdio host (JSON-RPC over lines) against the emulator', () => {
  let emulator: Emulator;
  let harness: ReturnType<typeof hostHarness>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });
  afterEach(async () => {
    await harness?.host.close();
    emulator.clearFaults();
  });

  async function mounted(extra: Record<string, unknown> = {}) {
    harness = hostHarness();
    const answer = await harness.call('mount', {
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        max_retries: 0,
        ...extra,
      },
    });
    expect(answer.result).toMatchObject({ mounted: true, info: { id: 'azure-openai' } });
    // The declared events are the provider's, once each (kernel-standard llm:* are not declared).
    expect((answer.result as { events: unknown }).events).toEqual([...DECLARED_EVENTS]);
    return harness;
  }

  it('answers a turn with a ChatResponse and forwards the hook events before the answer', async () => {
    const h = await mounted();
    const id = h.send('complete', {
      request: { messages: [{ role: 'user', content: 'hello' }], stream: true },
    });
    const answer = await h.answerOf(id);
    expect(answer.result).toMatchObject({
      content: [{ type: 'text', text: 'Echo: hello' }],
      finish_reason: 'stop',
    });
    const answerIndex = h.messages.indexOf(answer);
    const events = h.messages
      .slice(0, answerIndex)
      .filter(message => message.method === 'event')
      .map(message => message.params as { name: string; payload: Record<string, unknown> });
    // The resolution comes first, then the request; a streamed call emits the contract's block
    // events (one text block, a delta per fragment) between the request and the response.
    const names = events.map(event => event.name);
    expect(names[0]).toBe('provider:resolve');
    expect(names[1]).toBe('llm:request');
    expect(names[2]).toBe('llm:stream_block_start');
    expect(names.at(-2)).toBe('llm:stream_block_end');
    expect(names.at(-1)).toBe('llm:response');
    const deltas = events.slice(3, -2);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every(event => event.name === 'llm:stream_block_delta')).toBe(true);
    expect(events[0]?.payload).toMatchObject({
      provider: 'azure-openai',
      model: 'gpt-4o',
      deployment: 'gpt-4o',
    });
    expect(events[1]?.payload).toMatchObject({ stream: true });
    const blockEvents = events.slice(2, -1);
    const requestId = blockEvents[0]?.payload.request_id;
    expect(typeof requestId).toBe('string');
    for (const event of blockEvents) {
      expect(event.payload).toMatchObject({
        request_id: requestId,
        block_index: 0,
        block_type: 'text',
      });
    }
    expect(deltas.map(event => event.payload.sequence)).toEqual(deltas.map((_, index) => index));
    expect(deltas.map(event => event.payload.text).join('')).toBe('Echo: hello');
  });

  it('emits no stream block events for a call with metadata.stream false', async () => {
    const h = await mounted();
    const id = h.send('complete', {
      request: { messages: [{ role: 'user', content: 'hello' }], metadata: { stream: false } },
    });
    const answer = await h.answerOf(id);
    expect(answer.result).toMatchObject({ content: [{ type: 'text', text: 'Echo: hello' }] });
    const names = h.messages
      .slice(0, h.messages.indexOf(answer))
      .filter(message => message.method === 'event')
      .map(message => (message.params as { name: string }).name);
    expect(names).toEqual(['provider:resolve', 'llm:request', 'llm:response']);
  });

  it('sends provider errors as typed data with no secret', async () => {
    const h = await mounted({ api_key: 'wrong-key-abcdefgh' });
    const answer = await h.call('complete', {
      request: { messages: [{ role: 'user', content: 'x' }] },
    });
    const error = answer.error as { code: number; data: Record<string, unknown> };
    expect(error.code).toBe(-32000);
    expect(error.data).toMatchObject({
      kind: 'AuthenticationError',
      status: 401,
      retryable: false,
    });
    expect(JSON.stringify(h.messages)).not.toContain('wrong-key-abcdefgh');
  });

  it('cancel aborts the Azure call and the call answers AbortError', async () => {
    const h = await mounted();
    emulator.addFault({ kind: 'latency', ms: 60_000 });
    const id = h.send('complete', { request: { messages: [{ role: 'user', content: 'x' }] } });
    while (!h.events().some(event => event.name === 'llm:request')) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    h.host.handleLine(JSON.stringify({ jsonrpc: '2.0', method: 'cancel', params: { id } }));
    const answer = await h.answerOf(id);
    expect((answer.error as { data: { kind: string } }).data.kind).toBe('AbortError');
  });

  it('rejects calls before mount, unknown methods and bad params with clear errors', async () => {
    harness = hostHarness();
    const before = await harness.call('list_models');
    expect(before.error).toMatchObject({ data: { kind: 'ConfigurationError' } });
    const unknown = await harness.call('frobnicate');
    expect(unknown.error).toMatchObject({ code: -32601 });
    await harness.call('mount', {
      config: { azure_endpoint: emulator.url, api_key: emulator.apiKey },
    });
    const bad = await harness.call('complete', { request: { messages: 'hi' } });
    expect(bad.error).toMatchObject({ code: -32602 });
    expect(String((bad.error as { message: string }).message)).toContain('request.messages');
  });

  it('answers not-configured with mounted: false and the reason', async () => {
    harness = hostHarness();
    const answer = await harness.call('mount', { config: {} });
    expect(answer.result).toMatchObject({ mounted: false });
    expect(String((answer.result as { reason: string }).reason)).toContain('azure_endpoint');
  });
});

describe('runStdioHost', () => {
  it('exits when its input ends, and after shutdown', async () => {
    for (const end of ['eof', 'shutdown'] as const) {
      const input = new PassThrough();
      const output = new PassThrough();
      const exited = new Promise<number>(resolve => {
        runStdioHost({ input, output, env: {}, exit: resolve });
      });
      const lines: string[] = [];
      output.on('data', chunk => lines.push(String(chunk)));
      if (end === 'eof') input.end();
      else input.write('{"jsonrpc":"2.0","id":1,"method":"shutdown"}\n');
      expect(await exited).toBe(0);
      if (end === 'shutdown') expect(lines.join('')).toContain('"id":1,"result":null');
    }
  });
});
