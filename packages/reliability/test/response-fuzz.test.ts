/**
 * Fuzzing the response parser, the stream accumulator and the SSE path (through the provider with
 * a fake fetch): malformed and truncated payloads, missing fields, wrong types, unknown item
 * types, bad JSON arguments, huge strings. Only typed errors, never a crash or a hang; unknown
 * items kept as raw metadata; tool calls never dropped or duplicated.
 */
import { resolveConfig } from '@amplifier-azure-openai/config';
import {
  AzureOpenAIError,
  type ChatResponse,
  createAzureOpenAIProvider,
  type ProviderStreamEvent,
  ResponseFailedError,
  StreamInterruptedError,
} from '@amplifier-azure-openai/provider';
import { createStreamAccumulator, parseResponse } from '@amplifier-azure-openai/provider/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fieldPaths,
  HOSTED_ITEM_TYPES,
  type JsonObject,
  junkValue,
  outputItem,
  replaceAt,
  responseEvents,
  responseObject,
  toSse,
} from '../src/arbitraries/responses-arbitraries.js';
import { fuzzRuns } from '../src/harness/fuzz-runs.js';

const CONTEXT = { deployment: 'gpt-5', model: 'gpt-5', requestId: 'req-1' };
const KNOWN_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'custom_tool_call',
  'tool_call',
  ...HOSTED_ITEM_TYPES,
]);

/** Runs `fn`; returns its result, or the error it threw (which must be typed). */
function typedOutcome<T>(fn: () => T): { value?: T; error?: unknown } {
  try {
    return { value: fn() };
  } catch (error) {
    if (!AzureOpenAIError.isInstance(error)) {
      throw new Error(`untyped error: ${error instanceof Error ? error.stack : String(error)}`);
    }
    return { error };
  }
}

/** A mutated copy of `value`: one field replaced with junk, or one field removed. */
const mutated = (value: JsonObject) =>
  fc.tuple(fc.nat(), junkValue, fc.boolean()).map(([pick, junk, remove]) => {
    const paths = fieldPaths(value);
    const path = paths[pick % Math.max(1, paths.length)];
    if (path === undefined) return value;
    return replaceAt(value, path, remove ? undefined : junk);
  });

