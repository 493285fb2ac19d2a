/**
 * Parses every recorded Responses payload in `../shared/conformance/` (read at test time, never
 * copied) without loss: every output item is accounted for, and each recorded stream ends in the
 * same ChatResponse as parsing its final response object.
 */
import { readSharedChunks, readSharedJson } from '@amplifier-azure-openai/test-utils';
import { describe, expect, it } from 'vitest';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { isRecord } from '../response/json-guards.js';
import { NATIVE_OUTPUT_ITEM_TYPES } from '../response/native-tool-items.js';
import { parseResponse } from '../response/parse-response.js';
import { ResponseParseError } from '../response/response-parse-error.js';
import type { ChatResponse, ProviderStreamEvent } from '../types.js';
import { createStreamAccumulator } from './stream-accumulator.js';

const context = { deployment: 'conformance-dep', model: 'gpt-5', requestId: 'req-conf' };

const JSON_PAYLOADS = [
  'conformance/vercel-ai-fixtures/azure/azure-text.1.json',
  'conformance/vercel-ai-fixtures/azure/azure-tool-call.1.json',
  'conformance/vercel-ai-fixtures/azure/azure-reasoning-encrypted-content.1.json',
  'conformance/vercel-ai-fixtures/openai-reasoning-encrypted-content.1.json',
  'conformance/vercel-ai-fixtures/parallel-tool-call-wrapper.1.json',
  'conformance/vercel-ai-fixtures/openai-custom-tool.1.json',
  'conformance/amplifier-provider-openai-fixtures/gpt-5-5-basic.json',
  'conformance/amplifier-provider-openai-fixtures/gpt-5-5-reasoning.json',
];

const STREAMS = [
  'conformance/vercel-ai-fixtures/azure/azure-text.1.chunks.txt',
  'conformance/vercel-ai-fixtures/azure/azure-tool-call.1.chunks.txt',
  'conformance/vercel-ai-fixtures/azure/azure-reasoning-encrypted-content.1.chunks.txt',
  'conformance/vercel-ai-fixtures/openai-reasoning-encrypted-content.1.chunks.txt',
];

type Json = Record<string, unknown>;

/**
 * Asserts that every output item of `payload` shows up in `response`: messages as text blocks
 * with their item id, reasoning as a thinking block carrying its id and encrypted content,
 * calls as tool calls (unwrapped `parallel` calls by their derived ids), hosted tool items as
 * reasoning blocks carrying them, anything else in `metadata.unknown_output_items`.
 */
function expectEveryItemAccountedFor(payload: Json, response: ChatResponse): void {
  const output = payload.output as unknown[];
  const unknown = response.metadata?.unknown_output_items ?? [];
  const callIds = (response.tool_calls ?? []).map(call => call.id);
  for (const item of output) {
    expect(isRecord(item)).toBe(true);
    const it = item as Json;
    switch (it.type) {
      case 'message': {
        const texts = (it.content as Json[]).map(part => part.text ?? part.refusal);
        const blocks = response.content.filter(
          block => block.type === 'text' && block.item_id === it.id,
        );
        expect(blocks.map(block => (block.type === 'text' ? block.text : undefined))).toEqual(
          texts,
        );
        break;
      }
      case 'reasoning': {
        const block = response.content.find(
          b => b.type === 'thinking' && Array.isArray(b.content) && b.content[1] === it.id,
        );
        expect(block).toBeDefined();
        if (block?.type !== 'thinking') break;
        const next = output[output.indexOf(item) + 1] as Json | undefined;
        expect(block.content).toEqual(
          typeof next?.id === 'string'
            ? [it.encrypted_content ?? null, it.id, next.id]
            : [it.encrypted_content ?? null, it.id],
        );
        const summary = ((it.summary as Json[] | null) ?? []).map(part => part.text);
        expect(block.summary).toEqual(summary);
        expect(block.thinking).toBe(summary.join('\n\n'));
        break;
      }
      case 'function_call':
      case 'custom_tool_call': {
        const id = it.call_id as string;
        if (it.name === 'parallel') {
          expect(callIds.some(callId => callId.startsWith(`${id}_`))).toBe(true);
        } else {
          expect(callIds).toContain(id);
        }
        break;
      }
      default: {
        if (!NATIVE_OUTPUT_ITEM_TYPES.has(String(it.type))) {
          expect(unknown).toContain(item);
          break;
        }
        // Hosted tool items are reasoning blocks carrying the item unchanged.
        const hosted = response.content.find(
          block =>
            block.type === 'reasoning' && (block.content[0] as Json | undefined)?.id === it.id,
        );
        expect(hosted?.type === 'reasoning' ? hosted.content : undefined).toEqual([item]);
        expect(unknown).not.toContain(item);
      }
    }
  }
}

