import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { completeOnce } from './complete-once.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('completeOnce', () => {
  it('answers and reports resolve, request and response, in order', async () => {
    const { context, events, requests } = testContext([]);
    const response = await completeOnce(context, HI);
    expect(response.content).toMatchObject([{ type: 'text', text: 'hi' }]);
    expect(requests[0]?.body.stream).toBeUndefined();
    expect(events.map(([name]) => name)).toEqual([
      'provider:resolve',
      'llm:request',
      'llm:response',
    ]);
    expect(context.inFlight.size).toBe(0);
  });

  it('rejects typed and scrubbed, and reports the failure', async () => {
    const { context, events } = testContext([
      { status: 429, body: { error: { message: 'slow down unit-key-123456', code: '429' } } },
    ]);
    const error = await completeOnce(context, HI).catch(thrown => thrown);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(String(error.message)).not.toContain('unit-key-123456');
    expect(events.map(([name]) => name)).toContain('provider:error');
  });
});
