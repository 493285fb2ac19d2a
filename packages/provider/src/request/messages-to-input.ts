import type {
  ResponseCustomToolCall,
  ResponseFunctionToolCall,
  ResponseInputContent,
  ResponseInputItem,
  ResponseOutputText,
  ResponseReasoningItem,
} from 'openai/resources/responses/responses';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { describeType, isRecord, type JsonRecord } from '../response/json-guards.js';
import { NATIVE_INPUT_ITEM_TYPES, nativeItemOfBlock } from '../response/native-tool-items.js';
import type { ContentBlock, ImageBlock, Message, ReasoningBlock, ThinkingBlock } from '../types.js';

/** Options of {@link messagesToInput}. */
export interface MessagesToInputOptions {
  /**
   * Responses are stored server-side (`store: true`): reasoning items without encrypted content
   * can then be sent back by id.
   */
  store: boolean;
  /**
   * Chaining with `previous_response_id`: everything up to and including the last assistant
   * message is already on the server, so only the messages after it become input items.
   */
  onlyAfterLastAssistant: boolean;
  /**
   * Send thinking / reasoning blocks back as reasoning items (default true). Off for deployments
   * that are not reasoning models, which reject reasoning input items.
   */
  reasoningItems?: boolean | undefined;
}

/** The Responses `instructions` and `input` of a conversation. */
export interface MessagesToInputResult {
  /** System messages joined by a blank line, or `undefined` when there are none. */
  instructions: string | undefined;
  /** Input items in conversation order. */
  input: ResponseInputItem[];
  /** Things the mapping had to change (orphaned tool calls, skipped blocks, ...). */
  warnings: string[];
  /** Tool calls that had no result and got a synthesised error result, in order. */
  repairs: ToolSequenceRepair[];
}

/** A tool call whose missing result was synthesised (`provider:tool_sequence_repaired`). */
export interface ToolSequenceRepair {
  tool_call_id: string;
  tool_name: string;
}

/** The text a synthesised result carries for a tool call that has no result. */
export const ORPHANED_TOOL_CALL_OUTPUT =
  'Error: this tool call has no result (the tool was not run, or its result was lost). Do not assume it succeeded.';

const VALID_ROLES = new Set(['system', 'developer', 'user', 'assistant', 'function', 'tool']);

function invalid(param: string, message: string, fix: string): InvalidRequestError {
  return new InvalidRequestError({
    message: `Invalid chat request: ${param} ${message}`,
    code: 'invalid_chat_request',
    param,
    fix,
  });
}

/**
 * Maps Amplifier messages to Responses `instructions` and `input` items:
 * - `system` messages become `instructions`; `developer` messages stay developer input messages;
 * - user text and images become `input_text` / `input_image` content;
 * - assistant text becomes `output_text` message items (the original `msg_` item when the block
 *   carries `item_id`, else an assistant input message), tool calls become `function_call`
 *   (or `custom_tool_call`) items (with their `fc_` id when the block carries `item_id`), and
 *   thinking / reasoning blocks carrying encrypted content become reasoning items, each sent only
 *   immediately before its original following item (see {@link emitAssistantEntries}); hosted
 *   tool blocks (a `reasoning` block carrying a `web_search_call`, `mcp_call`, ... item) are sent
 *   back as that item, unchanged; a user message's block carrying an `mcp_approval_response`
 *   item sends that item;
 * - tool results (`tool` / `function` messages or `tool_result` blocks) become
 *   `function_call_output` (or `custom_tool_call_output`) items;
 * - a tool call with no result anywhere in the conversation gets a synthesised error result
 *   and a warning; a result whose call is gone is sent as user text, with a warning.
 *
 * @throws InvalidRequestError (`code: 'invalid_chat_request'`, `param` = the path of the bad
 * value) when a message or block is not of a known shape.
 */
