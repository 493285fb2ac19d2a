import type { ChatResponse, ContentBlock, Message } from '../types.js';
import { FingerprintBuilder } from './fingerprint.js';

/** Options of {@link ConversationChain}. */
export interface ConversationChainOptions {
  /** Conversations remembered at once; the least recently used is forgotten first. Default 256. */
  maxConversations?: number | undefined;
}

/**
 * The key of the resource and deployment that stored a response (`<endpoint>|<deployment>`): a
 * stored response exists only there, so a chain is continued only on the same endpoint AND
 * deployment (after a failover to another region the full conversation is sent instead).
 */
export function chainTarget(endpoint: string, deployment: string): string {
  return `${endpoint}|${deployment}`;
}

interface ChainEntry {
  responseId: string;
  /** {@link chainTarget} of the endpoint and deployment that answered. */
  target: string;
  /** Non-system messages the recorded request had. */
  count: number;
  /** Fingerprint of those messages. */
  prefix: string;
  /** Signature of the reply (text and tool call ids) the response produced. */
  reply: string;
}

/**
 * Decides when a stored response id can be reused as `previous_response_id` (only meaningful
 * with `store: true`). After a turn, {@link record} remembers the response id together with a
 * fingerprint of the request's messages and of the reply. On the next turn, {@link resolve}
 * returns the id only when:
 * - the same deployment on the same endpoint answers ({@link chainTarget}: a failover to another
 *   region never sends a response id that region did not store),
 * - the messages before the reply are unchanged (not compacted, edited, reordered),
 * - the reply itself is the message that follows them, unchanged (same text and tool call ids),
 * - and it is the last assistant turn (nothing answered since).
 *
 * Otherwise the entry is dropped (the chain resets) and `undefined` is returned, so a stale id is
 * never sent: the caller then sends the full conversation. System messages are ignored because
 * `instructions` are sent on every request anyway.
 *
 * Fingerprints are computed by walking the values (no JSON serialisation, no copies); no message
 * is retained.
 */
export class ConversationChain {
  readonly #entries = new Map<string, ChainEntry>();
  readonly #max: number;

  /** @param options - see {@link ConversationChainOptions}. */
  constructor(options: ConversationChainOptions = {}) {
    const max = options.maxConversations ?? 256;
    this.#max = Number.isInteger(max) && max > 0 ? max : 256;
  }

  /**
   * The response id to send as `previous_response_id` for `messages`, or `undefined` when the
   * chain cannot be continued: the messages no longer continue it (which also forgets it), or the
   * request goes to another endpoint or deployment (kept for when the one that stored it answers).
   *
   * @param key - the conversation (e.g. the request's `conversation_id`); `''` for a single chain.
   * @param target - {@link chainTarget} of the endpoint and deployment the request goes to.
   */
  resolve(key: string, messages: readonly Message[], target: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Another region or deployment: not continued there, but kept for the one that stored it.
    if (entry.target !== target) return undefined;
    if (!this.#matches(entry, messages)) {
      this.#entries.delete(key);
      return undefined;
    }
    // Refresh recency.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.responseId;
  }

  /**
   * Remembers the response a request got, so the next turn can chain from it. Responses without
   * an id, or whose tool call ids were synthesised (an unwrapped `parallel` call), reset the chain.
   *
   * @param target - {@link chainTarget} of the endpoint and deployment that answered.
   */
  record(key: string, messages: readonly Message[], response: ChatResponse, target: string): void {
    const responseId = response.metadata?.response_id;
    if (
      typeof responseId !== 'string' ||
      responseId === '' ||
      response.metadata?.parallel_tool_call_unwrapped === true
    ) {
      this.#entries.delete(key);
      return;
    }
    const builder = new FingerprintBuilder();
    let count = 0;
    for (const message of messages) {
      if (message.role === 'system') continue;
      builder.add(message);
      count++;
    }
    this.#entries.delete(key);
    this.#entries.set(key, {
      responseId,
      target,
      count,
      prefix: builder.digest(),
      reply: replySignature(response.content),
    });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /**
   * Re-records the entry of `response` (recorded for a continuation of `messages`) as the answer
   * to `messages` themselves, with the merged reply, so the next turn (whose history holds the
   * merged answer) chains from it. Nothing happens when the conversation's last recorded
   * response is another one.
   */
  rebase(key: string, messages: readonly Message[], response: ChatResponse): void {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.responseId !== response.metadata?.response_id) return;
    this.record(key, messages, response, entry.target);
  }

  /** Forgets one conversation's chain, or all of them. */
  reset(key?: string): void {
    if (key === undefined) this.#entries.clear();
    else this.#entries.delete(key);
  }

  /** How many conversations are remembered. */
  get size(): number {
    return this.#entries.size;
  }

  #matches(entry: ChainEntry, messages: readonly Message[]): boolean {
    const builder = new FingerprintBuilder();
    let seen = 0;
    let reply: Message | undefined;
    for (const message of messages) {
      if (message.role === 'system') continue;
      if (seen < entry.count) {
        builder.add(message);
      } else if (seen === entry.count) {
        reply = message;
      } else if (message.role === 'assistant') {
        return false; // answered since: not the last assistant turn
      }
      seen++;
    }
    if (reply === undefined || reply.role !== 'assistant') return false;
    if (builder.digest() !== entry.prefix) return false;
    return replySignature(reply.content) === entry.reply;
  }
}

/** The parts of a reply that must not change for a chain to stay valid: text and tool call ids. */
function replySignature(content: string | readonly ContentBlock[]): string {
  if (typeof content === 'string') return `t:${content}`;
  let text = '';
  let calls = '';
  for (const block of content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_call') calls += `${block.id}\u0000`;
  }
  return `t:${text}\u0001c:${calls}`;
}
