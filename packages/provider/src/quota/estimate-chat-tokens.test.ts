import { describe, expect, it } from 'vitest';
import { estimateChatTokens } from './estimate-chat-tokens.js';

const limits = { maxTokens: 4096, modelMaxOutputTokens: 16_384 };

describe('estimateChatTokens', () => {
  it('counts message text / 4 plus the max_output_tokens the request will carry', () => {
    expect(
      estimateChatTokens(
        {
          messages: [
            { role: 'system', content: 'abcd' },
            { role: 'user', content: [{ type: 'text', text: 'efghijkl' }] },
            { role: 'tool', content: [{ type: 'tool_result', tool_call_id: 'c', output: 'xyz!' }] },
          ],
          max_output_tokens: 100,
        },
        limits,
      ),
    ).toBe(4 + 100);
  });

  it('falls back to max_tokens, clamps to the model maximum and to Azure minimum of 16', () => {
    const messages = [{ role: 'user' as const, content: '' }];
    expect(estimateChatTokens({ messages }, limits)).toBe(4096);
    expect(estimateChatTokens({ messages, max_output_tokens: 99_999 }, limits)).toBe(16_384);
    expect(estimateChatTokens({ messages, max_tokens: 1 }, limits)).toBe(16);
  });
});