export function messagesToInput(
  messages: readonly Message[],
  options: MessagesToInputOptions,
): MessagesToInputResult {
  if (!Array.isArray(messages)) {
    throw invalid(
      'messages',
      `must be an array, got ${describeType(messages)}`,
      'Pass messages as an array.',
    );
  }
  const warnings: string[] = [];
  const repairs: ToolSequenceRepair[] = [];
  // One pass to learn which calls exist and which are answered.
  const callTypes = new Map<string, 'function' | 'custom'>();
  const answered = new Set<string>();
  let lastAssistant = -1;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as unknown;
    if (!isRecord(message)) {
      throw invalid(
        `messages[${i}]`,
        `must be an object, got ${describeType(message)}`,
        'Each message is { role, content }.',
      );
    }
    const role = message.role;
    if (typeof role !== 'string' || !VALID_ROLES.has(role)) {
      throw invalid(
        `messages[${i}].role`,
        `is ${JSON.stringify(role) ?? 'undefined'}`,
        'Use one of system, developer, user, assistant, tool, function.',
      );
    }
    const content = message.content;
    if (typeof content !== 'string' && !Array.isArray(content)) {
      throw invalid(
        `messages[${i}].content`,
        `must be a string or an array of content blocks, got ${describeType(content)}`,
        'Pass text as a string or a list of { type, ... } blocks.',
      );
    }
    if (role === 'assistant') lastAssistant = i;
    if ((role === 'tool' || role === 'function') && typeof message.tool_call_id === 'string') {
      answered.add(message.tool_call_id);
    }
    if (Array.isArray(content)) {
      for (let j = 0; j < content.length; j++) {
        const block = content[j] as unknown;
        if (!isRecord(block) || typeof block.type !== 'string') {
          throw invalid(
            `messages[${i}].content[${j}]`,
            `must be a content block with a string "type", got ${describeType(block)}`,
            'Content blocks are { type: "text" | "image" | "tool_call" | "tool_result" | ..., ... }.',
          );
        }
        if (block.type === 'tool_call' && typeof block.id === 'string') {
          callTypes.set(block.id, block.tool_type === 'custom' ? 'custom' : 'function');
        } else if (block.type === 'tool_result' && typeof block.tool_call_id === 'string') {
          answered.add(block.tool_call_id);
        }
      }
    }
  }

  const instructionParts: string[] = [];
  const input: ResponseInputItem[] = [];
  const start = options.onlyAfterLastAssistant ? lastAssistant + 1 : 0;

  const pushOutput = (callId: string, output: string, path: string): void => {
    const type = callTypes.get(callId);
    if (type === undefined) {
      warnings.push(
        `${path}: tool result for call "${callId}" has no matching tool call in the conversation; sent as user text instead.`,
      );
      input.push({
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: `Result of tool call ${callId}:\n${output}` }],
      });
      return;
    }
    input.push(
      type === 'custom'
        ? { type: 'custom_tool_call_output', call_id: callId, output }
        : { type: 'function_call_output', call_id: callId, output },
    );
  };

  const synthesiseOrphans = (content: readonly unknown[], index: number): void => {
    for (const block of content) {
      if (!isRecord(block) || block.type !== 'tool_call' || typeof block.id !== 'string') continue;
      if (answered.has(block.id)) continue;
      warnings.push(
        `messages[${index}]: tool call "${block.id}" (${String(block.name)}) has no result; a synthesised error result was sent.`,
      );
      repairs.push({ tool_call_id: block.id, tool_name: String(block.name) });
      pushOutput(block.id, ORPHANED_TOOL_CALL_OUTPUT, `messages[${index}]`);
    }
  };

  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message;
    if (message.role === 'system') {
      const text = textOf(message.content);
      if (text !== '') instructionParts.push(text);
      continue;
    }
    if (i < start) {
      // Already on the server (chained): only the last assistant turn's unanswered calls matter.
      if (i === lastAssistant && Array.isArray(message.content)) {
        synthesiseOrphans(message.content, i);
      }
      continue;
    }
    switch (message.role) {
      case 'developer':
      case 'user':
        mapUserLike(message, i, input, warnings, pushOutput);
        break;
      case 'assistant':
        mapAssistant(message, i, input, warnings, options.store, options.reasoningItems !== false);
        if (Array.isArray(message.content)) synthesiseOrphans(message.content, i);
        break;
      default: {
        // tool / function
        if (typeof message.content === 'string') {
          if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '') {
            throw invalid(
              `messages[${i}].tool_call_id`,
              'is missing on a tool message with text content',
              'Set tool_call_id to the id of the tool call this result answers, or use tool_result blocks.',
            );
          }
          pushOutput(message.tool_call_id, message.content, `messages[${i}]`);
          break;
        }
        const loose: string[] = [];
        const blocks = message.content;
        for (let j = 0; j < blocks.length; j++) {
          const block = blocks[j] as ContentBlock;
          if (block.type === 'tool_result') {
            pushOutput(
              requireCallId(block.tool_call_id, `messages[${i}].content[${j}]`),
              outputText(block.output, `messages[${i}].content[${j}].output`),
              `messages[${i}].content[${j}]`,
            );
          } else if (block.type === 'text') {
            loose.push(block.text);
          } else {
            warnings.push(
              `messages[${i}].content[${j}]: ${block.type} block in a tool message is not sent.`,
            );
          }
        }
        if (loose.length > 0) {
          if (typeof message.tool_call_id === 'string' && message.tool_call_id !== '') {
            pushOutput(message.tool_call_id, loose.join('\n'), `messages[${i}]`);
          } else {
            throw invalid(
              `messages[${i}].tool_call_id`,
              'is missing on a tool message with text blocks',
              'Set tool_call_id to the id of the tool call this result answers, or use tool_result blocks.',
            );
          }
        }
      }
    }
  }

  return {
    instructions: instructionParts.length > 0 ? instructionParts.join('\n\n') : undefined,
    input,
    warnings,
    repairs,
  };
}

