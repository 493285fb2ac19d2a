/**
 * Properties of the stream accumulator: however Azure splits an answer into deltas, the final
 * ChatResponse equals the non-streaming parse and the deltas add up to the final content; and no
 * input, however malformed, makes the parser or the accumulator crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../response/parse-response.js';
import type { ProviderStreamEvent } from '../types.js';
import { createStreamAccumulator } from './stream-accumulator.js';

const context = { deployment: 'dep', model: 'gpt-5' };

type Item =
  | {
      type: 'message';
      id: string;
      role: 'assistant';
      status: 'completed';
      content: Array<{ type: 'output_text'; text: string; annotations: [] }>;
    }
  | {
      type: 'reasoning';
      id: string;
      encrypted_content: string;
      summary: Array<{ type: 'summary_text'; text: string }>;
    }
  | {
      type: 'function_call';
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: 'completed';
    };

const text = fc.string({ minLength: 1, maxLength: 40 });
const itemShape: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    kind: fc.constant('message' as const),
    parts: fc.array(text, { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('reasoning' as const), parts: fc.array(text, { maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('call' as const),
    name: fc.stringMatching(/^[a-z]{1,8}$/),
    args: fc.oneof(
      fc
        .dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
        .map(v => JSON.stringify(v)),
      fc.string({ maxLength: 20 }),
    ),
  }),
);
/** Cut points used to split each text into deltas. */
const cuts = fc.array(fc.nat({ max: 40 }), { maxLength: 4 });

function split(value: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map(n => n % (value.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const point of points) {
    if (point > last) pieces.push(value.slice(last, point));
    last = Math.max(last, point);
  }
  pieces.push(value.slice(last));
  return pieces.filter(piece => piece !== '');
}

type Shape =
  | { kind: 'message'; parts: string[] }
  | { kind: 'reasoning'; parts: string[] }
  | { kind: 'call'; name: string; args: string };

function toStream(shapes: Shape[], at: number[]) {
  const output: Item[] = [];
  const events: unknown[] = [];
  const base = { id: 'resp_p', object: 'response', model: 'gpt-5', output: [] as Item[] };
  events.push({ type: 'response.created', response: { ...base, status: 'in_progress' } });
  shapes.forEach((shape, index) => {
    if (shape.kind === 'message') {
      const parts = shape.parts;
      const item: Item = {
        type: 'message',
        id: `msg_${index}`,
        role: 'assistant',
        status: 'completed',
        content: parts.map(t => ({ type: 'output_text', text: t, annotations: [] })),
      };
      events.push({
        type: 'response.output_item.added',
        output_index: index,
        item: { ...item, content: [] },
      });
      parts.forEach((part, contentIndex) => {
        for (const delta of split(part, at)) {
          events.push({
            type: 'response.output_text.delta',
            item_id: item.id,
            output_index: index,
            content_index: contentIndex,
            delta,
          });
        }
        events.push({
          type: 'response.output_text.done',
          item_id: item.id,
          output_index: index,
          content_index: contentIndex,
          text: part,
        });
      });
      events.push({ type: 'response.output_item.done', output_index: index, item });
      output.push(item);
    } else if (shape.kind === 'reasoning') {
      const parts = shape.parts;
      const item: Item = {
        type: 'reasoning',
        id: `rs_${index}`,
        encrypted_content: `enc_${index}`,
        summary: parts.map(t => ({ type: 'summary_text', text: t })),
      };
      events.push({
        type: 'response.output_item.added',
        output_index: index,
        item: { ...item, summary: [] },
      });
      parts.forEach((part, summaryIndex) => {
        for (const delta of split(part, at)) {
          events.push({
            type: 'response.reasoning_summary_text.delta',
            item_id: item.id,
            output_index: index,
            summary_index: summaryIndex,
            delta,
          });
        }
      });
      events.push({ type: 'response.output_item.done', output_index: index, item });
      output.push(item);
    } else {
      const item: Item = {
        type: 'function_call',
        id: `fc_${index}`,
        call_id: `call_${index}`,
        name: shape.name,
        arguments: shape.args,
        status: 'completed',
      };
      events.push({
        type: 'response.output_item.added',
        output_index: index,
        item: { ...item, arguments: '' },
      });
      for (const delta of split(item.arguments, at)) {
        events.push({
          type: 'response.function_call_arguments.delta',
          item_id: item.id,
          output_index: index,
          delta,
        });
      }
      events.push({ type: 'response.output_item.done', output_index: index, item });
      output.push(item);
    }
  });
  const final = {
    ...base,
    status: 'completed',
    output,
    usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
  };
  events.push({ type: 'response.completed', response: final });
  return { events, final };
}

describe('stream accumulator (property)', () => {
  it('ends in the non-streaming answer, and its deltas add up to it, however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(itemShape, { minLength: 1, maxLength: 5 }), cuts, (shapes, at) => {
        const { events, final } = toStream(shapes, at);
        const accumulator = createStreamAccumulator(context);
        const out: ProviderStreamEvent[] = events.flatMap(event => accumulator.push(event));
        const response = accumulator.finish();
        expect(response).toEqual(parseResponse(final, context));
        for (const block of response.content) {
          if (block.type === 'text') continue;
          if (block.type === 'thinking') {
            const id = (block.content as unknown[])[1];
            const streamed = out
              .filter(e => e.type === 'thinking.delta' && e.item_id === id)
              .map(e => (e.type === 'thinking.delta' ? e.text : ''))
              .join('');
            expect(streamed).toBe(block.thinking);
          }
        }
        const streamedText = out.map(e => (e.type === 'text.delta' ? e.text : '')).join('');
        const finalText = response.content.map(b => (b.type === 'text' ? b.text : '')).join('');
        expect(streamedText).toBe(finalText);
        const ends = out.filter(e => e.type === 'tool_call.end');
        expect(ends.map(e => e.id)).toEqual((response.tool_calls ?? []).map(call => call.id));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('never throws while pushing arbitrary events, and finish only throws typed errors', () => {
    const eventType = fc.constantFrom(
      'response.created',
      'response.output_item.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.reasoning_summary_text.delta',
      'response.function_call_arguments.delta',
      'response.output_item.done',
      'response.completed',
      'response.failed',
      'error',
    );
    const event = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        type: eventType,
        output_index: fc.oneof(fc.nat({ max: 3 }), fc.jsonValue({ maxDepth: 1 })),
        item_id: fc.oneof(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
        delta: fc.oneof(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })),
        item: fc.jsonValue({ maxDepth: 3 }),
        response: fc.jsonValue({ maxDepth: 3 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), events => {
        const accumulator = createStreamAccumulator(context);
        for (const e of events) accumulator.push(e);
        try {
          accumulator.finish();
        } catch (error) {
          expect(['StreamInterruptedError', 'ResponseFailedError']).toContain(
            (error as Error).name,
          );
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('parseResponse only throws typed errors on arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record({
            status: fc.constantFrom('completed', 'incomplete', 'failed'),
            output: fc.array(fc.jsonValue({ maxDepth: 3 })),
          }),
        ),
        payload => {
          try {
            const response = parseResponse(payload, context);
            expect(Array.isArray(response.content)).toBe(true);
          } catch (error) {
            expect(['ResponseParseError', 'ResponseFailedError']).toContain((error as Error).name);
          }
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
