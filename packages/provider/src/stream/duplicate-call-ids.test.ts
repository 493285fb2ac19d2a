/**
 * Streams: a tool call id Azure repeats within one answer is made unique the same way as in a
 * complete answer (`<id>_2`), in the events and in the final response; output item ids are kept.
 */
import { describe, expect, it } from 'vitest';
import type { ProviderStreamEvent } from '../types.js';
import { createStreamAccumulator } from './stream-accumulator.js';

const context = { deployment: 'd', model: 'm', requestId: undefined };

function call(index: number, fcId: string, city: string) {
  const item = {
    id: fcId,
    type: 'function_call',
    status: 'completed',
    call_id: 'call_dup',
    name: 'weather',
    arguments: JSON.stringify({ city }),
  };
  return [
    {
      type: 'response.output_item.added',
      output_index: index,
      item: { ...item, status: 'in_progress', arguments: '' },
    },
    {
      type: 'response.function_call_arguments.delta',
      output_index: index,
      item_id: fcId,
      delta: item.arguments,
    },
    { type: 'response.output_item.done', output_index: index, item },
  ];
}

describe('stream accumulator: repeated tool call ids', () => {
  it('announces, ends and returns unique ids, keeping each fc_ item id', () => {
    const accumulator = createStreamAccumulator(context);
    const out: ProviderStreamEvent[] = [];
    const events = [
      { type: 'response.created', response: { id: 'resp_s', status: 'in_progress', output: [] } },
      ...call(0, 'fc_a', 'Paris'),
      ...call(1, 'fc_b', 'Rome'),
      { type: 'response.completed', response: { id: 'resp_s', status: 'completed', output: [] } },
    ];
    for (const event of events) out.push(...accumulator.push(event));
    const final = accumulator.finish();
    const ids = (type: string) =>
      out.filter(event => event.type === type).map(event => (event as { id: string }).id);
    expect(ids('tool_call.start')).toEqual(['call_dup', 'call_dup_2']);
    expect(ids('tool_call.delta')).toEqual(['call_dup', 'call_dup_2']);
    expect(ids('tool_call.end')).toEqual(['call_dup', 'call_dup_2']);
    expect(final.tool_calls?.map(entry => [entry.id, entry.arguments.city])).toEqual([
      ['call_dup', 'Paris'],
      ['call_dup_2', 'Rome'],
    ]);
    expect(final.content.map(block => block.type === 'tool_call' && block.item_id)).toEqual([
      'fc_a',
      'fc_b',
    ]);
    expect(final.finish_reason).toBe('tool_calls');
  });
});