function requireCallId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    throw invalid(
      `${path}.tool_call_id`,
      `must be a non-empty string, got ${describeType(value)}`,
      'Set tool_call_id to the id of the tool call this result answers.',
    );
  }
  return value;
}

/** The text of a message's content (text blocks joined by newlines). */
function textOf(content: Message['content']): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const block of content) {
    if (block.type !== 'text') continue;
    text = text === '' ? block.text : `${text}\n${block.text}`;
  }
  return text;
}

/**
 * `JSON.stringify(value)`; a value JSON cannot carry (a cycle, a BigInt, nesting deep enough to
 * exhaust the stack) is an {@link InvalidRequestError} naming `param`, not an unexpected error.
 */
function toJson(value: unknown, param: string): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw invalid(
      param,
      `cannot be sent as JSON (${error instanceof Error ? error.message : String(error)})`,
      'Pass plain JSON data: no cycles, no BigInt values, no nesting hundreds of levels deep.',
    );
  }
}

/** A tool result's output as the string Responses expects (`param` names it in errors). */
export function outputText(output: unknown, param = 'output'): string {
  if (typeof output === 'string') return output;
  if (output === undefined || output === null) return '';
  if (Array.isArray(output) && output.length > 0 && output.every(isTextPart)) {
    return output.map(part => (part as { text: string }).text).join('\n');
  }
  return toJson(output, param) ?? String(output);
}

function isTextPart(value: unknown): boolean {
  return isRecord(value) && value.type === 'text' && typeof value.text === 'string';
}

function imageUrl(block: ImageBlock): string | undefined {
  const source = block.source as unknown;
  if (!isRecord(source)) return undefined;
  if (typeof source.url === 'string' && source.url !== '') return source.url;
  if (typeof source.data === 'string' && source.data !== '') {
    const mediaType = typeof source.media_type === 'string' ? source.media_type : 'image/png';
    return `data:${mediaType};base64,${source.data}`;
  }
  return undefined;
}

