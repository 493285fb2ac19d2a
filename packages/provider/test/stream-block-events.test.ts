import { describe, expect, it } from 'vitest';
import { type ChatResponse, StreamInterruptedError } from '../src/index.js';
import { providerFor, type RecordedEvent, useTestEmulator, WEATHER_TOOL } from './harness.js';

const emulator = useTestEmulator();

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const streamEvents = (events: RecordedEvent[]) =>
  events.filter(entry => entry.event.startsWith('llm:stream_'));

/** Checks the contract's invariants over one call's stream events; returns the block texts. */
function checkContract(events: RecordedEvent[]): Map<number, { type: string; text: string }> {
  const requestIds = new Set(events.map(entry => entry.payload.request_id));
  expect(requestIds.size).toBe(1);
  expect([...requestIds][0]).toMatch(UUID4);
  const blocks = new Map<number, { type: string; text: string; next: number; ended: boolean }>();
  for (const { event, payload } of events) {
    const index = payload.block_index as number;
    if (event === 'llm:stream_block_start') {
      expect(blocks.has(index)).toBe(false);
      expect(index).toBe(blocks.size); // one dense 0-based index space
      blocks.set(index, { type: payload.block_type as string, text: '', next: 0, ended: false });
    } else if (event === 'llm:stream_block_delta') {
      const block = blocks.get(index);
      expect(block, 'delta before its start').toBeDefined();
      expect(block?.ended).toBe(false);
      expect(payload.block_type).toBe(block?.type);
      expect(payload.sequence).toBe(block?.next);
      expect(payload.text).not.toBe('');
      block!.next++;
      block!.text += payload.text as string;
    } else if (event === 'llm:stream_block_end') {
      const block = blocks.get(index);
      expect(block?.type).toBe(payload.block_type);
      block!.ended = true;
    }
  }
  for (const block of blocks.values()) expect(block.ended).toBe(true);
  return new Map([...blocks].map(([index, block]) => [index, block]));
}

function answerText(response: ChatResponse): string {
  return response.content
    .filter(block => block.type === 'text')
    .map(block => (block as { text: string }).text)
    .join('');
}

describe('llm:stream_* events through the emulator', () => {
  it('complete() streams by default and emits text blocks between llm:request and llm:response', async () => {
    const { provider, sink } = providerFor(emulator());
    const response = await provider.complete(hello);
    expect(emulator().recorder.responsesRequests()[0]?.stream).toBe(true);
    const names = sink.events.map(entry => entry.event);
    expect(names.slice(0, 2)).toEqual(['provider:resolve', 'llm:request']);
    expect(names.at(-1)).toBe('llm:response');
    const blocks = checkContract(streamEvents(sink.events));
    expect([...blocks.values()].map(block => block.type)).toEqual(['text']);
    expect(blocks.get(0)?.text).toBe(answerText(response));
    expect(sink.named('llm:stream_block_delta').length).toBeGreaterThan(1);
    await provider.close();
  });

  it('reasoning comes through the same delta event as thinking, then text', async () => {
    const { provider, sink } = providerFor(emulator(), {
      settings: { default_model: 'gpt-5', reasoning_summary: 'detailed' },
    });
    const response = await provider.complete({
      messages: [{ role: 'user', content: 'Explain why the sky is blue.' }],
    });
    const blocks = checkContract(streamEvents(sink.events));
    const types = [...blocks.values()].map(block => block.type);
    expect(types).toEqual(['thinking', 'text']);
    const thinking = response.content.find(block => block.type === 'thinking') as
      | { thinking: string }
      | undefined;
    expect(blocks.get(0)?.text.length).toBeGreaterThan(0);
    expect(thinking?.thinking.replaceAll(/\s/g, '')).toBe(
      blocks.get(0)?.text.replaceAll(/\s/g, ''),
    );
    expect(blocks.get(1)?.text).toBe(answerText(response));
    expect(sink.events.some(entry => entry.event.includes('thinking_delta'))).toBe(false);
    await provider.close();
  });

  it('a tool call is a tool_use block with its name and no deltas', async () => {
    const { provider, sink } = providerFor(emulator());
    const response = await provider.complete({
      ...hello,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    expect(provider.parseToolCalls(response).map(call => call.name)).toEqual(['get_weather']);
    checkContract(streamEvents(sink.events));
    const starts = sink.named('llm:stream_block_start').filter(p => p.block_type === 'tool_use');
    expect(starts).toEqual([expect.objectContaining({ name: 'get_weather' })]);
    const toolIndex = starts[0]?.block_index;
    expect(sink.named('llm:stream_block_delta').some(p => p.block_index === toolIndex)).toBe(false);
    await provider.close();
  });

  it('request.metadata.stream === false sends one plain request and emits no stream events', async () => {
    const { provider, sink } = providerFor(emulator());
    await provider.complete({ ...hello, metadata: { stream: false } });
    expect(emulator().recorder.responsesRequests()[0]?.stream).toBe(false);
    expect(streamEvents(sink.events)).toEqual([]);
    expect(sink.named('llm:response')).toHaveLength(1);
    // The override is local to the call: the next call streams again.
    await provider.complete(hello);
    expect(emulator().recorder.responsesRequests()[1]?.stream).toBe(true);
    expect(streamEvents(sink.events).length).toBeGreaterThan(0);
    await provider.close();
  });

  it('use_streaming = false keeps complete() on one plain request', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { use_streaming: false } });
    await provider.complete(hello);
    expect(emulator().recorder.responsesRequests()[0]?.stream).toBe(false);
    expect(streamEvents(sink.events)).toEqual([]);
    expect(provider.getInfo().defaults.use_streaming).toBe(false);
    await provider.close();
  });

  it('stream() emits the same events', async () => {
    const { provider, sink } = providerFor(emulator());
    for await (const _event of provider.stream(hello)) {
      // drain
    }
    checkContract(streamEvents(sink.events));
    expect(sink.named('llm:stream_block_delta').length).toBeGreaterThan(0);
    await provider.close();
  });

  it('a stream cut after some deltas emits llm:stream_aborted before the failed llm:response', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'drop-mid-stream', afterEvents: 7 });
    const error = await provider.complete(hello).catch((thrown: unknown) => thrown);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    const aborted = sink.named('llm:stream_aborted');
    expect(aborted).toHaveLength(1);
    const requestId = sink.named('llm:stream_block_start')[0]?.request_id;
    expect(aborted[0]).toEqual({
      request_id: requestId,
      error: { type: 'StreamInterruptedError', msg: (error as Error).message },
    });
    const names = sink.events.map(entry => entry.event);
    expect(names.indexOf('llm:stream_aborted')).toBeLessThan(names.lastIndexOf('llm:response'));
    expect(JSON.stringify(sink.events)).not.toContain(emulator().apiKey);
    await provider.close();
  });

  it('a failure before any delta emits no llm:stream_aborted', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'server-error', status: 500 });
    await expect(provider.complete(hello)).rejects.toThrow();
    expect(sink.named('llm:stream_aborted')).toEqual([]);
    expect(sink.named('llm:stream_block_delta')).toEqual([]);
    await provider.close();
  });
});
