import { describe, expect, it } from 'vitest';
import { TEXT_ANSWER, testContext } from '../__fixtures__/provider-context.js';
import type { ChatRequest } from '../types.js';
import { chainKey, previousResponseIdFor, recordChain } from './call-chain.js';
import { completeOnce } from './complete-once.js';

describe('call chain', () => {
  it('keys by conversation_id, else one unnamed chain', () => {
    expect(chainKey({ messages: [], conversation_id: 'c1' })).toBe('c1');
    expect(chainKey({ messages: [] })).toBe('');
  });

  it('chains the next turn to the answer of the same target only', async () => {
    const { context } = testContext([{ body: TEXT_ANSWER }], { store: true });
    const first: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };
    const response = await completeOnce(context, first);
    const next: ChatRequest = {
      messages: [
        ...first.messages,
        { role: 'assistant', content: response.content },
        { role: 'user', content: 'more' },
      ],
    };
    expect(previousResponseIdFor(context, next, { deployment: 'gpt-4o' })).toBe('resp_ctx');
    expect(previousResponseIdFor(context, next, { deployment: 'other' })).toBeUndefined();
  });

  it('records nothing without store or without a target', () => {
    const off = testContext([]).context;
    const request: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };
    recordChain(off, request, { content: [] } as never, { deployment: 'd' });
    expect(previousResponseIdFor(off, request, { deployment: 'd' })).toBeUndefined();
  });
});