function imageDetail(block: ImageBlock): 'low' | 'high' | 'auto' {
  const detail = (block.source as { detail?: unknown } | undefined)?.detail;
  return detail === 'low' || detail === 'high' ? detail : 'auto';
}

function mapUserLike(
  message: Message,
  index: number,
  input: ResponseInputItem[],
  warnings: string[],
  pushOutput: (callId: string, output: string, path: string) => void,
): void {
  const role = message.role === 'developer' ? 'developer' : 'user';
  if (typeof message.content === 'string') {
    input.push({ type: 'message', role, content: message.content });
    return;
  }
  let parts: ResponseInputContent[] = [];
  const flush = (): void => {
    if (parts.length === 0) return;
    input.push({ type: 'message', role, content: parts });
    parts = [];
  };
  const blocks = message.content;
  for (let j = 0; j < blocks.length; j++) {
    const block = blocks[j] as ContentBlock;
    const path = `messages[${index}].content[${j}]`;
    switch (block.type) {
      case 'text':
        parts.push({ type: 'input_text', text: block.text });
        break;
      case 'image': {
        const url = imageUrl(block);
        if (url === undefined) {
          throw invalid(
            `${path}.source`,
            'has neither a url nor base64 data',
            'Use { type: "base64", media_type, data } or { type: "url", url }.',
          );
        }
        parts.push({ type: 'input_image', image_url: url, detail: imageDetail(block) });
        break;
      }
      case 'tool_result':
        flush();
        pushOutput(
          requireCallId(block.tool_call_id, path),
          outputText(block.output, `${path}.output`),
          path,
        );
        break;
      default: {
        const native = nativeItemOfBlock(block, NATIVE_INPUT_ITEM_TYPES);
        if (native !== undefined) {
          flush();
          input.push(native as unknown as ResponseInputItem);
          break;
        }
        warnings.push(`${path}: ${block.type} block in a ${role} message is not sent.`);
      }
    }
  }
  flush();
}

function mapAssistant(
  message: Message,
  index: number,
  input: ResponseInputItem[],
  warnings: string[],
  store: boolean,
  reasoningItems: boolean,
): void {
  if (typeof message.content === 'string') {
    if (message.content !== '') {
      input.push({ type: 'message', role: 'assistant', content: message.content });
    }
    return;
  }
  const entries: AssistantEntry[] = [];
  let texts: ResponseOutputText[] = [];
  let textItemId: string | undefined;
  const flushText = (): void => {
    if (texts.length === 0) return;
    entries.push({ kind: 'text', itemId: textItemId, texts });
    texts = [];
    textItemId = undefined;
  };
  const blocks = message.content;
  for (let j = 0; j < blocks.length; j++) {
    const block = blocks[j] as ContentBlock;
    const path = `messages[${index}].content[${j}]`;
    switch (block.type) {
      case 'text': {
        const itemId = itemIdWithPrefix(block.item_id, 'msg');
        if (texts.length > 0 && itemId !== textItemId) flushText();
        textItemId = itemId;
        texts.push({ type: 'output_text', text: block.text, annotations: [], logprobs: [] });
        break;
      }
      case 'tool_call': {
        flushText();
        const id = block.id;
        if (typeof id !== 'string' || id === '') {
          throw invalid(
            `${path}.id`,
            `must be a non-empty string, got ${describeType(id)}`,
            'Keep the id the provider returned with the tool call.',
          );
        }
        if (typeof block.name !== 'string' || block.name === '') {
          throw invalid(
            `${path}.name`,
            `must be a non-empty string, got ${describeType(block.name)}`,
            'Keep the tool name the provider returned with the tool call.',
          );
        }
        const itemId = itemIdWithPrefix(block.item_id, block.tool_type === 'custom' ? 'ctc' : 'fc');
        if (block.tool_type === 'custom') {
          const text = isRecord(block.input) ? block.input.input : undefined;
          entries.push({
            kind: 'call',
            itemId,
            item: {
              type: 'custom_tool_call',
              call_id: id,
              name: block.name,
              input: typeof text === 'string' ? text : (block.raw_arguments ?? ''),
            },
          });
        } else {
          entries.push({
            kind: 'call',
            itemId,
            item: {
              type: 'function_call',
              call_id: id,
              name: block.name,
              arguments:
                typeof block.raw_arguments === 'string'
                  ? block.raw_arguments
                  : (toJson(block.input ?? {}, `${path}.input`) ?? '{}'),
            },
          });
        }
        break;
      }
      case 'thinking':
      case 'reasoning': {
        flushText();
        const native = nativeItemOfBlock(block);
        if (native !== undefined) {
          // A hosted tool's output item: sent back unchanged, id included.
          entries.push({ kind: 'native', itemId: native.id as string, item: native, path });
          break;
        }
        entries.push({
          kind: 'reasoning',
          item: reasoningItems ? reasoningItem(block, store) : undefined,
          path,
          followerId:
            block.type === 'thinking' && Array.isArray(block.content)
              ? nonEmptyString(block.content[2])
              : undefined,
        });
        break;
      }
      case 'redacted_thinking':
        flushText();
        break;
      case 'tool_result':
        flushText();
        warnings.push(
          `${path}: tool_result block in an assistant message is not sent; put results in a tool message.`,
        );
        break;
      default:
        flushText();
        warnings.push(`${path}: ${block.type} block in an assistant message is not sent.`);
    }
  }
  flushText();
  emitAssistantEntries(entries, input, warnings);
}

