import type { ContentBlock, ThinkingBlock, ToolCall, ToolCallBlock } from '../types.js';
import { decodeArguments } from './decode-arguments.js';
import { isRecord, type JsonRecord } from './json-guards.js';
import { nativeToolBlock } from './native-tool-items.js';
import { UniqueCallIds } from './unique-call-ids.js';

/** What the output items of one response map to. */
export interface MappedOutput {
  /** Content blocks in output order. */
  content: ContentBlock[];
  /** Tool calls in output order (also present as `tool_call` blocks in `content`). */
  toolCalls: ToolCall[];
  /** Items this provider does not map, kept raw (never dropped). */
  unknownItems: unknown[];
  /** A `parallel` wrapper call was unwrapped into separate calls with synthesised ids. */
  parallelUnwrapped: boolean;
  /** Refusal texts, when the model refused. */
  refusals: string[];
  /** Non-empty `output_text` annotations (citations), by message item id. */
  annotations: Array<{ item_id: string | undefined; annotations: unknown[] }>;
  /**
   * When set, tool call ids are made unique through it (a repeated id gets `_2`, `_3`, ...; see
   * {@link UniqueCallIds}); {@link mapOutputItems} always sets one.
   */
  callIds?: UniqueCallIds | undefined;
}

/** Options of {@link mapOutputItems}. */
export interface MapOutputOptions {
  /**
   * The names of the tools the request offered. When it includes `parallel`, a `parallel` call is
   * a real tool call and is not unwrapped.
   */
  toolNames?: ReadonlySet<string> | undefined;
}

/** The prefix of `recipient_name` in a `parallel` wrapper's `tool_uses`. */
const FUNCTIONS_PREFIX = 'functions.';

/**
 * Maps Responses output items to Amplifier content blocks and tool calls, in order:
 * - `message` -> one `text` block per `output_text` part (with `item_id`); refusals become text
 *   too and are listed in `refusals`;
 * - `reasoning` -> a `thinking` block: `thinking` is the summary text, `content` is
 *   `[encrypted_content, item id]` (plus the id of the item that followed it, when one did),
 *   `summary` the summary parts;
 * - `function_call` / `tool_call` -> a tool call with decoded arguments (invalid JSON keeps the raw
 *   text and a `parse_error`); a `parallel` wrapper is unwrapped;
 * - `custom_tool_call` -> a tool call with `arguments: { input }` and `tool_type: 'custom'`;
 * - a hosted tool item (`web_search_call`, `code_interpreter_call`, `mcp_call`, ...) -> a
 *   `reasoning` block carrying the raw item (`NativeToolBlock`) (no tool call: the service ran the tool);
 * - anything else -> `unknownItems`.
 *
 * Tool call blocks keep the output item id (`fc_...`) as `item_id`, and a tool call id repeated
 * within the response is made unique (`<id>_2`, ...), so every result pairs with one call.
 */
export function mapOutputItems(
  items: readonly unknown[],
  options: MapOutputOptions = {},
): MappedOutput {
  const out: MappedOutput = {
    content: [],
    toolCalls: [],
    unknownItems: [],
    parallelUnwrapped: false,
    refusals: [],
    annotations: [],
    callIds: new UniqueCallIds(),
  };
  for (let index = 0; index < items.length; index++) {
    mapOutputItem(items[index], index, out, options);
  }
  noteReasoningFollowers(items, out.content);
  return out;
}

/**
 * Appends to each reasoning item's thinking block the id of the item that followed it in the
 * output: `content` becomes `[encrypted_content, reasoning id, follower id]`. Blocks lose vendor
 * fields on some bridges (gRPC typed blocks have no `item_id`), but thinking `content` travels as
 * JSON everywhere, so the request mapping can still send the reasoning item with its follower.
 */
