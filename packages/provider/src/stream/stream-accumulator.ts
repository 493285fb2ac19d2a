import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import { isRecord, type JsonRecord } from '../response/json-guards.js';
import {
  type MapOutputOptions,
  type MappedOutput,
  mapOutputItem,
  mapOutputItems,
} from '../response/output-items.js';
import {
  buildChatResponse,
  errorInfo,
  type ResponseParseContext,
} from '../response/parse-response.js';
import { ResponseFailedError } from '../response/response-failed-error.js';
import { UniqueCallIds } from '../response/unique-call-ids.js';
import type { ChatResponse, ProviderStreamEvent, StreamErrorInfo } from '../types.js';

/**
 * Turns Responses API stream events into Amplifier stream events and, at the end, the same
 * ChatResponse {@link parseResponse} gives for the same answer.
 */
export interface StreamAccumulator {
  /**
   * Consumes one parsed SSE event (the `data` JSON of one event, as an unknown value) and returns
   * the Amplifier events it produces (often none). Unknown or malformed events are ignored; events
   * after the end of the response are ignored.
   */
  push(event: unknown): ProviderStreamEvent[];
  /**
   * The final ChatResponse, once the stream is over.
   *
   * @throws ResponseFailedError when Azure reported `response.failed` or an `error` event.
   * @throws StreamInterruptedError when the stream ended without `response.completed` or
   * `response.incomplete`: a partial answer is never reported as complete.
   */
  finish(): ChatResponse;
  /** True once `response.completed` / `response.incomplete` arrived. */
  readonly done: boolean;
  /** The error Azure reported, once `response.failed` or an `error` event arrived. */
  readonly error: StreamErrorInfo | undefined;
  /** How many events were pushed. */
  readonly eventCount: number;
}

interface PartialItem {
  item: JsonRecord | undefined;
  /** Text per content index (message items); sparse: only indices that were received. */
  text: Map<number, string>;
  /** Arguments / input so far (call items). */
  args: string;
  /** Last summary index a delta was seen for (reasoning items). */
  summaryIndex: number;
  /** Summary texts per summary index (reasoning items); sparse: only indices that were received. */
  summary: Map<number, string>;
  /** The tool call id events use for this item (made unique within the response). */
  callId: string | undefined;
  /** The tool call id as the added item named it. */
  rawCallId: string | undefined;
  /** A `parallel` wrapper whose calls are only announced once complete. */
  deferred: boolean;
}

const NONE: ProviderStreamEvent[] = [];

/**
 * True for a usable stream index: a non-negative safe integer. Anything else (negative,
 * fractional, NaN, beyond 2^53) is malformed and treated as if the field were absent.
 */
function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A part index (`content_index` / `summary_index`): the field when it is an index, else 0. */
function partIndex(value: unknown): number {
  return isIndex(value) ? value : 0;
}

/** The keys of a sparse index map in ascending order: work grows with entries, not values. */
function sortedKeys(map: ReadonlyMap<number, unknown>): number[] {
  return [...map.keys()].sort((a, b) => a - b);
}

/**
 * Creates an accumulator for one streamed response. Pure bookkeeping, no I/O:
 *
 * ```ts
 * const acc = createStreamAccumulator({ deployment, model, requestId });
 * for await (const event of sdkStream) for (const out of acc.push(event)) yield out;
 * const response = acc.finish(); // throws StreamInterruptedError / ResponseFailedError
 * ```
 *
 * Produces `message.start` (once the response id is known), `text.delta`, `thinking.delta`
 * (reasoning summary text; parts after the first start with a blank line, so the concatenated
 * deltas equal the final thinking text), `tool_call.start` / `tool_call.delta`, `tool_call.end`
 * once a call's arguments are complete (decoded; invalid JSON kept raw with `parse_error`;
 * `parallel` wrappers unwrapped), `error` for `response.failed` / `error` events, and
 * `message.end` with the final ChatResponse.
 */