/** One assistant output item before pairing (see {@link emitAssistantEntries}). */
type AssistantEntry =
  | {
      kind: 'reasoning';
      item: ResponseReasoningItem | undefined;
      path: string;
      /** The id of the item that followed it in its output (thinking `content[2]`), if known. */
      followerId: string | undefined;
    }
  | { kind: 'text'; itemId: string | undefined; texts: ResponseOutputText[] }
  | { kind: 'native'; itemId: string; item: JsonRecord; path: string }
  | {
      kind: 'call';
      itemId: string | undefined;
      item: ResponseFunctionToolCall | ResponseCustomToolCall;
    };

/**
 * Emits an assistant turn's items with Azure's pairing rule (with `store: false` it is enforced
 * through the encrypted reasoning): a reasoning item is sent only when it is immediately followed
 * by its original following item, id included (`fc_...`, `msg_...`, or the next reasoning item);
 * otherwise it is left out, and so are the output item ids of the items after it (up to the next
 * reasoning item sent), because Azure refuses an item id whose reasoning item is missing.
 */
function emitAssistantEntries(
  entries: readonly AssistantEntry[],
  input: ResponseInputItem[],
  warnings: string[],
): void {
  // Decided from the end: a reasoning item is kept when the entry after it can be sent with its id.
  const kept: boolean[] = new Array(entries.length).fill(false);
  for (let k = entries.length - 1; k >= 0; k--) {
    const entry = entries[k] as AssistantEntry;
    if (entry.kind !== 'reasoning' || entry.item === undefined) continue;
    const next = entries[k + 1];
    if (next === undefined) continue; // trailing reasoning: its follower is not in the turn
    if (next.kind !== 'reasoning' && next.kind !== 'native' && next.itemId === undefined) {
      // The follower lost its item_id on the way (a bridge that drops vendor fields): the
      // thinking block remembers it.
      next.itemId = followerIdFor(next, entry.followerId);
    }
    if (next.kind === 'reasoning' ? kept[k + 1] === true : next.itemId !== undefined) {
      kept[k] = true;
    } else {
      warnings.push(
        `${entry.path}: reasoning item ${entry.item.id} is not sent: the item after it has no output item id (item_id), and Azure refuses a reasoning item without its original following item. Keep the blocks the provider returned unchanged (with item_id).`,
      );
    }
  }
  let stripIds = false;
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k] as AssistantEntry;
    if (entry.kind === 'reasoning') {
      if (kept[k] === true && entry.item !== undefined) {
        input.push(entry.item);
        stripIds = false;
      } else {
        stripIds = true;
      }
      continue;
    }
    if (entry.kind === 'native') {
      if (stripIds) {
        // The item cannot go without its id, nor with it after its reasoning item was left out.
        warnings.push(
          `${entry.path}: ${String(entry.item.type)} item ${entry.itemId} is not sent: the reasoning item before it could not be sent (no encrypted content while store is false, or a deployment that takes no reasoning items), and Azure refuses the item without it.`,
        );
      } else {
        input.push(entry.item as unknown as ResponseInputItem);
      }
      continue;
    }
    const itemId = stripIds ? undefined : entry.itemId;
    if (entry.kind === 'call') {
      input.push(itemId === undefined ? entry.item : { ...entry.item, id: itemId });
    } else if (itemId !== undefined) {
      input.push({
        type: 'message',
        role: 'assistant',
        id: itemId,
        status: 'completed',
        content: entry.texts,
      });
    } else {
      // No server item id: an assistant input message carrying the text.
      input.push({
        type: 'message',
        role: 'assistant',
        content: entry.texts.map(part => part.text).join(''),
      });
    }
  }
}

