import { describe, expect, it } from 'vitest';
import { loadChunks } from '../__fixtures__/load-fixture.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { parseResponse } from '../response/parse-response.js';
import { ResponseFailedError } from '../response/response-failed-error.js';
import type { ProviderStreamEvent } from '../types.js';
import { createStreamAccumulator } from './stream-accumulator.js';

const context = { deployment: 'prod-dep', model: 'gpt-5', requestId: 'req-9' };

function run(events: readonly unknown[]) {
  const accumulator = createStreamAccumulator(context);
  const out: ProviderStreamEvent[] = [];
  for (const event of events) out.push(...accumulator.push(event));
  return { accumulator, out };
}

function completedResponse(events: readonly unknown[]): unknown {
  const last = events.findLast(
    event => (event as { type: string }).type === 'response.completed',
  ) as { response: unknown };
  return last.response;
}

describe('createStreamAccumulator', () => {
  it('streams text deltas and ends with the same ChatResponse as the non-streaming parse', () => {
    const events = loadChunks('text.chunks.txt');
    const { accumulator, out } = run(events);
    expect(out[0]).toEqual({
      type: 'message.start',
      id: 'resp_stream_text',
      model: 'gpt-4o-2024-11-20',
    });
    const text = out.filter(event => event.type === 'text.delta');
    expect(text.map(event => event.text).join('')).toBe('Hello, streaming world!');
    expect(text[0]).toEqual({ type: 'text.delta', text: 'Hello', item_id: 'msg_stream_text' });
    const end = out.at(-1);
    expect(end?.type).toBe('message.end');
    const final = accumulator.finish();
    expect(final).toEqual(parseResponse(completedResponse(events), context));
    expect(end).toEqual({ type: 'message.end', response: final, usage: final.usage });
    expect(accumulator.done).toBe(true);
    expect(accumulator.eventCount).toBe(events.length);
  });

  it('announces tool calls, streams their arguments and completes them once the arguments are done', () => {
    const events = loadChunks('tool-call.chunks.txt');
    const { accumulator, out } = run(events);
    const calls = out.filter(event => event.type.startsWith('tool_call.'));
    expect(calls).toEqual([
      { type: 'tool_call.start', id: 'call_s1', name: 'weather' },
      { type: 'tool_call.delta', id: 'call_s1', arguments_fragment: '{"ci' },
      { type: 'tool_call.delta', id: 'call_s1', arguments_fragment: 'ty":"Par' },
      { type: 'tool_call.delta', id: 'call_s1', arguments_fragment: 'is"}' },
      { type: 'tool_call.end', id: 'call_s1', name: 'weather', arguments: { city: 'Paris' } },
      { type: 'tool_call.start', id: 'call_s2', name: 'weather' },
      { type: 'tool_call.delta', id: 'call_s2', arguments_fragment: '{"city"' },
      { type: 'tool_call.delta', id: 'call_s2', arguments_fragment: ':"Ro' },
      {
        type: 'tool_call.end',
        id: 'call_s2',
        name: 'weather',
        arguments: {},
        raw_arguments: '{"city":"Ro',
        parse_error: expect.stringContaining('not valid JSON'),
      },
    ]);
    const final = accumulator.finish();
    expect(final.finish_reason).toBe('tool_calls');
    expect(final).toEqual(parseResponse(completedResponse(events), context));
  });

  it('streams reasoning summary deltas whose concatenation is the final thinking text', () => {
    const events = loadChunks('reasoning.chunks.txt');
    const { accumulator, out } = run(events);
    const thinking = out
      .filter(event => event.type === 'thinking.delta')
      .map(event => event.text)
      .join('');
    const final = accumulator.finish();
    expect(final.content[0]).toMatchObject({
      type: 'thinking',
      thinking,
      content: ['gAAAAABstreamEncrypted==', 'rs_stream', 'fc_stream'],
    });
    expect(thinking).toBe('**Plan**\n\nCall the calculator.');
    expect(final.usage).toEqual({
      input_tokens: 400,
      output_tokens: 80,
      total_tokens: 480,
      reasoning_tokens: 48,
      cache_read_tokens: 128,
      cache_write_tokens: 0,
    });
    expect(final).toEqual(parseResponse(completedResponse(events), context));
  });

  it('builds the answer from the streamed items when response.completed carries no output', () => {
    const events = loadChunks('tool-call.chunks.txt').map(event => {
      const e = event as { type: string; response?: Record<string, unknown> };
      return e.type === 'response.completed'
        ? { ...e, response: { ...e.response, output: [] } }
        : e;
    });
    const { accumulator } = run(events);
    expect(accumulator.finish().tool_calls?.map(call => call.id)).toEqual(['call_s1', 'call_s2']);
  });

  it('rebuilds an item from its deltas when its output_item.done never came', () => {
    const events = loadChunks('text.chunks.txt').filter(event => {
      const type = (event as { type: string }).type;
      return type !== 'response.output_item.done';
    });
    const last = events.at(-1) as { response: Record<string, unknown> };
    events[events.length - 1] = { ...last, response: { ...last.response, output: [] } };
    const { accumulator } = run(events);
    expect(accumulator.finish().content).toEqual([
      { type: 'text', text: 'Hello, streaming world!', item_id: 'msg_stream_text' },
    ]);
  });

  it('unwraps a streamed parallel wrapper into separate complete calls', () => {
    const wrapper = {
      type: 'function_call',
      id: 'fc_p',
      call_id: 'call_p',
      name: 'parallel',
      arguments:
        '{"tool_uses":[{"recipient_name":"functions.a","parameters":{"x":1}},{"recipient_name":"functions.b","parameters":{}}]}',
    };
    const { accumulator, out } = run([
      { type: 'response.created', response: { id: 'resp_p', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { ...wrapper, arguments: '' } },
      {
        type: 'response.function_call_arguments.delta',
        output_index: 0,
        item_id: 'fc_p',
        delta: wrapper.arguments,
      },
      { type: 'response.output_item.done', output_index: 0, item: wrapper },
      {
        type: 'response.completed',
        response: { id: 'resp_p', status: 'completed', output: [wrapper] },
      },
    ]);
    expect(out.filter(event => event.type.startsWith('tool_call.'))).toEqual([
      { type: 'tool_call.start', id: 'call_p_0', name: 'a' },
      { type: 'tool_call.end', id: 'call_p_0', name: 'a', arguments: { x: 1 } },
      { type: 'tool_call.start', id: 'call_p_1', name: 'b' },
      { type: 'tool_call.end', id: 'call_p_1', name: 'b', arguments: {} },
    ]);
    expect(accumulator.finish().metadata?.parallel_tool_call_unwrapped).toBe(true);
  });

  it('reports response.failed as an error event and a typed error, never an answer', () => {
    const { accumulator, out } = run(loadChunks('failed.chunks.txt'));
    expect(out.at(-1)).toEqual({
      type: 'error',
      error: {
        code: 'server_error',
        message: 'The model had an internal error.',
        response_id: 'resp_stream_failed',
      },
    });
    expect(accumulator.error?.code).toBe('server_error');
    let caught: unknown;
    try {
      accumulator.finish();
    } catch (error) {
      caught = error;
    }
    expect(ResponseFailedError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'server_error',
      retryable: true,
      deployment: 'prod-dep',
      requestId: 'req-9',
    });
  });

  it('reports an error event with its code and param', () => {
    const { accumulator, out } = run([
      { type: 'response.created', response: { id: 'resp_e', output: [] } },
      {
        type: 'error',
        code: 'rate_limit_exceeded',
        message: 'Slow down',
        param: null,
        sequence_number: 2,
      },
    ]);
    expect(out.at(-1)).toEqual({
      type: 'error',
      error: { code: 'rate_limit_exceeded', message: 'Slow down', response_id: 'resp_e' },
    });
    expect(() => accumulator.finish()).toThrowError(
      expect.objectContaining({ name: 'ResponseFailedError' }),
    );
  });

  it('throws StreamInterruptedError when the stream ends before response.completed', () => {
    const events = loadChunks('text.chunks.txt').slice(0, -1);
    const { accumulator, out } = run(events);
    expect(out.some(event => event.type === 'message.end')).toBe(false);
    let caught: unknown;
    try {
      accumulator.finish();
    } catch (error) {
      caught = error;
    }
    expect(StreamInterruptedError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      receivedEvents: events.length,
      deployment: 'prod-dep',
      requestId: 'req-9',
    });
    expect((caught as Error).message).toContain('resp_stream_text');
  });

  it('ignores malformed and unknown events, and events after the end', () => {
    const events = loadChunks('text.chunks.txt');
    const accumulator = createStreamAccumulator(context);
    for (const junk of [
      null,
      'x',
      42,
      {},
      { type: 'response.output_text.delta' },
      { type: 'response.unknown' },
    ]) {
      expect(accumulator.push(junk)).toEqual([]);
    }
    for (const event of events) accumulator.push(event);
    expect(
      accumulator.push({ type: 'response.output_text.delta', output_index: 0, delta: 'late' }),
    ).toEqual([]);
    expect(accumulator.finish().content).toEqual([
      { type: 'text', text: 'Hello, streaming world!', item_id: 'msg_stream_text' },
    ]);
  });

  it('maps response.incomplete to a length-limited answer', () => {
    const { accumulator } = run([
      { type: 'response.created', response: { id: 'resp_i', output: [] } },
      {
        type: 'response.incomplete',
        response: {
          id: 'resp_i',
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
          output: [],
        },
      },
    ]);
    expect(accumulator.finish().finish_reason).toBe('length');
  });
});

