import type { ContentBlock, ReasoningBlock } from '../types.js';
import { isRecord, type JsonRecord } from './json-guards.js';

/**
 * The Responses output items of hosted ("native") tools: the service ran the tool itself, so the
 * items carry no call for the caller to answer, but they are part of the conversation and are
 * sent back, unchanged and with their ids, on the next turn.
 */
export const NATIVE_OUTPUT_ITEM_TYPES: ReadonlySet<string> = new Set([
  'web_search_call',
  'file_search_call',
  'code_interpreter_call',
  'image_generation_call',
  'mcp_call',
  'mcp_list_tools',
  'mcp_approval_request',
]);

/** Native items a caller may put in a user message: the answer to an `mcp_approval_request`. */
export const NATIVE_INPUT_ITEM_TYPES: ReadonlySet<string> = new Set(['mcp_approval_response']);

/**
 * A content block carrying a hosted tool's output item. Amplifier has no block type for it (its
 * block types are a closed set, validated on the Python host), so it is a `reasoning` block whose
 * `content` is `[item]` (the raw item, unchanged) and whose `summary` is one line describing it.
 * `content` survives every transport (the gRPC `ReasoningBlock` carries each entry as JSON), so the
 * item is recognised by its content alone; `native_tool` and `item_id` are vendor conveniences.
 */
export interface NativeToolBlock extends ReasoningBlock {
  content: readonly [JsonRecord];
  summary: readonly [string];
  /** Vendor extension: the output item type (`web_search_call`, ...). */
  native_tool: string;
  /** Vendor extension: the output item id (`ws_...`). */
  item_id: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** One line saying what a hosted tool item did (its block's `summary`). */
export function describeNativeItem(item: JsonRecord): string {
  const type = String(item.type);
  const status = text(item.status);
  const suffix = status === undefined ? '' : ` (${status})`;
  switch (type) {
    case 'web_search_call': {
      const action = isRecord(item.action) ? item.action : {};
      const what = text(action.query) ?? text(action.url) ?? text(action.pattern);
      return `web_search ${text(action.type) ?? 'search'}${what === undefined ? '' : `: ${what}`}${suffix}`;
    }
    case 'file_search_call': {
      const queries = Array.isArray(item.queries) ? item.queries.filter(q => text(q)) : [];
      return `file_search${queries.length > 0 ? `: ${queries.join('; ')}` : ''}${suffix}`;
    }
    case 'mcp_call':
    case 'mcp_approval_request':
      return `${type} ${text(item.server_label) ?? '?'}.${text(item.name) ?? '?'}${suffix}`;
    case 'mcp_list_tools':
      return `mcp_list_tools ${text(item.server_label) ?? '?'}${
        Array.isArray(item.tools) ? `: ${item.tools.length} tool(s)` : ''
      }`;
    default:
      return `${type.replace(/_call$/, '')}${suffix}`;
  }
}

/** The block of a hosted tool output item, or `undefined` when `item` is not one (or has no id). */
export function nativeToolBlock(item: unknown): NativeToolBlock | undefined {
  if (
    !isRecord(item) ||
    typeof item.type !== 'string' ||
    !NATIVE_OUTPUT_ITEM_TYPES.has(item.type)
  ) {
    return undefined;
  }
  if (typeof item.id !== 'string' || item.id === '') return undefined;
  return {
    type: 'reasoning',
    content: [item],
    summary: [describeNativeItem(item)],
    visibility: 'internal',
    native_tool: item.type,
    item_id: item.id,
  };
}

/**
 * The raw item a block carries when it is a hosted tool block (see {@link NativeToolBlock}):
 * a `reasoning` block whose `content` is one item of a type in `types` with a non-empty `id`
 * (or, for input items, a non-empty `approval_request_id`).
 */
export function nativeItemOfBlock(
  block: ContentBlock | JsonRecord,
  types: ReadonlySet<string> = NATIVE_OUTPUT_ITEM_TYPES,
): JsonRecord | undefined {
  if (block.type !== 'reasoning') return undefined;
  const content = (block as { content?: unknown }).content;
  if (!Array.isArray(content) || content.length !== 1) return undefined;
  const item = content[0] as unknown;
  if (!isRecord(item) || typeof item.type !== 'string' || !types.has(item.type)) return undefined;
  const key = item.type === 'mcp_approval_response' ? item.approval_request_id : item.id;
  return typeof key === 'string' && key !== '' ? item : undefined;
}