describe('shared conformance: recorded JSON responses', () => {
  it.each(JSON_PAYLOADS)('parses %s without loss', file => {
    const payload = readSharedJson(file) as Json;
    const response = parseResponse(payload, context);
    expectEveryItemAccountedFor(payload, response);
    expect(response.metadata?.response_id).toBe(payload.id);
    expect(response.metadata?.model).toBe(payload.model);
    const usage = payload.usage as Json;
    expect(response.usage?.input_tokens).toBe(usage.input_tokens);
    expect(response.usage?.output_tokens).toBe(usage.output_tokens);
    expect(response.usage?.total_tokens).toBe(usage.total_tokens);
    expect(response.usage?.reasoning_tokens).toBe(
      (usage.output_tokens_details as Json).reasoning_tokens,
    );
    expect(response.usage?.cache_read_tokens).toBe(
      (usage.input_tokens_details as Json).cached_tokens,
    );
    expect(response.finish_reason).toBe(response.tool_calls === undefined ? 'stop' : 'tool_calls');
  });

  it('keeps Azure content filter results', () => {
    const payload = readSharedJson(
      'conformance/vercel-ai-fixtures/azure/azure-text.1.json',
    ) as Json;
    expect(parseResponse(payload, context).metadata?.content_filters).toEqual(
      payload.content_filters,
    );
  });

  it('decodes the recorded Azure function call arguments', () => {
    const response = parseResponse(
      readSharedJson('conformance/vercel-ai-fixtures/azure/azure-tool-call.1.json'),
      context,
    );
    expect(response.tool_calls).toEqual([
      {
        id: 'call_YunNGbIwdVJ2i0y0Mybva4Pw',
        name: 'weather',
        arguments: { location: 'San Francisco' },
      },
    ]);
  });

  it('unwraps the recorded parallel wrapper into separate calls', () => {
    const response = parseResponse(
      readSharedJson('conformance/vercel-ai-fixtures/parallel-tool-call-wrapper.1.json'),
      context,
    );
    expect(response.tool_calls).toEqual([
      { id: 'call_parallel_0', name: 'weather', arguments: { location: 'San Francisco' } },
      { id: 'call_parallel_1', name: 'cityAttractions', arguments: { city: 'Rome' } },
    ]);
  });

  it('maps the recorded custom tool call', () => {
    const response = parseResponse(
      readSharedJson('conformance/vercel-ai-fixtures/openai-custom-tool.1.json'),
      context,
    );
    expect(response.tool_calls).toEqual([
      {
        id: 'call_custom_sql_001',
        name: 'write_sql',
        arguments: { input: 'SELECT * FROM users WHERE age > 25' },
        tool_type: 'custom',
      },
    ]);
  });

  it.each([
    'conformance/vercel-ai-fixtures/openai-error.1.json',
    'conformance/vercel-ai-fixtures/reasoning-model-temperature-error.json',
  ])('never mistakes the error body %s for an answer', file => {
    expect(() => parseResponse(readSharedJson(file), context)).toThrowError(
      expect.objectContaining({ name: 'ResponseParseError', path: 'output' }),
    );
    try {
      parseResponse(readSharedJson(file), context);
    } catch (error) {
      expect(ResponseParseError.isInstance(error)).toBe(true);
    }
  });
});

/** The response with every thinking block's encrypted content replaced by a marker. */
function withoutEncrypted(response: ChatResponse): ChatResponse {
  return {
    ...response,
    content: response.content.map(block =>
      block.type === 'thinking' &&
      Array.isArray(block.content) &&
      typeof block.content[0] === 'string'
        ? { ...block, content: ['<encrypted>', ...block.content.slice(1)] }
        : block,
    ),
  };
}

