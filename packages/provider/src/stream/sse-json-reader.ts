import { APIError } from 'openai';
import { ResponseParseError, UNEXPECTED_ANSWER_FIX } from '../response/response-parse-error.js';

/** What {@link SseJsonReader} names in its errors. */
export interface SseJsonReaderContext {
  /** The Azure deployment the stream comes from. */
  deployment: string;
  /** The model the caller asked for. */
  model: string;
  /** Azure's request id of the response. */
  requestId?: string | undefined;
}

const LINE_BREAK = /\r\n?|\n/g;
const COLON = 58;
const SPACE = 32;
const LINE_FEED = 10;

/**
 * The JSON events of a server-sent-events answer (the Responses API stream), read straight from
 * the HTTP body in one linear pass. It replaces the SDK's `Stream`, which copies the rest of its
 * buffer after every event (quadratic in the events per network chunk, so the slower the
 * consumer, the bigger the chunks and the higher the cost) and runs four nested async generators
 * per event.
 *
 * Same results as the SDK's stream for the Responses API: every `data:` payload parsed as JSON in
 * order; a payload with a top-level `error` throws the SDK's `APIError` (so errors translate the
 * same way); a payload that is not JSON throws its `SyntaxError`; `[DONE]` ends the events; an
 * abort of the request ends the iteration quietly (the caller checks its signal). As the SSE
 * standard says, an event with no `data:` line is not dispatched, and an event cut off by the end
 * of the body is discarded.
 */
export class SseJsonReader implements AsyncIterator<unknown> {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #headers: Headers;
  readonly #decoder = new TextDecoder();
  /**
   * Data of the events split from the chunks read so far and not yet returned. Each is parsed
   * when it is returned, so the first event of a big chunk is not held up by the others.
   */
  #queue: string[] = [];
  #head = 0;
  /** The start of a line that has not ended yet (pieces, joined once the line ends). */
  #partial: string[] = [];
  /** The previous chunk ended in `\r`: a `\n` starting the next one belongs to that break. */
  #skipLineFeed = false;
  #data: string[] = [];
  #sawDone = false;
  #ended = false;

  /**
   * @param response - the successful HTTP answer of a `stream: true` request.
   * @param context - deployment, model and request id for error messages.
   * @throws ResponseParseError when the answer is not an event stream (a proxy's HTML page, a
   * JSON body); an `Error` when it has no body.
   */
  constructor(response: Response, context: SseJsonReaderContext) {
    this.#headers = response.headers;
    const contentType = response.headers.get('content-type');
    if (contentType !== null && !contentType.includes('event-stream')) {
      void response.body?.cancel().catch(() => undefined);
      throw new ResponseParseError({
        message: `Azure OpenAI answered a stream request with HTTP ${response.status} (${contentType}), not an event stream.`,
        path: '',
        deployment: context.deployment,
        model: context.model,
        requestId: context.requestId,
        fix: UNEXPECTED_ANSWER_FIX,
      });
    }
    if (response.body === null) {
      throw new Error('Azure OpenAI answered the stream request with no body.');
    }
    this.#reader = response.body.getReader();
  }

  /** The next event, or `done` at the end of the stream. */
  next(): Promise<IteratorResult<unknown>> {
    if (this.#head < this.#queue.length) {
      try {
        return Promise.resolve({ value: this.#take(), done: false });
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#read();
  }

  /** Stops reading and releases the connection. Idempotent. */
  cancel(): void {
    this.#ended = true;
    this.#queue = [];
    this.#head = 0;
    void this.#reader.cancel().catch(() => undefined);
  }

  async #read(): Promise<IteratorResult<unknown>> {
    for (;;) {
      if (this.#head < this.#queue.length) return { value: this.#take(), done: false };
      this.#queue = [];
      this.#head = 0;
      if (this.#ended) return { value: undefined, done: true };
      let chunk: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
      try {
        chunk = await this.#reader.read();
      } catch (error) {
        if (isAbortError(error)) {
          this.#ended = true;
          return { value: undefined, done: true };
        }
        throw error;
      }
      if (chunk.done) {
        this.#ended = true;
        this.#feed(this.#decoder.decode());
      } else {
        this.#feed(this.#decoder.decode(chunk.value, { stream: true }));
      }
    }
  }

  /** The next queued event, parsed; a payload that is not JSON or carries an error ends the stream. */
  #take(): unknown {
    const data = this.#queue[this.#head] as string;
    this.#head += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (error) {
      this.cancel();
      throw error;
    }
    const error = (parsed as { error?: unknown } | null)?.error;
    if (error) {
      this.cancel();
      throw new APIError(undefined, error as object, undefined, this.#headers);
    }
    return parsed;
  }

  /** Splits decoded text into lines; complete lines are handled, the rest is kept. */
  #feed(text: string): void {
    let start = 0;
    if (this.#skipLineFeed && text.length > 0) {
      this.#skipLineFeed = false;
      if (text.charCodeAt(0) === LINE_FEED) start = 1;
    }
    LINE_BREAK.lastIndex = start;
    for (let match = LINE_BREAK.exec(text); match !== null; match = LINE_BREAK.exec(text)) {
      let line = text.slice(start, match.index);
      if (this.#partial.length > 0) {
        this.#partial.push(line);
        line = this.#partial.join('');
        this.#partial = [];
      }
      start = LINE_BREAK.lastIndex;
      // A `\r` at the very end may be the first half of a `\r\n` split across chunks.
      if (start === text.length && match[0] === '\r') this.#skipLineFeed = true;
      this.#line(line);
    }
    if (start < text.length) this.#partial.push(text.slice(start));
  }

  /** Handles one line. */
  #line(line: string): void {
    if (line.length === 0) {
      this.#dispatch();
      return;
    }
    if (line.charCodeAt(0) === COLON) return; // a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return; // event names, ids and retry hints are not needed
    const value =
      colon === -1
        ? ''
        : line.charCodeAt(colon + 1) === SPACE
          ? line.slice(colon + 2)
          : line.slice(colon + 1);
    this.#data.push(value);
  }

  #dispatch(): void {
    if (this.#data.length === 0) return;
    const data = this.#data.length === 1 ? (this.#data[0] as string) : this.#data.join('\n');
    this.#data = [];
    if (this.#sawDone) return;
    if (data.startsWith('[DONE]')) {
      this.#sawDone = true;
      return;
    }
    this.#queue.push(data);
  }
}

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}
