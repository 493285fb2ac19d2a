import { describe, expect, it } from 'vitest';
import { loadFixture } from '../__fixtures__/load-fixture.js';
import type { ChatResponse } from '../types.js';
import { parseResponse, parseToolCalls, parseUsage } from './parse-response.js';
import { ResponseFailedError } from './response-failed-error.js';
import { ResponseParseError } from './response-parse-error.js';

const context = { deployment: 'prod-dep', model: 'gpt-5', requestId: 'req-123' };

describe('parseResponse', () => {
  it('maps a text answer with usage, cache read/write tokens and Azure content filters', () => {
    const response = parseResponse(loadFixture('text.response.json'), context);
    expect(response.content).toEqual([
      { type: 'text', text: 'Hello from Azure.', item_id: 'msg_text_001' },
    ]);
    expect(response.tool_calls).toBeUndefined();
    expect(response.finish_reason).toBe('stop');
    expect(response.usage).toEqual({
      input_tokens: 20,
      output_tokens: 5,
      total_tokens: 25,
      reasoning_tokens: 0,
      cache_read_tokens: 8,
      cache_write_tokens: 3,
    });
    expect(response.metadata).toMatchObject({
      response_id: 'resp_text_001',
      deployment: 'prod-dep',
      model: 'gpt-4o-2024-11-20',
      requested_model: 'gpt-5',
      request_id: 'req-123',
      status: 'completed',
    });
    expect(response.metadata?.content_filters).toHaveLength(2);
  });

  it('decodes tool call arguments, keeps invalid JSON raw with a parse error, and treats empty as {}', () => {
    const response = parseResponse(loadFixture('tool-call.response.json'), context);
    expect(response.finish_reason).toBe('tool_calls');
    expect(response.tool_calls).toEqual([
      { id: 'call_weather_paris', name: 'weather', arguments: { city: 'Paris', unit: 'celsius' } },
      {
        id: 'call_weather_rome',
        name: 'weather',
        arguments: {},
        raw_arguments: '{"city":"Rome"',
        parse_error: expect.stringContaining('not valid JSON'),
      },
      { id: 'call_now', name: 'now', arguments: {} },
    ]);
    expect(response.content.map(block => block.type)).toEqual([
      'tool_call',
      'tool_call',
      'tool_call',
    ]);
    expect(response.content[1]).toMatchObject({
      type: 'tool_call',
      id: 'call_weather_rome',
      input: {},
      raw_arguments: '{"city":"Rome"',
    });
    expect(parseToolCalls(response)).toBe(response.tool_calls);
  });

  it('keeps reasoning summary, encrypted content and item id for the next turn', () => {
    const response = parseResponse(loadFixture('reasoning.response.json'), context);
    expect(response.content[0]).toEqual({
      type: 'thinking',
      thinking: '**Planning the sum**\n\nAdd first, then multiply.',
      content: ['gAAAAABfakeEncryptedReasoningPayload==', 'rs_reason_001', 'fc_reason_001'],
      summary: ['**Planning the sum**', 'Add first, then multiply.'],
      visibility: 'internal',
    });
    expect(response.content[1]).toEqual({
      type: 'tool_call',
      id: 'call_calc_1',
      name: 'calculator',
      input: { a: 12, b: 7, op: 'add' },
      item_id: 'fc_reason_001',
    });
    expect(response.usage?.reasoning_tokens).toBe(64);
  });

  it('makes a repeated tool call id unique (<id>_2, <id>_3) so every result pairs with one call', () => {
    // Recorded-style: Azure answered two function_call items with the same call_id.
    const item = (fcId: string, city: string) => ({
      type: 'function_call',
      id: fcId,
      call_id: 'call_dup',
      name: 'weather',
      arguments: JSON.stringify({ city }),
      status: 'completed',
    });
    const response = parseResponse(
      {
        id: 'resp_dup',
        status: 'completed',
        output: [item('fc_a', 'Paris'), item('fc_b', 'Rome'), item('fc_c', 'Oslo')],
      },
      context,
    );
    expect(response.tool_calls?.map(call => [call.id, call.arguments.city])).toEqual([
      ['call_dup', 'Paris'],
      ['call_dup_2', 'Rome'],
      ['call_dup_3', 'Oslo'],
    ]);
    expect(response.content.map(block => block.type === 'tool_call' && block.item_id)).toEqual([
      'fc_a',
      'fc_b',
      'fc_c',
    ]);
    // A real id that already looks like a suffixed one is not reused.
    const clash = parseResponse(
      {
        id: 'resp_dup2',
        status: 'completed',
        output: [
          { ...item('fc_x', 'A'), call_id: 'call_dup_2' },
          item('fc_y', 'B'),
          item('fc_z', 'C'),
        ],
      },
      context,
    );
    expect(clash.tool_calls?.map(call => call.id)).toEqual([
      'call_dup_2',
      'call_dup',
      'call_dup_3',
    ]);
  });

  it('unwraps a parallel wrapper call into separate calls with stable ids', () => {
    const payload = loadFixture('parallel-wrapper.response.json');
    const response = parseResponse(payload, context);
    expect(response.tool_calls).toEqual([
      { id: 'call_par_0', name: 'weather', arguments: { city: 'Oslo' } },
      { id: 'call_par_1', name: 'museums', arguments: { city: 'Oslo', limit: 3 } },
    ]);
    expect(response.metadata?.parallel_tool_call_unwrapped).toBe(true);
    expect(parseResponse(payload, context).tool_calls?.map(call => call.id)).toEqual([
      'call_par_0',
      'call_par_1',
    ]);
    // A tool really named "parallel" is left alone.
    const real = parseResponse(payload, { ...context, toolNames: new Set(['parallel']) });
    expect(real.tool_calls?.[0]?.name).toBe('parallel');
  });

  it('keeps custom tool calls, tool_call payloads, unknown items and annotations; incomplete is length', () => {
    const response = parseResponse(loadFixture('mixed.response.json'), context);
    expect(response.finish_reason).toBe('length');
    expect(response.metadata?.incomplete_reason).toBe('max_output_tokens');
    expect(response.content).toEqual([
      {
        type: 'thinking',
        thinking: '',
        content: [null, 'rs_mixed_001', 'ws_mixed_001'],
        summary: [],
        visibility: 'internal',
      },
      {
        type: 'reasoning',
        content: [
          {
            id: 'ws_mixed_001',
            type: 'web_search_call',
            status: 'completed',
            action: { type: 'search', query: 'azure' },
          },
        ],
        summary: ['web_search search: azure (completed)'],
        visibility: 'internal',
        native_tool: 'web_search_call',
        item_id: 'ws_mixed_001',
      },
      {
        type: 'tool_call',
        id: 'call_sql',
        name: 'write_sql',
        input: { input: 'SELECT 1' },
        tool_type: 'custom',
        item_id: 'ct_mixed_001',
      },
      { type: 'tool_call', id: 'tc_mixed_001', name: 'lookup', input: { key: 'k1' } },
      { type: 'text', text: 'Part one. ', item_id: 'msg_mixed_001' },
      { type: 'text', text: 'Part two', item_id: 'msg_mixed_001' },
    ]);
    expect(response.metadata?.unknown_output_items).toEqual(['not-an-item']);
    expect(response.metadata?.annotations).toHaveLength(1);
    expect(response.usage).toEqual({ input_tokens: 10, output_tokens: 16, total_tokens: 26 });
  });

  it('reports content_filter for a blocked completion and keeps the refusal', () => {
    const response = parseResponse(loadFixture('filtered.response.json'), context);
    expect(response.finish_reason).toBe('content_filter');
    expect(response.content).toEqual([
      { type: 'text', text: "I can't help with that.", item_id: 'msg_filtered_001' },
    ]);
    expect(response.metadata?.refusal).toBe("I can't help with that.");
  });

  it('reports content_filter for a response incomplete because of the filter', () => {
    const response = parseResponse(
      {
        id: 'r',
        status: 'incomplete',
        incomplete_details: { reason: 'content_filter' },
        output: [],
      },
      context,
    );
    expect(response.finish_reason).toBe('content_filter');
    expect(response.usage).toBeUndefined();
  });

  it.each([
    [null, ''],
    ['text', ''],
    [[], ''],
    [{ id: 'r', status: 'completed' }, 'output'],
    [{ id: 'r', status: 'completed', output: {} }, 'output'],
    [{ id: 'r', status: 'in_progress', output: [] }, 'status'],
  ])('throws a typed ResponseParseError for %j', (payload, path) => {
    let caught: unknown;
    try {
      parseResponse(payload, context);
    } catch (error) {
      caught = error;
    }
    expect(ResponseParseError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      name: 'ResponseParseError',
      code: 'response_parse_error',
      path,
      deployment: 'prod-dep',
      requestId: 'req-123',
    });
  });

  it('throws a typed ResponseFailedError for a failed response', () => {
    let caught: unknown;
    try {
      parseResponse(
        {
          id: 'resp_f',
          status: 'failed',
          error: { code: 'server_error', message: 'boom' },
          output: [],
        },
        context,
      );
    } catch (error) {
      caught = error;
    }
    expect(ResponseFailedError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'server_error', retryable: true, responseId: 'resp_f' });
    expect((caught as Error).message).toContain('boom');
  });

  it('never crashes on malformed items', () => {
    const response = parseResponse(
      {
        status: 'completed',
        output: [
          null,
          42,
          { type: 'message' },
          { type: 'message', content: [null, { type: 'output_text' }, { type: 'audio' }] },
          { type: 'function_call' },
          { type: 'function_call', name: 'f', arguments: '[1,2]' },
          { type: 'reasoning', summary: 'oops' },
        ],
        usage: 'nope',
      },
      context,
    );
    expect(response.tool_calls).toEqual([
      { id: 'call_output_4', name: '', arguments: {}, parse_error: 'the tool call has no name' },
      {
        id: 'call_output_5',
        name: 'f',
        arguments: {},
        raw_arguments: '[1,2]',
        parse_error: expect.stringContaining('JSON object'),
      },
    ]);
    expect(response.metadata?.unknown_output_items).toEqual([
      null,
      42,
      { type: 'message' },
      null,
      { type: 'output_text' },
      { type: 'audio' },
    ]);
    expect(response.usage).toBeUndefined();
  });
});

describe('parseUsage', () => {
  it('derives total tokens and ignores non-numbers', () => {
    expect(
      parseUsage({
        input_tokens: 3,
        output_tokens: 4,
        input_tokens_details: { cached_tokens: 'x' },
      }),
    ).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      total_tokens: 7,
    });
  });
});

describe('parseToolCalls', () => {
  it('derives calls from tool_call blocks when tool_calls is absent', () => {
    const response: ChatResponse = {
      content: [
        { type: 'text', text: 'x' },
        { type: 'tool_call', id: 'c1', name: 'f', input: { a: 1 } },
        { type: 'tool_call', id: 'c2', name: 'g', input: { input: 'q' }, tool_type: 'custom' },
      ],
    };
    expect(parseToolCalls(response)).toEqual([
      { id: 'c1', name: 'f', arguments: { a: 1 } },
      { id: 'c2', name: 'g', arguments: { input: 'q' }, tool_type: 'custom' },
    ]);
    expect(parseToolCalls(null as unknown as ChatResponse)).toEqual([]);
  });
});