describe('createStreamAccumulator: done events without deltas', () => {
  it('streams the whole text of a part whose deltas never came, once', () => {
    const message = {
      id: 'msg_d',
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'All at once', annotations: [] }],
    };
    const reasoning = {
      id: 'rs_d',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Think' }],
    };
    const { accumulator, out } = run([
      { type: 'response.created', response: { id: 'resp_d', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { ...reasoning, summary: [] } },
      {
        type: 'response.reasoning_summary_text.done',
        item_id: 'rs_d',
        output_index: 0,
        summary_index: 0,
        text: 'Think',
      },
      { type: 'response.output_item.done', output_index: 0, item: reasoning },
      { type: 'response.output_item.added', output_index: 1, item: { ...message, content: [] } },
      {
        type: 'response.output_text.delta',
        item_id: 'msg_d',
        output_index: 1,
        content_index: 0,
        delta: '',
      },
      {
        type: 'response.output_text.done',
        item_id: 'msg_d',
        output_index: 1,
        content_index: 0,
        text: 'All at once',
      },
      { type: 'response.output_item.done', output_index: 1, item: message },
      {
        type: 'response.completed',
        response: { id: 'resp_d', status: 'completed', output: [reasoning, message] },
      },
    ]);
    expect(out.filter(e => e.type === 'text.delta' || e.type === 'thinking.delta')).toEqual([
      { type: 'thinking.delta', text: 'Think', item_id: 'rs_d' },
      { type: 'text.delta', text: 'All at once', item_id: 'msg_d' },
    ]);
    expect(accumulator.finish().content.map(block => block.type)).toEqual(['thinking', 'text']);
  });
});