function noteReasoningFollowers(items: readonly unknown[], content: ContentBlock[]): void {
  let blocks: Map<string, ThinkingBlock> | undefined;
  for (let index = 0; index + 1 < items.length; index++) {
    const item = items[index];
    const next = items[index + 1];
    if (!isRecord(item) || item.type !== 'reasoning' || typeof item.id !== 'string') continue;
    if (!isRecord(next) || typeof next.id !== 'string' || next.id === '') continue;
    if (blocks === undefined) {
      blocks = new Map();
      for (const block of content) {
        if (block.type === 'thinking' && Array.isArray(block.content)) {
          const id = block.content[1];
          if (typeof id === 'string') blocks.set(id, block);
        }
      }
    }
    const block = blocks.get(item.id);
    if (block !== undefined && Array.isArray(block.content) && block.content.length === 2) {
      block.content = [...block.content, next.id];
    }
  }
}

/** Maps one output item into `out` (see {@link mapOutputItems}). */
export function mapOutputItem(
  item: unknown,
  index: number,
  out: MappedOutput,
  options: MapOutputOptions,
): void {
  if (!isRecord(item)) {
    out.unknownItems.push(item);
    return;
  }
  switch (item.type) {
    case 'message':
      if (!mapMessage(item, out)) out.unknownItems.push(item);
      return;
    case 'reasoning':
      out.content.push(thinkingBlock(item));
      return;
    case 'function_call':
    case 'tool_call':
      mapFunctionCall(item, index, out, options);
      return;
    case 'custom_tool_call':
      mapCustomToolCall(item, index, out);
      return;
    default: {
      const native = nativeToolBlock(item);
      if (native !== undefined) out.content.push(native);
      else out.unknownItems.push(item);
    }
  }
}

function mapMessage(item: JsonRecord, out: MappedOutput): boolean {
  if (!Array.isArray(item.content)) return false;
  const itemId = typeof item.id === 'string' ? item.id : undefined;
  for (const part of item.content) {
    if (!isRecord(part)) {
      out.unknownItems.push(part);
      continue;
    }
    if (part.type === 'output_text' && typeof part.text === 'string') {
      out.content.push(
        itemId === undefined
          ? { type: 'text', text: part.text }
          : { type: 'text', text: part.text, item_id: itemId },
      );
      if (Array.isArray(part.annotations) && part.annotations.length > 0) {
        out.annotations.push({ item_id: itemId, annotations: part.annotations });
      }
    } else if (part.type === 'refusal' && typeof part.refusal === 'string') {
      out.content.push(
        itemId === undefined
          ? { type: 'text', text: part.refusal }
          : { type: 'text', text: part.refusal, item_id: itemId },
      );
      out.refusals.push(part.refusal);
    } else {
      out.unknownItems.push(part);
    }
  }
  return true;
}

function texts(list: unknown): string[] {
  const result: string[] = [];
  if (!Array.isArray(list)) return result;
  for (const part of list) {
    if (isRecord(part) && typeof part.text === 'string') result.push(part.text);
  }
  return result;
}

/** The thinking block of a Responses reasoning item. */
export function thinkingBlock(item: JsonRecord): ThinkingBlock {
  const summary = texts(item.summary);
  const block: ThinkingBlock = {
    type: 'thinking',
    thinking: summary.join('\n\n'),
    content: [
      typeof item.encrypted_content === 'string' ? item.encrypted_content : null,
      typeof item.id === 'string' ? item.id : null,
    ],
    summary,
    visibility: 'internal',
  };
  const reasoningContent = texts(item.content);
  if (reasoningContent.length > 0) block.reasoning_content = reasoningContent;
  return block;
}

function callId(item: JsonRecord, index: number): string {
  if (typeof item.call_id === 'string' && item.call_id !== '') return item.call_id;
  if (typeof item.id === 'string' && item.id !== '') return item.id;
  return `call_output_${index}`;
}

/** The output item id of a call item that also has a `call_id` (`fc_...`), else undefined. */
function callItemId(item: JsonRecord): string | undefined {
  return typeof item.id === 'string' &&
    item.id !== '' &&
    typeof item.call_id === 'string' &&
    item.call_id !== '' &&
    item.id !== item.call_id
    ? item.id
    : undefined;
}

