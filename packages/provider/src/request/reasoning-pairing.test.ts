/**
 * Azure's pairing rule for replayed reasoning (store: false): a reasoning item must be followed by
 * the item that followed it in the original output, with that item's id; an item id whose
 * reasoning item is missing is refused too.
 */
import { describe, expect, it } from 'vitest';
import { reasoningContext } from '../__fixtures__/request-context.js';
import type { ContentBlock, Message } from '../types.js';
import { messagesToInput } from './messages-to-input.js';

const thinking = (id: string, encrypted: string | null): ContentBlock => ({
  type: 'thinking',
  thinking: '',
  content: [encrypted, id],
  summary: [],
  visibility: 'internal',
});
const call = (id: string, itemId?: string): ContentBlock => ({
  type: 'tool_call',
  id,
  name: 'lookup',
  input: { q: id },
  ...(itemId === undefined ? {} : { item_id: itemId }),
});

function input(content: ContentBlock[], store = false) {
  const messages: Message[] = [
    { role: 'user', content: 'go' },
    { role: 'assistant', content },
  ];
  return messagesToInput(messages, {
    store,
    onlyAfterLastAssistant: false,
    reasoningItems: reasoningContext().capabilities.reasoning,
  });
}

/** `type:id` of every item after the user message, synthesised outputs left out. */
function shape(items: readonly unknown[]): string[] {
  return items
    .slice(1)
    .map(item => item as Record<string, unknown>)
    .filter(item => item.type !== 'function_call_output')
    .map(item => `${String(item.type)}:${String(item.id ?? '-')}`);
}

describe('reasoning pairing in request mapping', () => {
  it('sends a reasoning item immediately followed by its original follower, id included', () => {
    const result = input([
      thinking('rs_1', 'enc1'),
      call('call_1', 'fc_1'),
      call('call_2', 'fc_2'),
      { type: 'text', text: 'done', item_id: 'msg_1' },
    ]);
    expect(shape(result.input)).toEqual([
      'reasoning:rs_1',
      'function_call:fc_1',
      'function_call:fc_2',
      'message:msg_1',
    ]);
    expect(result.warnings.filter(w => w.includes('reasoning'))).toEqual([]);
  });

  it('drops a reasoning item without encrypted content and the follower ids after it', () => {
    const result = input([
      thinking('rs_1', null),
      call('call_1', 'fc_1'),
      { type: 'text', text: 'after', item_id: 'msg_1' },
      thinking('rs_2', 'enc2'),
      call('call_2', 'fc_2'),
    ]);
    expect(shape(result.input)).toEqual([
      'function_call:-',
      'message:-',
      'reasoning:rs_2',
      'function_call:fc_2',
    ]);
  });

  it('drops a reasoning item whose follower lost its id (with a warning), never sends it alone', () => {
    const result = input([thinking('rs_1', 'enc1'), call('call_1')]);
    expect(shape(result.input)).toEqual(['function_call:-']);
    expect(result.warnings.join('\n')).toContain('reasoning item rs_1 is not sent');
  });

  it('restores the follower id the thinking block remembers (content[2]) when the block lost item_id', () => {
    const remembering = (follower: string): ContentBlock => ({
      type: 'thinking',
      thinking: '',
      content: ['enc1', 'rs_1', follower],
    });
    expect(shape(input([remembering('fc_1'), call('call_1')]).input)).toEqual([
      'reasoning:rs_1',
      'function_call:fc_1',
    ]);
    expect(shape(input([remembering('msg_1'), { type: 'text', text: 'hi' }]).input)).toEqual([
      'reasoning:rs_1',
      'message:msg_1',
    ]);
    // An id of another kind than the block after it is not used (the turn was edited).
    const edited = input([remembering('msg_1'), call('call_1')]);
    expect(shape(edited.input)).toEqual(['function_call:-']);
  });

  it('sends an item id back only with the prefix Azure expects for its type', () => {
    const result = input([
      call('call_1', 'call_1_not_an_item_id'),
      { type: 'text', text: 'x', item_id: 'fc_wrong_kind' },
      call('call_2', 'fc_2'),
    ]);
    expect(shape(result.input)).toEqual(['function_call:-', 'message:-', 'function_call:fc_2']);
  });

  it('keeps a chain of reasoning items when the last one has its follower', () => {
    const result = input([thinking('rs_1', 'e1'), thinking('rs_2', 'e2'), call('c', 'fc_9')]);
    expect(shape(result.input)).toEqual(['reasoning:rs_1', 'reasoning:rs_2', 'function_call:fc_9']);
    const broken = input([thinking('rs_1', 'e1'), thinking('rs_2', 'e2'), call('c')]);
    expect(shape(broken.input)).toEqual(['function_call:-']);
  });

  it('drops a trailing reasoning item (its follower is not in the turn)', () => {
    const result = input([call('call_1', 'fc_1'), thinking('rs_1', 'enc1')]);
    expect(shape(result.input)).toEqual(['function_call:fc_1']);
  });

  it('sends stored reasoning by id (store: true) followed by its follower', () => {
    const result = input([thinking('rs_1', null), call('call_1', 'fc_1')], true);
    expect(shape(result.input)).toEqual(['reasoning:rs_1', 'function_call:fc_1']);
  });

  it('strips follower ids when reasoning items are not sent at all (non-reasoning deployment)', () => {
    const result = messagesToInput(
      [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [thinking('rs_1', 'enc1'), call('call_1', 'fc_1')] },
      ],
      { store: false, onlyAfterLastAssistant: false, reasoningItems: false },
    );
    expect(shape(result.input)).toEqual(['function_call:-']);
  });
});