describe('createStreamAccumulator: malformed and sparse indices', () => {
  const created = { type: 'response.created', response: { id: 'resp_i', output: [] } };
  const completed = {
    type: 'response.completed',
    response: { id: 'resp_i', status: 'completed', output: [] },
  };
  const message = (id: string, text: string) => ({
    id,
    type: 'message',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  });

  /** Counts Map#get / Map#has calls made while `action` runs (work, measured without a clock). */
  function mapLookups(action: () => void): number {
    let lookups = 0;
    const get = Map.prototype.get;
    const has = Map.prototype.has;
    Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
      lookups += 1;
      return get.call(this, key);
    };
    Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
      lookups += 1;
      return has.call(this, key);
    };
    try {
      action();
    } finally {
      Map.prototype.get = get;
      Map.prototype.has = has;
    }
    return lookups;
  }

  it('completes without work per skipped index after an event with an absurd output_index', () => {
    const accumulator = createStreamAccumulator(context);
    accumulator.push(created);
    accumulator.push({
      type: 'response.output_text.delta',
      output_index: 4_294_967_294,
      item_id: 'x',
      delta: 'a',
    });
    accumulator.push({
      type: 'response.output_item.done',
      output_index: Number.MAX_SAFE_INTEGER,
      item: { type: 'mystery' },
    });
    const lookups = mapLookups(() => accumulator.push(completed));
    expect(lookups).toBeLessThan(50);
    expect(accumulator.finish().metadata?.unknown_output_items).toEqual([{ type: 'mystery' }]);
  });

  it('keeps items at large but real output indices, in index order', () => {
    const { accumulator } = run([
      created,
      { type: 'response.output_item.done', output_index: 3_000_000_000, item: message('m3', 'c') },
      { type: 'response.output_item.done', output_index: 7, item: message('m2', 'b') },
      {
        type: 'response.output_item.added',
        output_index: 2,
        item: { ...message('m1', ''), content: [] },
      },
      { type: 'response.output_text.delta', output_index: 2, item_id: 'm1', delta: 'a' },
      completed,
    ]);
    expect(accumulator.finish().content).toEqual([
      { type: 'text', text: 'a', item_id: 'm1' },
      { type: 'text', text: 'b', item_id: 'm2' },
      { type: 'text', text: 'c', item_id: 'm3' },
    ]);
  });

  it('merges done items into the final output list by index, then appends later indices', () => {
    const { accumulator } = run([
      created,
      { type: 'response.output_item.done', output_index: 1, item: message('done1', 'B') },
      { type: 'response.output_item.done', output_index: 5, item: message('done5', 'Z') },
      {
        type: 'response.completed',
        response: {
          id: 'resp_i',
          status: 'completed',
          output: [message('final0', 'A'), message('final1', 'stale'), message('final2', 'C')],
        },
      },
    ]);
    expect(accumulator.finish().content.map(block => (block as { text: string }).text)).toEqual([
      'A',
      'B',
      'C',
      'Z',
    ]);
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
    ['unsafe', 2 ** 53],
  ])('ignores an output item with a %s output_index', (_, index) => {
    const { accumulator, out } = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: index,
        item: { type: 'function_call', id: 'fc_bad', call_id: 'call_bad', name: 'f' },
      },
      {
        type: 'response.output_item.done',
        output_index: index,
        item: {
          type: 'function_call',
          id: 'fc_bad',
          call_id: 'call_bad',
          name: 'f',
          arguments: '{}',
        },
      },
      completed,
    ]);
    expect(out.filter(event => event.type.startsWith('tool_call.'))).toEqual([]);
    expect(accumulator.finish().tool_calls ?? []).toEqual([]);
  });

  it('finds the item of a delta with a malformed output_index by its item_id', () => {
    const { accumulator } = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...message('m1', ''), content: [] },
      },
      { type: 'response.output_text.delta', output_index: -3, item_id: 'm1', delta: 'kept' },
      completed,
    ]);
    expect(accumulator.finish().content).toEqual([{ type: 'text', text: 'kept', item_id: 'm1' }]);
  });

  it('rebuilds message parts in content_index order, skipping indices that never came', () => {
    const { accumulator } = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...message('m1', ''), content: [] },
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'm1',
        content_index: 4_294_967_294,
        delta: 'late',
      },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'm1',
        content_index: 1000,
        delta: 'early',
      },
      completed,
    ]);
    const final = accumulator.finish();
    expect(final.content).toEqual([
      { type: 'text', text: 'early', item_id: 'm1' },
      { type: 'text', text: 'late', item_id: 'm1' },
    ]);
    expect(final.metadata?.unknown_output_items ?? []).toEqual([]);
  });

  it('keeps text whose content_index is malformed as part 0 instead of dropping it', () => {
    const { accumulator } = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...message('m1', ''), content: [] },
      },
      { type: 'response.output_text.delta', output_index: 0, content_index: -1, delta: 'a' },
      { type: 'response.output_text.delta', output_index: 0, content_index: 0.5, delta: 'b' },
      completed,
    ]);
    expect(accumulator.finish().content).toEqual([{ type: 'text', text: 'ab', item_id: 'm1' }]);
  });

  it('rebuilds reasoning summaries in summary_index order, skipping indices that never came', () => {
    const { accumulator } = run([
      created,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'rs1', type: 'reasoning', summary: [] },
      },
      {
        type: 'response.reasoning_summary_text.delta',
        output_index: 0,
        item_id: 'rs1',
        summary_index: 9_000_000_000,
        delta: 'second',
      },
      {
        type: 'response.reasoning_summary_text.delta',
        output_index: 0,
        item_id: 'rs1',
        summary_index: 3,
        delta: 'first',
      },
      completed,
    ]);
    const final = accumulator.finish();
    const thinking = final.content.find(block => block.type === 'thinking');
    expect(thinking).toMatchObject({ summary: ['first', 'second'], thinking: 'first\n\nsecond' });
    expect(final.metadata?.unknown_output_items ?? []).toEqual([]);
  });
});
