import type { FaultSchedule, InjectedFaultKind } from './fault-schedule.js';

/** A function call as it went over the wire in an answer of the emulator. */
export interface WireToolCall {
  callId: string;
  name: string;
  arguments: string;
}

/** One HTTP attempt the provider made, as the tap saw it. */
export interface WireAttempt {
  /** The request marker found in the body (see {@link WireTapOptions.markerPattern}). */
  marker: string | undefined;
  /** Whether the body asked for streaming. */
  stream: boolean;
  /** The fault injected into this attempt, if any. */
  fault: InjectedFaultKind | undefined;
  /** HTTP status (0 when the connection failed before an answer). */
  status: number;
  /** True once a complete answer was read (JSON body, or a stream up to `response.completed`). */
  completed: boolean;
  /** The function calls of the complete answer. */
  toolCalls: WireToolCall[];
  /** Settles once the copy of the answer has been read (or failed). */
  settled: Promise<void>;
}

/** Options of {@link createWireTap}. */
export interface WireTapOptions {
  /** The real fetch (default `globalThis.fetch`). */
  fetch?: typeof fetch | undefined;
  /** Decides the fault of each attempt to a Responses endpoint (default: none). */
  faults?: FaultSchedule | undefined;
  /** Finds the request marker in a body (default `/zq(\d+)/`). */
  markerPattern?: RegExp | undefined;
}

/** A `fetch` for the provider that injects emulator faults and records what went over the wire. */
export interface WireTap {
  readonly fetch: typeof fetch;
  /** Every attempt, in order. */
  readonly attempts: WireAttempt[];
  /** The attempts of one request marker. */
  attemptsFor(marker: string): WireAttempt[];
  /** Waits until every answer copy has been read. */
  settle(): Promise<void>;
}

function collectCalls(output: unknown): WireToolCall[] {
  if (!Array.isArray(output)) return [];
  const calls: WireToolCall[] = [];
  for (const item of output) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    if (record.type !== 'function_call') continue;
    calls.push({
      callId: String(record.call_id),
      name: String(record.name),
      arguments: String(record.arguments),
    });
  }
  return calls;
}

async function readAnswer(response: Response, attempt: WireAttempt): Promise<void> {
  const text = await response.text();
  if (!attempt.stream) {
    if (response.status !== 200) return;
    const body = JSON.parse(text) as Record<string, unknown>;
    attempt.toolCalls = collectCalls(body.output);
    attempt.completed = true;
    return;
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line.slice(5)) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (event.type === 'response.completed' || event.type === 'response.incomplete') {
      const body = event.response as Record<string, unknown> | undefined;
      attempt.toolCalls = collectCalls(body?.output);
      attempt.completed = true;
    }
  }
}

/**
 * Creates a wire tap. Each attempt to a `/responses` endpoint may get a fault (sent to the emulator
 * in the `x-emulator-fault` header); a copy of each answer is read on the side to learn which tool
 * calls the emulator really produced.
 */
export function createWireTap(options: WireTapOptions = {}): WireTap {
  const realFetch = options.fetch ?? globalThis.fetch;
  const pattern = options.markerPattern ?? /zq(\d+)/;
  const attempts: WireAttempt[] = [];
  const byMarker = new Map<string, WireAttempt[]>();

  const tapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/\/responses(\?|$)/.test(url)) return realFetch(input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    const marker = pattern.exec(body)?.[0];
    const stream = /"stream"\s*:\s*true/.test(body);
    const fault = options.faults?.next(stream);
    let settle: () => void = () => {};
    const attempt: WireAttempt = {
      marker,
      stream,
      fault: fault?.kind,
      status: 0,
      completed: false,
      toolCalls: [],
      settled: new Promise<void>(resolve => {
        settle = resolve;
      }),
    };
    attempts.push(attempt);
    if (marker !== undefined) {
      const list = byMarker.get(marker) ?? [];
      list.push(attempt);
      byMarker.set(marker, list);
    }
    const headers = new Headers(init?.headers);
    if (fault !== undefined) headers.set('x-emulator-fault', JSON.stringify(fault.spec));
    let response: Response;
    try {
      response = await realFetch(input, { ...init, headers });
    } catch (error) {
      settle();
      throw error;
    }
    attempt.status = response.status;
    readAnswer(response.clone(), attempt).then(settle, settle);
    return response;
  };

  return {
    fetch: tapped as typeof fetch,
    attempts,
    attemptsFor(marker) {
      return byMarker.get(marker) ?? [];
    },
    async settle() {
      await Promise.all(attempts.map(attempt => attempt.settled));
    },
  };
}
