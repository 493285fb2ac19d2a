import { describe, expect, it } from 'vitest';
import { combineSinks, streamDisplaySink } from './stream-display.js';

describe('streamDisplaySink', () => {
  it('prints the text fragments of llm:stream_block_delta only', () => {
    const written: string[] = [];
    const sink = streamDisplaySink(text => written.push(text));
    const base = { request_id: 'r', block_index: 0, sequence: 0 };
    sink.emit('llm:stream_block_start', { ...base, block_type: 'text' });
    sink.emit('llm:stream_block_delta', { ...base, block_type: 'thinking', text: 'hmm' });
    sink.emit('llm:stream_block_delta', { ...base, block_type: 'text', text: 'Hel' });
    sink.emit('llm:stream_block_delta', { ...base, block_type: 'text', text: '' });
    sink.emit('llm:stream_block_delta', { ...base, block_type: 'text', text: 'lo' });
    sink.emit('llm:response', { text: 'no' });
    expect(written).toEqual(['Hel', 'lo']);
  });
});

describe('combineSinks', () => {
  it('sends each event to every sink, in order, skipping undefined', async () => {
    const seen: string[] = [];
    expect(combineSinks(undefined, undefined)).toBeUndefined();
    const one = { emit: (event: string) => void seen.push(`a:${event}`) };
    expect(combineSinks(undefined, one)).toBe(one);
    const both = combineSinks(one, { emit: (event: string) => void seen.push(`b:${event}`) });
    await both?.emit('x', {});
    expect(seen).toEqual(['a:x', 'b:x']);
  });
});
