import { describe, expect, it } from 'vitest';
import type { ChatResponse, Message } from '../types.js';
import { ConversationChain, chainTarget } from './conversation-chain.js';
import { fingerprint } from './fingerprint.js';

const request: Message[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'list files' },
];
const response: ChatResponse = {
  content: [
    { type: 'text', text: 'Listing.', item_id: 'msg_1' },
    { type: 'tool_call', id: 'call_1', name: 'ls', input: {} },
  ],
  metadata: { response_id: 'resp_1' },
};
const reply: Message = { role: 'assistant', content: response.content };
const next: Message[] = [
  ...request,
  reply,
  { role: 'tool', tool_call_id: 'call_1', content: 'a.txt' },
];

describe('ConversationChain', () => {
  it('reuses the response id when the conversation only grew after the reply', () => {
    const chain = new ConversationChain();
    chain.record('conv', request, response, 'dep');
    expect(chain.resolve('conv', next, 'dep')).toBe('resp_1');
  });

  it('survives copies of the messages and changed system messages', () => {
    const chain = new ConversationChain();
    chain.record('conv', request, response, 'dep');
    const copy = structuredClone(next);
    copy[0] = { role: 'system', content: 'a new system prompt' };
    expect(chain.resolve('conv', copy, 'dep')).toBe('resp_1');
  });

  it('resets when an earlier message was edited or the context was compacted', () => {
    const chain = new ConversationChain();
    chain.record('conv', request, response, 'dep');
    const edited = structuredClone(next);
    edited[1] = { role: 'user', content: 'list all files' };
    expect(chain.resolve('conv', edited, 'dep')).toBeUndefined();
    // The chain is forgotten: even the original is not chained any more.
    expect(chain.resolve('conv', next, 'dep')).toBeUndefined();

    chain.record('conv', request, response, 'dep');
    const compacted: Message[] = [
      { role: 'user', content: 'summary of earlier turns' },
      reply,
      next[3] as Message,
    ];
    expect(chain.resolve('conv', compacted, 'dep')).toBeUndefined();
  });

  it('resets when the reply was changed or is not the last assistant turn', () => {
    const chain = new ConversationChain();
    chain.record('conv', request, response, 'dep');
    const changedReply = structuredClone(next);
    changedReply[2] = { role: 'assistant', content: 'something else' };
    expect(chain.resolve('conv', changedReply, 'dep')).toBeUndefined();

    chain.record('conv', request, response, 'dep');
    const later: Message[] = [
      ...next,
      { role: 'assistant', content: 'another answer' },
      { role: 'user', content: 'x' },
    ];
    expect(chain.resolve('conv', later, 'dep')).toBeUndefined();
  });

  it('is keyed by endpoint and deployment: another region never gets the id, the storing one still does', () => {
    const chain = new ConversationChain();
    const east = chainTarget('https://east.openai.azure.com', 'gpt5');
    const west = chainTarget('https://west.openai.azure.com', 'gpt5');
    chain.record('conv', request, response, east);
    expect(chain.resolve('conv', next, west)).toBeUndefined();
    expect(chain.resolve('conv', next, east)).toBe('resp_1');
  });

  it('resets on another deployment, and never chains an unwrapped parallel call or a missing id', () => {
    const chain = new ConversationChain();
    chain.record('conv', request, response, 'dep');
    expect(chain.resolve('conv', next, 'other-dep')).toBeUndefined();

    chain.record(
      'conv',
      request,
      { ...response, metadata: { response_id: 'resp_2', parallel_tool_call_unwrapped: true } },
      'dep',
    );
    expect(chain.resolve('conv', next, 'dep')).toBeUndefined();
    chain.record('conv', request, { ...response, metadata: {} }, 'dep');
    expect(chain.size).toBe(0);
  });

  it('keeps conversations apart and forgets the least recently used', () => {
    const chain = new ConversationChain({ maxConversations: 2 });
    chain.record('a', request, response, 'dep');
    chain.record('b', request, { ...response, metadata: { response_id: 'resp_b' } }, 'dep');
    expect(chain.resolve('a', next, 'dep')).toBe('resp_1');
    chain.record('c', request, response, 'dep');
    expect(chain.resolve('b', next, 'dep')).toBeUndefined();
    expect(chain.resolve('a', next, 'dep')).toBe('resp_1');
    chain.reset();
    expect(chain.size).toBe(0);
  });
});

describe('fingerprint', () => {
  it('ignores key order but not values or array order', () => {
    expect(fingerprint({ a: 1, b: [1, 2] })).toBe(fingerprint({ b: [1, 2], a: 1 }));
    expect(fingerprint({ a: 1, b: [1, 2] })).not.toBe(fingerprint({ a: 1, b: [2, 1] }));
    expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: 1, b: undefined })).toBe(fingerprint({ a: 1 }));
    expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']));
  });
});