/** `followerId` when it names an item of the entry's kind (`fc_`/`ctc_` calls, `msg_` text). */
function followerIdFor(
  entry: Exclude<AssistantEntry, { kind: 'reasoning' }>,
  followerId: string | undefined,
): string | undefined {
  if (followerId === undefined) return undefined;
  const isCall = followerId.startsWith('fc_') || followerId.startsWith('ctc_');
  return (entry.kind === 'call') === isCall && (isCall || followerId.startsWith('msg_'))
    ? followerId
    : undefined;
}

/**
 * An output item id to send back, when it has the prefix Azure expects for the item type (`msg`,
 * `fc`, `ctc`): Azure refuses any other id ("Expected an ID that begins with 'fc'"), so such an
 * id is left out and the item is sent as new input.
 */
function itemIdWithPrefix(value: unknown, prefix: string): string | undefined {
  return typeof value === 'string' && value.startsWith(prefix) ? value : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The Responses reasoning item a thinking or reasoning block stands for, or `undefined` when it
 * cannot be sent back (no item id, or no encrypted content while responses are not stored).
 */
export function reasoningItem(
  block: ThinkingBlock | ReasoningBlock,
  store: boolean,
): ResponseReasoningItem | undefined {
  let id: unknown;
  let encrypted: unknown;
  let summary: readonly unknown[];
  if (block.type === 'thinking') {
    const content = block.content;
    if (!Array.isArray(content)) return undefined;
    encrypted = content[0];
    id = content[1];
    summary = Array.isArray(block.summary)
      ? block.summary
      : block.thinking !== ''
        ? [block.thinking]
        : [];
  } else {
    id = block.id;
    encrypted = block.encrypted_content;
    summary = Array.isArray(block.summary) ? block.summary : [];
  }
  if (typeof id !== 'string' || id === '') return undefined;
  const hasEncrypted = typeof encrypted === 'string' && encrypted !== '';
  if (!hasEncrypted && !store) return undefined;
  const item: ResponseReasoningItem = {
    type: 'reasoning',
    id,
    summary: summary.map(summaryPart).filter(part => part !== undefined),
  };
  if (hasEncrypted) item.encrypted_content = encrypted as string;
  return item;
}

function summaryPart(value: unknown): ResponseReasoningItem.Summary | undefined {
  if (typeof value === 'string') return { type: 'summary_text', text: value };
  if (isRecord(value) && typeof value.text === 'string') {
    return { type: 'summary_text', text: value.text };
  }
  return undefined;
}
