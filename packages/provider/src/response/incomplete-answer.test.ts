import { describe, expect, it } from 'vitest';
import { parseResponse } from './parse-response.js';

const context = { deployment: 'd', model: 'gpt-5' };

function response(fields: Record<string, unknown>) {
  return {
    id: 'resp_1',
    status: 'incomplete',
    incomplete_details: { reason: 'max_output_tokens' },
    max_output_tokens: 16,
    output: [],
    ...fields,
  };
}

describe('incomplete answers', () => {
  it('a reasoning model that spent the whole budget on reasoning says so and names max_tokens', () => {
    const chat = parseResponse(
      response({
        output: [{ id: 'rs_1', type: 'reasoning', summary: [] }],
        usage: {
          input_tokens: 5,
          output_tokens: 16,
          output_tokens_details: { reasoning_tokens: 16 },
        },
      }),
      context,
    );
    expect(chat.finish_reason).toBe('length');
    expect(chat.metadata?.incomplete_reason).toBe('max_output_tokens');
    expect(chat.metadata?.incomplete).toMatchObject({
      reason: 'max_output_tokens',
      reasoning_only: true,
    });
    expect(chat.metadata?.incomplete?.message).toMatch(
      /whole output budget \(16 tokens\) on reasoning/,
    );
    expect(chat.metadata?.incomplete?.fix).toMatch(/max_tokens/);
  });

  it('a cut-off text answer is length, not reasoning-only', () => {
    const chat = parseResponse(
      response({
        output: [
          {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            status: 'incomplete',
            content: [{ type: 'output_text', text: 'Once upon a', annotations: [] }],
          },
        ],
      }),
      context,
    );
    expect(chat.finish_reason).toBe('length');
    expect(chat.metadata?.incomplete).toMatchObject({ reasoning_only: false });
    expect(chat.metadata?.incomplete?.message).toMatch(/cut off at the output limit \(16 tokens\)/);
  });

  it('content_filter gives finish_reason content_filter with the reason', () => {
    const chat = parseResponse(
      response({ incomplete_details: { reason: 'content_filter' } }),
      context,
    );
    expect(chat.finish_reason).toBe('content_filter');
    expect(chat.metadata?.incomplete).toMatchObject({
      reason: 'content_filter',
      reasoning_only: false,
    });
  });

  it('a complete answer has no incomplete metadata', () => {
    const chat = parseResponse({ id: 'r', status: 'completed', output: [] }, context);
    expect(chat.metadata?.incomplete).toBeUndefined();
  });
});