function pushCall(out: MappedOutput, call: ToolCall, itemId?: string): void {
  if (out.callIds !== undefined) call.id = out.callIds.claim(call.id);
  out.toolCalls.push(call);
  const block: ToolCallBlock = {
    type: 'tool_call',
    id: call.id,
    name: call.name,
    input: call.arguments,
  };
  if (call.raw_arguments !== undefined) block.raw_arguments = call.raw_arguments;
  if (call.parse_error !== undefined) block.parse_error = call.parse_error;
  if (call.tool_type !== undefined) block.tool_type = call.tool_type;
  if (itemId !== undefined) block.item_id = itemId;
  out.content.push(block);
}

/** Decoded arguments of a call item: a JSON string, or (for `tool_call` payloads) an object. */
function callArguments(
  value: unknown,
): Pick<ToolCall, 'arguments' | 'raw_arguments' | 'parse_error'> {
  if (isRecord(value)) return { arguments: value };
  if (value === undefined || value === null) return { arguments: {} };
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const decoded = decodeArguments(raw);
  if (decoded.error === undefined) return { arguments: decoded.value };
  return { arguments: decoded.value, raw_arguments: raw, parse_error: decoded.error };
}

function mapFunctionCall(
  item: JsonRecord,
  index: number,
  out: MappedOutput,
  options: MapOutputOptions,
): void {
  const id = callId(item, index);
  const name = typeof item.name === 'string' ? item.name : '';
  // Same result as `{ id, name, ...callArguments(item.arguments) }`, without the intermediate
  // object and the spread (this runs for every tool call of every response).
  const value = item.arguments;
  let call: ToolCall;
  if (typeof value === 'string') {
    const decoded = decodeArguments(value);
    call = { id, name, arguments: decoded.value };
    if (decoded.error !== undefined) {
      call.raw_arguments = value;
      call.parse_error = decoded.error;
    }
  } else {
    call = { id, name, ...callArguments(value) };
  }
  if (
    name === 'parallel' &&
    call.parse_error === undefined &&
    !options.toolNames?.has('parallel')
  ) {
    const unwrapped = unwrapParallel(id, call.arguments);
    if (unwrapped !== undefined) {
      for (const unwrappedCall of unwrapped) pushCall(out, unwrappedCall);
      out.parallelUnwrapped = true;
      return;
    }
  }
  if (name === '') {
    call.parse_error = call.parse_error ?? 'the tool call has no name';
  }
  pushCall(out, call, callItemId(item));
}

/**
 * Unwraps a `parallel` wrapper call (`{ tool_uses: [{ recipient_name: 'functions.X', parameters }] }`)
 * into separate calls with stable ids `<call id>_<n>`, or `undefined` when it is not one.
 */
export function unwrapParallel(id: string, args: Record<string, unknown>): ToolCall[] | undefined {
  const uses = args.tool_uses;
  if (!Array.isArray(uses) || uses.length === 0) return undefined;
  const calls: ToolCall[] = [];
  for (let n = 0; n < uses.length; n++) {
    const use = uses[n];
    if (!isRecord(use) || typeof use.recipient_name !== 'string' || use.recipient_name === '') {
      return undefined;
    }
    const name = use.recipient_name.startsWith(FUNCTIONS_PREFIX)
      ? use.recipient_name.slice(FUNCTIONS_PREFIX.length)
      : use.recipient_name;
    const parameters = use.parameters;
    const call: ToolCall = { id: `${id}_${n}`, name, ...callArguments(parameters) };
    calls.push(call);
  }
  return calls;
}

function mapCustomToolCall(item: JsonRecord, index: number, out: MappedOutput): void {
  const input = typeof item.input === 'string' ? item.input : '';
  const call: ToolCall = {
    id: callId(item, index),
    name: typeof item.name === 'string' ? item.name : '',
    arguments: { input },
    tool_type: 'custom',
  };
  if (call.name === '') call.parse_error = 'the tool call has no name';
  pushCall(out, call, callItemId(item));
}
