import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorAnswer } from './azure-errors.js';
import type { RecordedRequest } from './types.js';

/** The largest request body read (bigger bodies get 413). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Per-request state: set when the client goes away; `onClose` callbacks run then. */
export interface RequestState {
  closed: boolean;
  onClose: Array<() => void>;
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads the whole request body (or notes that it was too large). */
export function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        tooLarge
          ? 'too-large'
          : chunks.length === 1
            ? (chunks[0] as Buffer)
            : Buffer.concat(chunks),
      ),
    );
    req.on('error', reject);
  });
}

/** Sends a JSON answer with `content-length`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Sends an error answer and notes its status in the recorded request. */
export function answerError(
  res: ServerResponse,
  record: RecordedRequest | undefined,
  error: ErrorAnswer,
): void {
  if (record !== undefined) record.status = error.status;
  sendJson(res, error.status, error.body, error.headers);
}

/** Waits `ms`, tracked in `timers`; resolves early (timer cleared) when the client goes away. */
export function sleepFor(
  ms: number,
  state: RequestState,
  timers: Set<NodeJS.Timeout>,
): Promise<void> {
  return new Promise(resolve => {
    if (state.closed) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
    state.onClose.push(() => {
      clearTimeout(timer);
      timers.delete(timer);
      resolve();
    });
  });
}
