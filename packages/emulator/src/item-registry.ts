import type { ErrorAnswer } from './azure-errors.js';
import {
  followerWithoutReasoning,
  itemNotFound,
  reasoningWithoutFollower,
} from './azure-errors.js';
import { isRecord } from './is-record.js';

interface IssuedItem {
  type: string;
  /** For a reasoning item: the id of the item that followed it in its output. */
  follower?: string | undefined;
  /** For the item right after a reasoning item: that reasoning item's id. */
  reasoning?: string | undefined;
}

/** How many item ids are remembered; the oldest are forgotten first. */
const MAX_ITEMS = 200_000;

/**
 * The output item ids (`rs_`, `fc_`, `msg_`) issued by the emulators of this process, with how
 * each reasoning item was paired with its follower. Shared by every emulator in the process
 * (Azure validates replayed items by their encrypted reasoning, not by the region that issued
 * them), bounded to the most recent {@link MAX_ITEMS} ids.
 */
export class ItemRegistry {
  readonly #items = new Map<string, IssuedItem>();

  /** Remembers the output items of one response, in output order. */
  remember(output: readonly unknown[]): void {
    for (let i = 0; i < output.length; i++) {
      const item = output[i];
      if (!isRecord(item) || typeof item.id !== 'string' || typeof item.type !== 'string') continue;
      const record: IssuedItem = { type: item.type };
      const previous = output[i - 1];
      if (isRecord(previous) && previous.type === 'reasoning' && typeof previous.id === 'string') {
        record.reasoning = previous.id;
      }
      const next = output[i + 1];
      if (item.type === 'reasoning' && isRecord(next) && typeof next.id === 'string') {
        record.follower = next.id;
      }
      this.#items.delete(item.id);
      this.#items.set(item.id, record);
    }
    while (this.#items.size > MAX_ITEMS) {
      const oldest = this.#items.keys().next().value;
      if (oldest === undefined) break;
      this.#items.delete(oldest);
    }
  }

  /** True when `id` was issued (and is still remembered). */
  has(id: string): boolean {
    return this.#items.has(id);
  }

  /**
   * Azure's checks of replayed output items in a Responses `input`, the first failure if any:
   * - an item id that was never issued: 404 "Item with id '…' not found.";
   * - a reasoning item not immediately followed by the item that followed it in its output
   *   (same id): 400 "Item 'rs_…' of type 'reasoning' was provided without its required
   *   following item.";
   * - the item that followed a reasoning item, sent without that reasoning item right before it:
   *   400 "Item 'fc_…' of type 'function_call' was provided without its required 'reasoning'
   *   item: 'rs_…'.".
   */
  check(input: unknown, store: boolean): ErrorAnswer | undefined {
    if (!Array.isArray(input)) return undefined;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      if (!isRecord(item) || typeof item.id !== 'string' || item.id === '') continue;
      const type = typeof item.type === 'string' ? item.type : 'message';
      const record = this.#items.get(item.id);
      if (record === undefined) return itemNotFound(item.id, store);
      if (type === 'reasoning' && record.follower !== undefined) {
        const next = input[i + 1];
        if (!isRecord(next) || next.id !== record.follower) {
          return reasoningWithoutFollower(item.id);
        }
      }
      if (record.reasoning !== undefined) {
        const previous = input[i - 1];
        if (
          !isRecord(previous) ||
          previous.type !== 'reasoning' ||
          previous.id !== record.reasoning
        ) {
          return followerWithoutReasoning(item.id, type, record.reasoning);
        }
      }
    }
    return undefined;
  }
}

/** The registry every emulator of this process shares. */
export const ISSUED_ITEMS = new ItemRegistry();