describe('parseResponse fuzz', () => {
  it('well-formed responses: unknown items kept raw, tool calls kept once each, in order', () => {
    fc.assert(
      fc.property(responseObject, response => {
        const parsed = parseResponse(response, CONTEXT);
        const output = response.output as JsonObject[];
        const unknown = output.filter(item => !KNOWN_TYPES.has(String(item.type)));
        expect(parsed.metadata?.unknown_output_items ?? []).toEqual(unknown);
        // Hosted tool items are reasoning blocks carrying the item, in order.
        expect(
          parsed.content.flatMap(block =>
            block.type === 'reasoning' && 'native_tool' in block ? [block.content[0]] : [],
          ),
        ).toEqual(output.filter(item => HOSTED_ITEM_TYPES.has(String(item.type))));
        const calls = output.filter(item => item.type === 'function_call');
        expect((parsed.tool_calls ?? []).map(call => call.id)).toEqual(
          calls.map(call => call.call_id),
        );
        for (const call of parsed.tool_calls ?? []) {
          const source = calls.find(item => item.call_id === call.id) as JsonObject;
          let decoded: unknown;
          try {
            decoded = JSON.parse(String(source.arguments));
          } catch {
            decoded = undefined;
          }
          const isObject =
            typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded);
          if (isObject) expect(call.arguments).toEqual(decoded);
          else if (String(source.arguments).trim() !== '') {
            // Not a JSON object: kept raw with a parse error, never dropped.
            expect(call.raw_arguments).toBe(source.arguments);
            expect(call.parse_error).toBeTruthy();
          }
        }
        const texts = output
          .filter(item => item.type === 'message')
          .flatMap(item => (item.content as JsonObject[]).map(part => part.text));
        expect(
          parsed.content.filter(block => block.type === 'text').map(block => block.text),
        ).toEqual(texts);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('mutated responses (a field removed or of the wrong type): a ChatResponse or a typed error', () => {
    fc.assert(
      fc.property(responseObject.chain(mutated), payload => {
        const outcome = typedOutcome(() => parseResponse(payload, CONTEXT));
        if (outcome.value !== undefined) expect(Array.isArray(outcome.value.content)).toBe(true);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('anything at all: a ChatResponse or a typed error', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), payload => {
        typedOutcome(() => parseResponse(payload, CONTEXT));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('huge strings (5 MB text, 5 MB arguments) parse without trouble', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const parsed = parseResponse(
      {
        id: 'resp_big',
        status: 'completed',
        output: [
          { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: big }] },
          {
            type: 'function_call',
            call_id: 'call_big',
            name: 'tool',
            arguments: JSON.stringify({ blob: big }),
          },
          { type: 'function_call', call_id: 'call_bad', name: 'tool', arguments: `{${big}` },
        ],
      },
      CONTEXT,
    );
    expect(parsed.content[0]).toMatchObject({ type: 'text', text: big });
    expect(parsed.tool_calls?.map(call => call.id)).toEqual(['call_big', 'call_bad']);
    expect(parsed.tool_calls?.[1]?.parse_error).toBeTruthy();
  });
});

/** Pushes every event, then finishes; returns what came out (push must never throw). */
function accumulate(events: readonly unknown[]) {
  const accumulator = createStreamAccumulator(CONTEXT);
  const produced: ProviderStreamEvent[] = [];
  for (const event of events) produced.push(...accumulator.push(event));
  const outcome = typedOutcome(() => accumulator.finish());
  return { produced, outcome };
}

function isTerminal(event: unknown): boolean {
  const type = (event as { type?: unknown } | null)?.type;
  return type === 'response.completed' || type === 'response.incomplete';
}

describe('stream accumulator fuzz', () => {
  it('a whole stream gives the same answer as the JSON response, tool calls announced once each', () => {
    fc.assert(
      fc.property(responseObject, response => {
        const { produced, outcome } = accumulate(responseEvents(response));
        const final = outcome.value as ChatResponse;
        expect(final).toEqual(parseResponse(response, CONTEXT));
        const ends = produced
          .filter(event => event.type === 'tool_call.end')
          .map(event => event.id);
        expect(ends).toEqual((final.tool_calls ?? []).map(call => call.id));
        expect(produced.filter(event => event.type === 'message.end')).toHaveLength(1);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('a truncated stream is never a complete answer: finish() throws StreamInterruptedError', () => {
    fc.assert(
      fc.property(responseObject, fc.nat(), (response, cut) => {
        const events = responseEvents(response);
        const truncated = events.slice(0, cut % events.length);
        const { produced, outcome } = accumulate(truncated);
        expect(StreamInterruptedError.isInstance(outcome.error), String(outcome.error)).toBe(true);
        expect(produced.some(event => event.type === 'message.end')).toBe(false);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('mutated, reordered and junk events: push never throws, finish() answers or throws a typed error', () => {
    const streams = responseObject.chain(response => {
      const events = responseEvents(response);
      return fc.array(
        fc.oneof(
          fc.constantFrom(...events),
          fc.constantFrom(...events).chain(event => mutated(event)),
          fc.anything({ maxDepth: 2 }),
        ),
        { maxLength: events.length + 5 },
      );
    });
    fc.assert(
      fc.property(streams, events => {
        const { outcome } = accumulate(events);
        if (!events.some(isTerminal) && outcome.error === undefined) {
          throw new Error('a stream without response.completed was reported as complete');
        }
        if (outcome.error !== undefined) {
          const error = outcome.error;
          expect(
            StreamInterruptedError.isInstance(error) || ResponseFailedError.isInstance(error),
            String(error),
          ).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('unknown items in a stream are kept as raw metadata', () => {
    fc.assert(
      fc.property(fc.array(outputItem, { minLength: 1, maxLength: 4 }), output => {
        const response = { id: 'resp_u', status: 'completed', output };
        const { outcome } = accumulate(responseEvents(response));
        const unknown = output.filter(item => !KNOWN_TYPES.has(String(item.type)));
        expect(outcome.value?.metadata?.unknown_output_items ?? []).toEqual(unknown);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  // Regression guards (fixed bug: accumulator work grew with untrusted indices). finalItems() in
  // provider/src/stream/stream-accumulator.ts used to loop from 0 to the largest output_index any
  // event named, so one malformed event {"output_index": 4294967294} followed by
  // response.completed blocked the event loop for minutes (synchronously: not even an abort could
  // stop it), and a large content_index / summary_index made sparse arrays that rebuild() turned
  // into one `undefined` "unknown item" per hole. It now visits only indices really received.
  // Measured without a clock: Map lookups per index, and junk items.
  it('a large output_index costs no work per skipped index', () => {
    const accumulator = createStreamAccumulator(CONTEXT);
    accumulator.push({
      type: 'response.output_text.delta',
      output_index: 100_000,
      item_id: 'x',
      delta: 'a',
    });
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
      accumulator.push({
        type: 'response.completed',
        response: { id: 'r', status: 'completed', output: [] },
      });
    } finally {
      Map.prototype.get = get;
      Map.prototype.has = has;
    }
    expect(lookups).toBeLessThan(1000);
  });

  it('a large content_index does not turn holes into unknown items', () => {
    const { outcome } = accumulate([
      { type: 'response.created', response: { id: 'r', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'm1' } },
      {
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'm1',
        content_index: 1000,
        delta: 'a',
      },
      { type: 'response.completed', response: { id: 'r', status: 'completed', output: [] } },
    ]);
    expect(outcome.value?.metadata?.unknown_output_items ?? []).toEqual([]);
  });
});

describe('SSE bytes through the provider (fake fetch, no network)', () => {
  function providerAnswering(body: () => ReadableStream<Uint8Array>) {
    return createAzureOpenAIProvider({
      config: resolveConfig(
        {
          azure_endpoint: 'https://fuzz.openai.azure.com',
          api_key: 'fuzz-key-0123456789',
          max_retries: 0,
        },
        {},
      ),
      fetch: async () =>
        new Response(body(), {
          status: 200,
          headers: { 'content-type': 'text/event-stream', 'apim-request-id': 'req-fuzz' },
        }),
    });
  }

  function chunked(bytes: Uint8Array, sizes: readonly number[]): () => ReadableStream<Uint8Array> {
    return () => {
      let offset = 0;
      let turn = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) {
            controller.close();
            return;
          }
          const size = Math.max(1, sizes[turn++ % Math.max(1, sizes.length)] ?? 64);
          controller.enqueue(bytes.slice(offset, offset + size));
          offset += size;
        },
      });
    };
  }

  async function run(body: () => ReadableStream<Uint8Array>) {
    const provider = providerAnswering(body);
    const events: ProviderStreamEvent[] = [];
    let error: unknown;
    try {
      for await (const event of provider.stream({ messages: [{ role: 'user', content: 'hi' }] })) {
        events.push(event);
      }
    } catch (thrown) {
      error = thrown;
    }
    await provider.close();
    return { events, error };
  }

  it('any chunking of a valid stream gives the same final answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        responseObject,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        async (response, sizes) => {
          const bytes = new TextEncoder().encode(toSse(responseEvents(response)));
          const { events, error } = await run(chunked(bytes, sizes));
          expect(error).toBeUndefined();
          const end = events.find(event => event.type === 'message.end');
          expect(end?.type === 'message.end' ? end.response.content : undefined).toEqual(
            parseResponse(response, CONTEXT).content,
          );
        },
      ),
      { numRuns: fuzzRuns(40) },
    );
  });

  it('truncated or corrupted SSE bytes: a typed error, never an untyped one, never a complete answer when cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        responseObject,
        fc.nat(),
        fc.oneof(
          fc.constant(''),
          fc.constant('data: {"type":"response.output_text.delta","delta":'),
          fc.constant('data: not json\n\n'),
          fc.constant('event: error\ndata: {}\n\n'),
          fc.constant('\u0000\u00ff\r\r\n'),
          fc.string({ maxLength: 30 }),
        ),
        async (response, cut, garbage) => {
          const sse = toSse(responseEvents(response));
          const at = cut % sse.length;
          const text = `${sse.slice(0, at)}${garbage}`;
          const { events, error } = await run(chunked(new TextEncoder().encode(text), [17]));
          if (error !== undefined) {
            expect(AzureOpenAIError.isInstance(error), String(error)).toBe(true);
            expect(events.some(event => event.type === 'message.end')).toBe(false);
          } else {
            // Only possible when the cut kept the terminal event.
            expect(sse.slice(0, at)).toMatch(/response\.(completed|incomplete)/);
          }
        },
      ),
      { numRuns: fuzzRuns(80) },
    );
  });
});