export function createStreamAccumulator(context: ResponseParseContext): StreamAccumulator {
  const options: MapOutputOptions = { toolNames: context.toolNames };
  const partial = new Map<number, PartialItem>();
  const byItemId = new Map<string, number>();
  const doneItems = new Map<number, unknown>();
  const callIds = new UniqueCallIds();
  let response: JsonRecord | undefined;
  let started = false;
  let final: ChatResponse | undefined;
  let failure: StreamErrorInfo | undefined;
  let count = 0;

  const stateFor = (index: number): PartialItem => {
    let state = partial.get(index);
    if (state === undefined) {
      state = {
        item: undefined,
        text: new Map(),
        args: '',
        summaryIndex: -1,
        summary: new Map(),
        callId: undefined,
        rawCallId: undefined,
        deferred: false,
      };
      partial.set(index, state);
    }
    return state;
  };

  /** The output index an event refers to (`output_index`, else by `item_id`). */
  const indexOf = (event: JsonRecord): number | undefined => {
    if (isIndex(event.output_index)) return event.output_index;
    if (typeof event.item_id === 'string') return byItemId.get(event.item_id);
    return undefined;
  };

  const noteResponse = (value: unknown, out: ProviderStreamEvent[]): void => {
    if (!isRecord(value)) return;
    response = value;
    if (!started && typeof value.id === 'string') {
      started = true;
      out.push(
        typeof value.model === 'string'
          ? { type: 'message.start', id: value.id, model: value.model }
          : { type: 'message.start', id: value.id },
      );
    }
  };

  const itemAdded = (event: JsonRecord, out: ProviderStreamEvent[]): void => {
    const item = event.item;
    const index = isIndex(event.output_index) ? event.output_index : undefined;
    if (!isRecord(item) || index === undefined) return;
    const state = stateFor(index);
    state.item = item;
    if (typeof item.id === 'string') byItemId.set(item.id, index);
    if (
      item.type === 'function_call' ||
      item.type === 'custom_tool_call' ||
      item.type === 'tool_call'
    ) {
      const id =
        typeof item.call_id === 'string' && item.call_id !== ''
          ? item.call_id
          : typeof item.id === 'string'
            ? item.id
            : `call_output_${index}`;
      state.rawCallId = id;
      state.callId = callIds.claim(id);
      const name = typeof item.name === 'string' ? item.name : '';
      if (name === 'parallel' && !context.toolNames?.has('parallel')) {
        state.deferred = true;
        return;
      }
      out.push({ type: 'tool_call.start', id: state.callId, name });
    }
  };

  const argumentsDelta = (event: JsonRecord, out: ProviderStreamEvent[]): void => {
    const index = indexOf(event);
    if (index === undefined || typeof event.delta !== 'string') return;
    const state = stateFor(index);
    state.args += event.delta;
    if (state.deferred) return;
    const id = state.callId ?? (typeof event.item_id === 'string' ? event.item_id : undefined);
    if (id === undefined || event.delta === '') return;
    out.push({ type: 'tool_call.delta', id, arguments_fragment: event.delta });
  };

  const textDelta = (event: JsonRecord, out: ProviderStreamEvent[]): void => {
    const index = indexOf(event);
    if (typeof event.delta !== 'string' || event.delta === '') return;
    if (index !== undefined) {
      const state = stateFor(index);
      const part = partIndex(event.content_index);
      state.text.set(part, (state.text.get(part) ?? '') + event.delta);
    }
    out.push(
      typeof event.item_id === 'string'
        ? { type: 'text.delta', text: event.delta, item_id: event.item_id }
        : { type: 'text.delta', text: event.delta },
    );
  };

  const summaryDelta = (event: JsonRecord, out: ProviderStreamEvent[]): void => {
    const index = indexOf(event);
    if (typeof event.delta !== 'string' || event.delta === '') return;
    const summaryIndex = partIndex(event.summary_index);
    let text = event.delta;
    if (index !== undefined) {
      const state = stateFor(index);
      if (summaryIndex !== state.summaryIndex) {
        if (state.summaryIndex >= 0 || summaryIndex > 0) text = `\n\n${text}`;
        state.summaryIndex = summaryIndex;
      }
      state.summary.set(summaryIndex, (state.summary.get(summaryIndex) ?? '') + event.delta);
    }
    out.push(
      typeof event.item_id === 'string'
        ? { type: 'thinking.delta', text, item_id: event.item_id }
        : { type: 'thinking.delta', text },
    );
  };

  /** `*.done` of a text or summary part whose deltas never came: stream the whole text once. */
  const textDone = (event: JsonRecord, out: ProviderStreamEvent[], summary: boolean): void => {
    const index = indexOf(event);
    const text = event.text;
    if (index === undefined || typeof text !== 'string' || text === '') return;
    const state = stateFor(index);
    const part = partIndex(summary ? event.summary_index : event.content_index);
    const seen = (summary ? state.summary : state.text).get(part);
    if (seen !== undefined && seen !== '') return;
    if (summary) summaryDelta({ ...event, delta: text }, out);
    else textDelta({ ...event, delta: text }, out);
  };

  const itemDone = (event: JsonRecord, out: ProviderStreamEvent[]): void => {
    const item = event.item;
    const index = isIndex(event.output_index) ? event.output_index : undefined;
    if (index === undefined) return;
    doneItems.set(index, item);
    if (!isRecord(item)) return;
    if (typeof item.id === 'string') byItemId.set(item.id, index);
    if (
      item.type !== 'function_call' &&
      item.type !== 'custom_tool_call' &&
      item.type !== 'tool_call'
    ) {
      return;
    }
    const state = partial.get(index);
    const mapped: MappedOutput = {
      content: [],
      toolCalls: [],
      unknownItems: [],
      parallelUnwrapped: false,
      refusals: [],
      annotations: [],
    };
    mapOutputItem(item, index, mapped, options);
    // The ids were claimed when the item was added (announced); otherwise claim them now, in
    // output order like the final mapping, so events and the final response name the same ids.
    const announced =
      state !== undefined && !state.deferred && state.callId !== undefined
        ? state.callId
        : undefined;
    for (const call of mapped.toolCalls) {
      if (
        announced !== undefined &&
        mapped.toolCalls.length === 1 &&
        state?.rawCallId === call.id
      ) {
        call.id = announced;
      } else {
        call.id = callIds.claim(call.id);
        out.push({ type: 'tool_call.start', id: call.id, name: call.name });
      }
      const end: ProviderStreamEvent = {
        type: 'tool_call.end',
        id: call.id,
        name: call.name,
        arguments: call.arguments,
      };
      if (call.raw_arguments !== undefined) end.raw_arguments = call.raw_arguments;
      if (call.parse_error !== undefined) end.parse_error = call.parse_error;
      out.push(end);
    }
  };

  /**
   * The output items of the finished response, in output order: per index, the done item, else the
   * final list's item, else the item rebuilt from its deltas. Only indices that were really
   * received are visited (a gap costs nothing, however large), so one malformed event naming an
   * absurd `output_index` cannot make this loop for billions of steps.
   */
  const finalItems = (finalOutput: readonly unknown[]): unknown[] => {
    const items: unknown[] = [];
    const take = (index: number): void => {
      if (doneItems.has(index)) items.push(doneItems.get(index));
      else if (index < finalOutput.length) items.push(finalOutput[index]);
      else {
        const state = partial.get(index);
        if (state?.item !== undefined) items.push(rebuild(state));
      }
    };
    // Indices past the final list, that only done or streamed items name, in ascending order.
    const beyond = new Set<number>();
    for (const index of doneItems.keys()) if (index >= finalOutput.length) beyond.add(index);
    for (const [index, state] of partial) {
      if (index >= finalOutput.length && state.item !== undefined) beyond.add(index);
    }
    for (let index = 0; index < finalOutput.length; index++) take(index);
    for (const index of [...beyond].sort((a, b) => a - b)) take(index);
    return items;
  };

  const complete = (event: JsonRecord, out: ProviderStreamEvent[]): void => {
    const value = isRecord(event.response) ? event.response : (response ?? {});
    noteResponse(value, out);
    const items = finalItems(Array.isArray(value.output) ? value.output : []);
    final = buildChatResponse(value, mapOutputItems(items, options), context);
    out.push(
      final.usage === undefined
        ? { type: 'message.end', response: final }
        : { type: 'message.end', response: final, usage: final.usage },
    );
  };

  const fail = (error: StreamErrorInfo, out: ProviderStreamEvent[]): void => {
    failure = error;
    out.push({ type: 'error', error });
  };

  return {
    push(event: unknown): ProviderStreamEvent[] {
      count++;
      if (final !== undefined || failure !== undefined || !isRecord(event)) return NONE;
      const out: ProviderStreamEvent[] = [];
      switch (event.type) {
        case 'response.created':
        case 'response.in_progress':
        case 'response.queued':
          noteResponse(event.response, out);
          break;
        case 'response.output_item.added':
          itemAdded(event, out);
          break;
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          textDelta(event, out);
          break;
        case 'response.reasoning_summary_text.delta':
          summaryDelta(event, out);
          break;
        case 'response.output_text.done':
          textDone(event, out, false);
          break;
        case 'response.reasoning_summary_text.done':
          textDone(event, out, true);
          break;
        case 'response.function_call_arguments.delta':
        case 'response.custom_tool_call_input.delta':
          argumentsDelta(event, out);
          break;
        case 'response.output_item.done':
          itemDone(event, out);
          break;
        case 'response.completed':
        case 'response.incomplete':
          complete(event, out);
          break;
        case 'response.failed': {
          const value = isRecord(event.response) ? event.response : {};
          const id = typeof value.id === 'string' ? value.id : undefined;
          fail(errorInfo(value.error, id, 'failed'), out);
          break;
        }
        case 'error': {
          const id = typeof response?.id === 'string' ? response.id : undefined;
          const source = isRecord(event.error)
            ? event.error
            : { code: event.code, message: event.message, param: event.param };
          fail(errorInfo(source, id), out);
          break;
        }
        default:
          return NONE;
      }
      return out.length === 0 ? NONE : out;
    },
    finish(): ChatResponse {
      if (failure !== undefined) {
        throw new ResponseFailedError({
          error: failure,
          deployment: context.deployment,
          model: context.model,
          requestId: context.requestId,
        });
      }
      if (final === undefined) {
        const id = typeof response?.id === 'string' ? ` ${response.id}` : '';
        throw new StreamInterruptedError({
          message: `The Azure OpenAI stream for response${id} ended before the response was complete (no response.completed after ${count} events); the partial answer was discarded.`,
          receivedEvents: count,
          deployment: context.deployment,
          model: context.model,
          requestId: context.requestId,
          fix: 'Retry the request; if it keeps happening, check proxies or load balancers that cut long-lived connections.',
        });
      }
      return final;
    },
    get done(): boolean {
      return final !== undefined;
    },
    get error(): StreamErrorInfo | undefined {
      return failure;
    },
    get eventCount(): number {
      return count;
    },
  };
}

/**
 * An output item rebuilt from deltas, for an item whose `output_item.done` never came. Content
 * and summary parts come in index order; indices no delta named are skipped (never turned into
 * empty or unknown parts).
 */
function rebuild(state: PartialItem): JsonRecord {
  const item = state.item as JsonRecord;
  switch (item.type) {
    case 'message':
      return {
        ...item,
        content: sortedKeys(state.text).map(part => ({
          type: 'output_text',
          text: state.text.get(part) ?? '',
          annotations: [],
        })),
      };
    case 'function_call':
      return { ...item, arguments: state.args };
    case 'custom_tool_call':
      return { ...item, input: state.args };
    case 'reasoning':
      return {
        ...item,
        summary: sortedKeys(state.summary).map(part => ({
          type: 'summary_text',
          text: state.summary.get(part) ?? '',
        })),
      };
    default:
      return item;
  }
}
