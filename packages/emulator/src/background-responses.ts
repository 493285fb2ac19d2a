import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './authenticate.js';
import type { ErrorAnswer } from './azure-errors.js';
import { invalidRequest, methodNotAllowed, missingApiVersion } from './azure-errors.js';
import type { EmulatorContext } from './emulator-context.js';
import { answerError, sendJson } from './http-io.js';
import { maskHeaders } from './recorder.js';
import type { ResponseObject } from './response-builder.js';
import type { BackgroundFailure, BackgroundResponseInfo, BackgroundStatus } from './types.js';

/** The default number of polls a background response answers before its final status. */
export const DEFAULT_BACKGROUND_POLLS = 2;

/** `/openai/v1/responses/{id}` and `/openai/responses/{id}`, with an optional `/cancel`. */
const BACKGROUND_PATH = /^\/openai(\/v1)?\/responses\/([^/]+?)(\/cancel)?$/;

interface Entry {
  final: ResponseObject;
  deployment: string;
  status: BackgroundStatus;
  /** The poll (1-based) that sees the final status. */
  finishAfter: number;
  polls: number;
  cancelRequests: number;
  failure: BackgroundFailure | undefined;
}

/**
 * The background responses of one emulator (`background: true`): created `queued`, answered
 * `in_progress` by the first polls and done at the `finishAfter`-th poll (deterministic, no
 * clock), cancellable while queued or in progress.
 */
export class BackgroundResponses {
  readonly #entries = new Map<string, Entry>();

  /** Registers a finished answer as a background response; returns the `queued` snapshot. */
  start(
    final: ResponseObject,
    deployment: string,
    finishAfter: number,
    failure: BackgroundFailure | undefined,
  ): ResponseObject {
    this.#entries.set(final.id, {
      final: { ...final, background: true },
      deployment,
      status: 'queued',
      finishAfter,
      polls: 0,
      cancelRequests: 0,
      failure,
    });
    return this.#snapshot(final.id);
  }

  /** One poll: advances the response and returns what Azure would answer now. */
  poll(id: string): ResponseObject | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    entry.polls += 1;
    if (entry.status === 'queued' || entry.status === 'in_progress') {
      entry.status =
        entry.polls >= entry.finishAfter
          ? entry.failure !== undefined
            ? 'failed'
            : (entry.final.status as BackgroundStatus)
          : 'in_progress';
    }
    return this.#snapshot(id);
  }

  /** Cancels a queued or in-progress response; a cancelled one is answered again (idempotent). */
  cancel(id: string): ResponseObject | ErrorAnswer | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    entry.cancelRequests += 1;
    if (entry.status === 'queued' || entry.status === 'in_progress') entry.status = 'cancelled';
    else if (entry.status !== 'cancelled') {
      return invalidRequest(
        `Cannot cancel a response with status '${entry.status}': only queued or in-progress background responses can be cancelled.`,
        null,
        'invalid_response_status',
      );
    }
    return this.#snapshot(id);
  }

  /** What each background response did, oldest first. */
  list(): BackgroundResponseInfo[] {
    return [...this.#entries].map(([id, entry]) => ({
      id,
      deployment: entry.deployment,
      status: entry.status,
      polls: entry.polls,
      cancelRequests: entry.cancelRequests,
    }));
  }

  /** Forgets every background response. */
  clear(): void {
    this.#entries.clear();
  }

  #snapshot(id: string): ResponseObject {
    const entry = this.#entries.get(id) as Entry;
    const { final, status } = entry;
    if (status === 'completed' || status === 'incomplete') return { ...final };
    const base = {
      ...final,
      status,
      completed_at: null,
      content_filters: null,
      incomplete_details: null,
      output: [],
      usage: null,
    } as unknown as ResponseObject;
    if (status === 'failed') {
      const failure = entry.failure as BackgroundFailure;
      return { ...base, error: { code: failure.code, message: failure.message } };
    }
    return base;
  }
}

/** 404 for a response id the resource does not know, as Azure answers it. */
export function responseNotFound(id: string): ErrorAnswer {
  return {
    status: 404,
    body: {
      error: {
        message: `Response with id '${id}' not found.`,
        type: 'invalid_request_error',
        param: 'response_id',
        code: null,
      },
    },
  };
}

/** Whether `path` is a retrieve or cancel path of a response. */
export function isBackgroundPath(path: string): boolean {
  return BACKGROUND_PATH.test(path);
}

/**
 * Serves `GET /openai[/v1]/responses/{id}` (retrieve: one poll) and
 * `POST /openai[/v1]/responses/{id}/cancel`, with the resource's auth and, on the dated surface,
 * its `api-version` check.
 */
export async function handleBackgroundRoute(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: Record<string, string>,
  requestId: string,
  viaGateway: boolean,
): Promise<void> {
  req.resume();
  const match = BACKGROUND_PATH.exec(path) as RegExpExecArray;
  const surface = match[1] === undefined ? 'dated' : 'v1';
  const id = decodeURIComponent(match[2] ?? '');
  const cancel = match[3] !== undefined;
  const record = ctx.recorder.add({
    method: req.method ?? 'GET',
    path,
    query,
    headers: maskHeaders(req.headers),
    body: undefined,
    surface,
    auth: 'none',
    timestamp: ctx.now(),
    status: 0,
    faults: [],
    requestId,
    stream: false,
  });
  const expected = cancel ? 'POST' : 'GET';
  if (req.method !== expected) return answerError(res, record, methodNotAllowed(req.method ?? ''));
  if (surface === 'dated' && (query['api-version'] ?? '') === '') {
    return answerError(res, record, missingApiVersion());
  }
  const auth =
    viaGateway && req.headers['api-key'] === undefined && req.headers.authorization === undefined
      ? { method: 'apim-subscription-key' as const }
      : authenticate(ctx, req, surface);
  record.auth = auth.method;
  record.clientId = auth.clientId;
  if (auth.error !== undefined) return answerError(res, record, auth.error);
  const answer = cancel ? ctx.background.cancel(id) : ctx.background.poll(id);
  if (answer === undefined) return answerError(res, record, responseNotFound(id));
  if ('status' in answer && typeof answer.status === 'number') {
    return answerError(res, record, answer as ErrorAnswer);
  }
  record.status = 200;
  sendJson(res, 200, answer);
}