/** Splits a recording holding several consecutive streams at each `response.created`. */
function splitStreams(events: readonly unknown[]): unknown[][] {
  const streams: unknown[][] = [];
  for (const event of events) {
    if ((event as Json).type === 'response.created' || streams.length === 0) streams.push([]);
    streams.at(-1)?.push(event);
  }
  return streams;
}

describe('shared conformance: recorded streams', () => {
  it.each(STREAMS)('%s ends in the same ChatResponse as its final JSON', file => {
    const streams = splitStreams(readSharedChunks(file));
    expect(streams.length).toBeGreaterThan(0);
    for (const events of streams) {
      const accumulator = createStreamAccumulator(context);
      const out: ProviderStreamEvent[] = [];
      for (const event of events) out.push(...accumulator.push(event));
      const final = accumulator.finish();
      const completed = events.find(event => (event as Json).type === 'response.completed') as Json;
      const payload = completed.response as Json;
      // Azure re-encrypts reasoning for each serialisation: the encrypted_content of
      // response.output_item.done (which the accumulator keeps, as the API reference advises)
      // differs byte-wise from the one in response.completed. Everything else is identical.
      const parsed = parseResponse(payload, context);
      expectEveryItemAccountedFor(payload, parsed);
      expect(withoutEncrypted(final)).toEqual(withoutEncrypted(parsed));
      for (const event of events) {
        const e = event as Json;
        if (e.type !== 'response.output_item.done' || (e.item as Json).type !== 'reasoning')
          continue;
        const item = e.item as Json;
        const block = final.content.find(
          b => b.type === 'thinking' && Array.isArray(b.content) && b.content[1] === item.id,
        );
        expect(block?.type === 'thinking' ? block.content?.slice(0, 2) : undefined).toEqual([
          item.encrypted_content,
          item.id,
        ]);
      }

      // Deltas add up to the final content.
      const streamedText = out
        .filter(event => event.type === 'text.delta')
        .map(event => event.text)
        .join('');
      const finalText = final.content
        .map(block => (block.type === 'text' ? block.text : ''))
        .join('');
      expect(streamedText).toBe(finalText);
      const streamedThinking = out
        .filter(event => event.type === 'thinking.delta')
        .map(event => event.text)
        .join('');
      const finalThinking = final.content
        .map(block => (block.type === 'thinking' ? block.thinking : ''))
        .join('');
      expect(streamedThinking).toBe(finalThinking);
      const ends = out.filter(event => event.type === 'tool_call.end');
      expect(ends.map(({ id, name, arguments: args }) => ({ id, name, arguments: args }))).toEqual(
        final.tool_calls ?? [],
      );
      for (const end of ends) {
        const fragments = out
          .filter(event => event.type === 'tool_call.delta' && event.id === end.id)
          .map(event => (event.type === 'tool_call.delta' ? event.arguments_fragment : ''))
          .join('');
        expect(JSON.parse(fragments)).toEqual(end.arguments);
      }
      expect(out.at(-1)).toEqual({ type: 'message.end', response: final, usage: final.usage });
    }
  });

  it('completes the calls of the recorded parallel stream, and reports the cut-off end as interrupted', () => {
    // Two lines of this recording are not valid JSON (its response.created and response.completed).
    const events = readSharedChunks(
      'conformance/vercel-ai-fixtures/parallel-tool-call-wrapper.1.chunks.txt',
      {
        onInvalidLine: 'skip',
      },
    );
    const accumulator = createStreamAccumulator(context);
    const out = events.flatMap(event => accumulator.push(event));
    expect(out.filter(event => event.type === 'tool_call.end')).toEqual([
      {
        type: 'tool_call.end',
        id: 'call_parallel_0',
        name: 'weather',
        arguments: { location: 'San Francisco' },
      },
      {
        type: 'tool_call.end',
        id: 'call_parallel_1',
        name: 'cityAttractions',
        arguments: { city: 'Rome' },
      },
    ]);
    let caught: unknown;
    try {
      accumulator.finish();
    } catch (error) {
      caught = error;
    }
    expect(StreamInterruptedError.isInstance(caught)).toBe(true);
  });
});
