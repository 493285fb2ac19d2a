import { describe, expect, it } from 'vitest';
import {
  blockTypeOfItem,
  createStreamBlockTracker,
  STREAM_EVENTS,
  type StreamBlockEmission,
} from './stream-block-events.js';

const ID = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f';

function run(events: unknown[]): StreamBlockEmission[] {
  const tracker = createStreamBlockTracker(ID);
  return [...events.flatMap(event => tracker.push(event)), ...tracker.finish()];
}

describe('createStreamBlockTracker', () => {
  it('names the four contract events', () => {
    expect(STREAM_EVENTS).toEqual([
      'llm:stream_block_start',
      'llm:stream_block_delta',
      'llm:stream_block_end',
      'llm:stream_aborted',
    ]);
  });

  it('maps reasoning, a tool call and text to thinking, tool_use and text blocks', () => {
    const out = run([
      { type: 'response.created', response: {} },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning' } },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, delta: 'Think' },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, delta: '' },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, delta: 'ing' },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'reasoning' } },
      {
        type: 'response.output_item.added',
        output_index: 1,
        item: { type: 'function_call', name: 'get_weather' },
      },
      { type: 'response.function_call_arguments.delta', output_index: 1, delta: '{"c' },
      { type: 'response.output_item.done', output_index: 1, item: {} },
      { type: 'response.output_item.added', output_index: 2, item: { type: 'message' } },
      { type: 'response.output_text.delta', output_index: 2, delta: 'Hi' },
      { type: 'response.output_text.delta', output_index: 2, delta: '!' },
      { type: 'response.output_item.done', output_index: 2, item: {} },
      { type: 'response.completed', response: {} },
    ]);
    const base = { request_id: ID };
    expect(out).toEqual([
      {
        event: 'llm:stream_block_start',
        payload: { ...base, block_index: 0, block_type: 'thinking' },
      },
      {
        event: 'llm:stream_block_delta',
        payload: { ...base, block_index: 0, block_type: 'thinking', sequence: 0, text: 'Think' },
      },
      {
        event: 'llm:stream_block_delta',
        payload: { ...base, block_index: 0, block_type: 'thinking', sequence: 1, text: 'ing' },
      },
      {
        event: 'llm:stream_block_end',
        payload: { ...base, block_index: 0, block_type: 'thinking' },
      },
      {
        event: 'llm:stream_block_start',
        payload: { ...base, block_index: 1, block_type: 'tool_use', name: 'get_weather' },
      },
      {
        event: 'llm:stream_block_end',
        payload: { ...base, block_index: 1, block_type: 'tool_use' },
      },
      { event: 'llm:stream_block_start', payload: { ...base, block_index: 2, block_type: 'text' } },
      {
        event: 'llm:stream_block_delta',
        payload: { ...base, block_index: 2, block_type: 'text', sequence: 0, text: 'Hi' },
      },
      {
        event: 'llm:stream_block_delta',
        payload: { ...base, block_index: 2, block_type: 'text', sequence: 1, text: '!' },
      },
      { event: 'llm:stream_block_end', payload: { ...base, block_index: 2, block_type: 'text' } },
    ]);
  });

  it('keeps block indexes dense when output items carry no block', () => {
    const out = run([
      { type: 'response.output_item.added', output_index: 0, item: { type: 'compaction' } },
      { type: 'response.output_item.added', output_index: 1, item: { type: 'message' } },
      { type: 'response.output_text.delta', output_index: 1, delta: 'x' },
    ]);
    expect(out.map(entry => entry.payload.block_index)).toEqual([0, 0, 0]);
  });

  it('synthesises a start for a delta of an unannounced item, and ends open blocks at the end', () => {
    const out = run([{ type: 'response.output_text.delta', output_index: 4, delta: 'late' }]);
    expect(out.map(entry => entry.event)).toEqual([
      'llm:stream_block_start',
      'llm:stream_block_delta',
      'llm:stream_block_end',
    ]);
    expect(out[0]?.payload).toEqual({ request_id: ID, block_index: 0, block_type: 'text' });
  });

  it('closes open blocks on response.incomplete', () => {
    const tracker = createStreamBlockTracker(ID);
    tracker.push({
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message' },
    });
    const out = tracker.push({ type: 'response.incomplete', response: {} });
    expect(out).toEqual([
      {
        event: 'llm:stream_block_end',
        payload: { request_id: ID, block_index: 0, block_type: 'text' },
      },
    ]);
    expect(tracker.finish()).toEqual([]);
  });

  it('reports llm:stream_aborted only after a delta', () => {
    const tracker = createStreamBlockTracker(ID);
    tracker.push({
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message' },
    });
    expect(tracker.partial).toBe(false);
    expect(tracker.aborted(new Error('x'))).toBeUndefined();
    tracker.push({ type: 'response.output_text.delta', output_index: 0, delta: 'a' });
    const error = new Error('socket hang up');
    error.name = 'StreamInterruptedError';
    expect(tracker.aborted(error)).toEqual({
      event: 'llm:stream_aborted',
      payload: { request_id: ID, error: { type: 'StreamInterruptedError', msg: 'socket hang up' } },
    });
  });

  it('ignores junk events', () => {
    const tracker = createStreamBlockTracker(ID);
    for (const junk of [null, 'x', 1, {}, { type: 3 }]) expect(tracker.push(junk)).toEqual([]);
  });

  it('classifies output item types', () => {
    expect(blockTypeOfItem('message')).toBe('text');
    expect(blockTypeOfItem('reasoning')).toBe('thinking');
    expect(blockTypeOfItem('custom_tool_call')).toBe('tool_use');
    expect(blockTypeOfItem('web_search_call')).toBe('tool_use');
    expect(blockTypeOfItem('compaction')).toBeUndefined();
    expect(blockTypeOfItem(undefined)).toBeUndefined();
  });
});
