import { describe, expect, it } from 'vitest';
import { testContext, unsupportedParameterReply } from '../__fixtures__/provider-context.js';
import { createClientRequestIds } from '../client/client-request-ids.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { ChatRequest } from '../types.js';
import type { SendContext } from './build-call-body.js';
import { completeOnce } from './complete-once.js';
import { sendWithLearning, targetKey } from './send-with-learning.js';

const HI: ChatRequest = { messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 };

function attemptFor(context: ReturnType<typeof testContext>['context']): SendContext {
  const plan = context.resolver.plan('gpt-4o');
  return {
    target: plan.targets[0] ?? { deployment: 'gpt-4o' },
    resolution: plan.resolution,
    request: HI,
    signal: undefined,
    stream: false,
    ids: createClientRequestIds(),
  };
}

describe('sendWithLearning', () => {
  it('drops a parameter the deployment rejects, re-sends once, and remembers it', async () => {
    const { context, requests, events } = testContext([unsupportedParameterReply('temperature')]);
    await completeOnce(context, HI);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.body.temperature).toBe(0.2);
    expect(requests[1]?.body).not.toHaveProperty('temperature');
    expect(events.some(([name]) => name === 'provider:warning')).toBe(true);
    // The next call does not send it at all.
    await completeOnce(context, HI);
    expect(requests).toHaveLength(3);
    expect(requests[2]?.body).not.toHaveProperty('temperature');
  });

  it('passes each attempt a fresh client request id and rethrows other errors typed', async () => {
    const { context } = testContext([]);
    const seen: string[] = [];
    await expect(
      sendWithLearning(context, attemptFor(context), async (_body, id) => {
        seen.push(id);
        throw new InvalidRequestError({ message: 'no', status: 400 });
      }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(seen).toHaveLength(1);
  });

  it('does not drop the same parameter twice in one call', async () => {
    const { context } = testContext([]);
    let sends = 0;
    const attempt = attemptFor(context);
    await expect(
      sendWithLearning(context, attempt, async () => {
        sends++;
        throw new InvalidRequestError({
          message: "Unsupported parameter: 'temperature' is not supported with this model.",
          status: 400,
          code: 'unsupported_parameter',
          param: 'temperature',
        });
      }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sends).toBe(2);
    expect(context.omissions.get(targetKey(attempt.target))).toEqual(new Set(['temperature']));
  });
});

describe('targetKey', () => {
  it('keys by endpoint and deployment', () => {
    expect(targetKey({ deployment: 'd' })).toBe('d');
    expect(targetKey({ deployment: 'd', endpoint: 'https://e' })).toBe('https://e|d');
  });
});
