/**
 * The `llm:stream_*` events of Amplifier's provider streaming contract
 * (provider-streaming-contract.md), built from the Responses API stream events.
 */

/** Emitted once per content block, before its deltas. */
export const STREAM_BLOCK_START = 'llm:stream_block_start';
/** Emitted for each non-empty text or thinking fragment. */
export const STREAM_BLOCK_DELTA = 'llm:stream_block_delta';
/** Emitted when a content block completes (synthesised for blocks still open at the end). */
export const STREAM_BLOCK_END = 'llm:stream_block_end';
/** Emitted when a stream fails after at least one delta was emitted. */
export const STREAM_ABORTED = 'llm:stream_aborted';

/** The four streaming event names, in contract order. */
export const STREAM_EVENTS: readonly string[] = Object.freeze([
  STREAM_BLOCK_START,
  STREAM_BLOCK_DELTA,
  STREAM_BLOCK_END,
  STREAM_ABORTED,
]);

/** The block types of the contract. */
export type StreamBlockType = 'text' | 'thinking' | 'tool_use';

/** One event to emit: its name and payload. */
export interface StreamBlockEmission {
  event: string;
  payload: Record<string, unknown>;
}

/**
 * Turns one call's Responses stream events into contract events. One per call: the request id is
 * shared by every event of the call, block indexes form one 0-based space across block types (in
 * the order blocks appear), and each block counts its own deltas from 0.
 */
export interface StreamBlockTracker {
  /** The call's request id (a uuid4). */
  readonly requestId: string;
  /** True once a delta was emitted (a stream that fails now gets `llm:stream_aborted`). */
  readonly partial: boolean;
  /** The contract events one Responses stream event produces (often none). */
  push(event: unknown): StreamBlockEmission[];
  /** `llm:stream_block_end` for every block still open (the stream ended). */
  finish(): StreamBlockEmission[];
  /** The `llm:stream_aborted` event for an error, or `undefined` when no delta was emitted. */
  aborted(error: unknown): StreamBlockEmission | undefined;
}

interface OpenBlock {
  index: number;
  type: StreamBlockType;
  sequence: number;
}

const TEXT_DELTAS = new Set(['response.output_text.delta', 'response.refusal.delta']);
const THINKING_DELTAS = new Set([
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
]);
const TERMINAL = new Set(['response.completed', 'response.incomplete']);

/** The contract block type of a Responses output item type, or `undefined` for no block. */
export function blockTypeOfItem(itemType: unknown): StreamBlockType | undefined {
  if (typeof itemType !== 'string') return undefined;
  if (itemType === 'message') return 'text';
  if (itemType === 'reasoning') return 'thinking';
  if (itemType === 'function_call' || itemType === 'custom_tool_call') return 'tool_use';
  // Hosted tools (web_search_call, code_interpreter_call, mcp_call, ...) are tool blocks too.
  if (itemType.endsWith('_call')) return 'tool_use';
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Creates the tracker of one call.
 *
 * @param requestId - the call's request id (a uuid4 from `crypto.randomUUID()`).
 */
export function createStreamBlockTracker(requestId: string): StreamBlockTracker {
  const open = new Map<number, OpenBlock>();
  let nextIndex = 0;
  let partial = false;

  const start = (
    outputIndex: number,
    type: StreamBlockType,
    name: unknown,
    out: StreamBlockEmission[],
  ): OpenBlock => {
    const block: OpenBlock = { index: nextIndex++, type, sequence: 0 };
    open.set(outputIndex, block);
    const payload: Record<string, unknown> = {
      request_id: requestId,
      block_index: block.index,
      block_type: type,
    };
    if (type === 'tool_use' && typeof name === 'string' && name !== '') payload.name = name;
    out.push({ event: STREAM_BLOCK_START, payload });
    return block;
  };

  const end = (outputIndex: number, block: OpenBlock, out: StreamBlockEmission[]): void => {
    open.delete(outputIndex);
    out.push({
      event: STREAM_BLOCK_END,
      payload: { request_id: requestId, block_index: block.index, block_type: block.type },
    });
  };

  return {
    requestId,
    get partial() {
      return partial;
    },
    push(raw) {
      const event = record(raw);
      const type = event?.type;
      if (event === undefined || typeof type !== 'string') return [];
      const out: StreamBlockEmission[] = [];
      const outputIndex = typeof event.output_index === 'number' ? event.output_index : 0;
      if (type === 'response.output_item.added') {
        const item = record(event.item);
        const blockType = blockTypeOfItem(item?.type);
        if (blockType !== undefined && !open.has(outputIndex)) {
          start(outputIndex, blockType, item?.name, out);
        }
      } else if (TEXT_DELTAS.has(type) || THINKING_DELTAS.has(type)) {
        const text = event.delta;
        if (typeof text !== 'string' || text === '') return out;
        // A delta whose item was never announced still gets a block (of the delta's kind).
        const block =
          open.get(outputIndex) ??
          start(outputIndex, TEXT_DELTAS.has(type) ? 'text' : 'thinking', undefined, out);
        if (block.type === 'tool_use') return out;
        out.push({
          event: STREAM_BLOCK_DELTA,
          payload: {
            request_id: requestId,
            block_index: block.index,
            block_type: block.type,
            sequence: block.sequence++,
            text,
          },
        });
        partial = true;
      } else if (type === 'response.output_item.done') {
        const block = open.get(outputIndex);
        if (block !== undefined) end(outputIndex, block, out);
      } else if (TERMINAL.has(type)) {
        for (const [index, block] of [...open]) end(index, block, out);
      }
      return out;
    },
    finish() {
      const out: StreamBlockEmission[] = [];
      for (const [index, block] of [...open]) end(index, block, out);
      return out;
    },
    aborted(error) {
      if (!partial) return undefined;
      return {
        event: STREAM_ABORTED,
        payload: {
          request_id: requestId,
          error: {
            type: error instanceof Error ? error.name : typeof error,
            msg: error instanceof Error ? error.message : String(error),
          },
        },
      };
    },
  };
}
