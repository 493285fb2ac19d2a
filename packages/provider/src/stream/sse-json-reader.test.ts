import fc from 'fast-check';
import { APIError } from 'openai';
import { Stream } from 'openai/streaming';
import { describe, expect, it } from 'vitest';
import { ResponseParseError } from '../response/response-parse-error.js';
import { SseJsonReader } from './sse-json-reader.js';

const context = { deployment: 'dep', model: 'gpt-4o', requestId: 'req-1' };
const encoder = new TextEncoder();

/** A streaming HTTP answer whose body arrives in exactly these chunks. */
function sseResponse(chunks: readonly (string | Uint8Array)[], contentType = 'text/event-stream') {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': contentType } });
}

async function readAll(reader: AsyncIterator<unknown>): Promise<unknown[]> {
  const events: unknown[] = [];
  for (let next = await reader.next(); !next.done; next = await reader.next()) {
    events.push(next.value);
  }
  return events;
}

/** What the SDK's own stream yields for the same bytes (the reference behaviour). */
async function sdkEvents(chunks: readonly (string | Uint8Array)[]): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of Stream.fromSSEResponse(sseResponse(chunks), new AbortController())) {
    events.push(event);
  }
  return events;
}

/** Splits `text` at the given fractions, as byte chunks (so multi-byte characters can split). */
function splitBytes(text: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  const points = [...new Set(cuts.map(c => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    if (point > start) chunks.push(bytes.slice(start, point));
    start = Math.max(start, point);
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

/** `data:` lines of a payload: one line, or one per line of its pretty-printed JSON. */
function dataLines(data: unknown, multiLine: boolean, eol: string): string {
  const json = multiLine ? JSON.stringify(data, null, 1) : JSON.stringify(data);
  return json
    .split('\n')
    .map(line => `data: ${line}`)
    .join(eol);
}

describe('SseJsonReader', () => {
  it('yields each data payload as JSON, in order, and skips comments, event names and ids', async () => {
    const reader = new SseJsonReader(
      sseResponse([
        ': keep-alive\n\n',
        'event: response.created\nid: 1\ndata: {"type":"response.created"}\n\n',
        'event: response.output_text.delta\r\ndata: {"type":"delta","delta":"h\\u00e9"}\r\n\r\n',
      ]),
      context,
    );
    expect(await readAll(reader)).toEqual([
      { type: 'response.created' },
      { type: 'delta', delta: 'hé' },
    ]);
  });

  it('joins multi-line data with newlines and drops one leading space only', async () => {
    const reader = new SseJsonReader(
      sseResponse(['data: {"a":\ndata:  1}\n\n', 'data:{"b":2}\n\n']),
      context,
    );
    expect(await readAll(reader)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('handles \\r\\n split across chunks and a multi-byte character split across chunks', async () => {
    const bytes = encoder.encode('data: {"t":"ü"}\r\n\r\ndata: {"t":2}\r\n\r\n');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of ü
    const crlf = bytes.indexOf(0x0d) + 1; // between \r and \n
    const reader = new SseJsonReader(
      sseResponse([bytes.slice(0, split), bytes.slice(split, crlf), bytes.slice(crlf)]),
      context,
    );
    expect(await readAll(reader)).toEqual([{ t: 'ü' }, { t: 2 }]);
  });

  it('ends at [DONE], does not dispatch an event without data, and discards a cut-off event', async () => {
    const reader = new SseJsonReader(
      sseResponse([
        'event: ping\n\n',
        'data: {"n":1}\n\n',
        'data: [DONE]\n\n',
        'data: {"n":2}\n\n',
      ]),
      context,
    );
    expect(await readAll(reader)).toEqual([{ n: 1 }]);
    const cut = new SseJsonReader(sseResponse(['data: {"n":1}\n\ndata: {"n":2}\n']), context);
    expect(await readAll(cut)).toEqual([{ n: 1 }]);
  });

  it('returns the events before a payload that is not JSON, then throws its SyntaxError', async () => {
    const reader = new SseJsonReader(
      sseResponse(['data: {"n":1}\n\ndata: {"n":\n\ndata: {"n":3}\n\n']),
      context,
    );
    await expect(reader.next()).resolves.toEqual({ value: { n: 1 }, done: false });
    await expect(reader.next()).rejects.toBeInstanceOf(SyntaxError);
    await expect(reader.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("throws the SDK's APIError for a payload with a top-level error, like the SDK", async () => {
    const reader = new SseJsonReader(
      sseResponse([
        'data: {"n":1}\n\n',
        'data: {"error":{"code":"server_error","message":"boom"}}\n\n',
      ]),
      context,
    );
    await expect(reader.next()).resolves.toEqual({ value: { n: 1 }, done: false });
    const error = await reader.next().catch(e => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe('server_error');
  });

  it('refuses an answer that is not an event stream, naming its content type', () => {
    let thrown: unknown;
    try {
      new SseJsonReader(sseResponse(['<html>login</html>'], 'text/html'), context);
    } catch (error) {
      thrown = error;
    }
    expect(ResponseParseError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain('(text/html), not an event stream');
    expect((thrown as ResponseParseError).requestId).toBe('req-1');
  });

  it('ends quietly when the request is aborted, and cancel() stops it for good', async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(encoder.encode('data: {"n":1}\n\n'));
        controller.signal.addEventListener('abort', () =>
          stream.error(new DOMException('aborted', 'AbortError')),
        );
      },
    });
    const reader = new SseJsonReader(
      new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
      context,
    );
    await expect(reader.next()).resolves.toEqual({ value: { n: 1 }, done: false });
    const pending = reader.next();
    controller.abort();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });

    const open = new SseJsonReader(sseResponse(['data: {"n":1}\n\ndata: {"n":2}\n\n']), context);
    open.cancel();
    await expect(open.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('yields what the SDK stream yields for any events, line endings and chunking', async () => {
    const payload = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()),
      { maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            data: payload,
            comment: fc.boolean(),
            name: fc.boolean(),
            lines: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.oneof(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
          fc.constant('every-byte' as const),
        ),
        async (events, eol, cuts) => {
          const text = events
            .map(
              e =>
                `${e.comment ? `: note${eol}` : ''}${e.name ? `event: response.x${eol}` : ''}${dataLines(e.data, e.lines, eol)}${eol}${eol}`,
            )
            .join('');
          const chunks =
            cuts === 'every-byte'
              ? [...encoder.encode(text)].map(byte => Uint8Array.of(byte))
              : splitBytes(text, cuts);
          const ours = await readAll(new SseJsonReader(sseResponse(chunks), context));
          expect(ours).toEqual(events.map(e => e.data));
          expect(ours).toEqual(await sdkEvents(chunks));
        },
      ),
      { numRuns: 300 },
    );
  });
});
