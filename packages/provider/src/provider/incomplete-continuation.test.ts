import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { AbortedError } from '../errors/aborted-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ServiceUnavailableError } from '../errors/service-unavailable-error.js';
import type { ChatRequest, ChatResponse } from '../types.js';
import {
  completeWithContinuation,
  continuationRequest,
  continuationSettings,
  isContinuable,
  mergeContinuations,
} from './incomplete-continuation.js';

const REQUEST: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'write' }] };

function part(text: string, id: string, incomplete: boolean): ChatResponse {
  return {
    content: [{ type: 'text', text, item_id: `msg_${id}` }],
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, reasoning_tokens: 1 },
    finish_reason: incomplete ? 'length' : 'stop',
    metadata: {
      response_id: `resp_${id}`,
      deployment: 'gpt-4o',
      status: incomplete ? 'incomplete' : 'completed',
      ...(incomplete ? { incomplete_reason: 'max_output_tokens' } : {}),
    },
  };
}

describe('continuationSettings', () => {
  it('takes the config, and a boolean per request (field or metadata) over it', () => {
    expect(continuationSettings({}, REQUEST)).toEqual({ enabled: false, maxAttempts: 5 });
    expect(
      continuationSettings({ autoContinue: true, maxContinuationAttempts: 2 }, REQUEST),
    ).toEqual({ enabled: true, maxAttempts: 2 });
    expect(
      continuationSettings(
        { autoContinue: true },
        { ...REQUEST, metadata: { auto_continue: false } },
      ).enabled,
    ).toBe(false);
    expect(
      continuationSettings({}, { ...REQUEST, auto_continue: true } as ChatRequest).enabled,
    ).toBe(true);
  });

  it('refuses anything but a boolean with a typed error', () => {
    for (const bad of ['true', 1, {}]) {
      expect(() =>
        continuationSettings({}, { ...REQUEST, metadata: { auto_continue: bad } }),
      ).toThrow(InvalidRequestError);
    }
  });
});

describe('isContinuable', () => {
  it('only answers cut at max_output_tokens without a tool call', () => {
    expect(isContinuable(part('a', '1', true))).toBe(true);
    expect(isContinuable(part('a', '1', false))).toBe(false);
    const filtered = part('a', '1', true);
    filtered.metadata = { ...filtered.metadata, incomplete_reason: 'content_filter' };
    expect(isContinuable(filtered)).toBe(false);
    const withCall = part('a', '1', true);
    withCall.content.push({ type: 'tool_call', id: 'c', name: 'f', input: {} });
    expect(isContinuable(withCall)).toBe(false);
  });
});

describe('continuationRequest and mergeContinuations', () => {
  it('appends each part as an assistant message', () => {
    const next = continuationRequest(REQUEST, [part('a', '1', true), part(' b', '2', true)]);
    expect(next.messages.map(message => message.role)).toEqual(['user', 'assistant', 'assistant']);
    expect(REQUEST.messages).toHaveLength(1);
  });

  it('joins continued text, sums usage and keeps the last part status and metadata', () => {
    const thinking = { type: 'thinking' as const, thinking: 'plan' };
    const first = part('Hello', '1', true);
    const second = part(' world', '2', true);
    second.content.unshift(thinking);
    const third = part(' again', '3', false);
    const merged = mergeContinuations([first, second, third]);
    expect(merged.content).toEqual([
      { type: 'text', text: 'Hello', item_id: 'msg_1' },
      thinking,
      { type: 'text', text: ' world again' },
    ]);
    expect(merged.usage).toEqual({
      input_tokens: 30,
      output_tokens: 15,
      total_tokens: 45,
      reasoning_tokens: 3,
    });
    expect(merged.finish_reason).toBe('stop');
    expect(merged.metadata).toMatchObject({ response_id: 'resp_3', continuation_count: 2 });
    expect(mergeContinuations([first])).toBe(first);
  });

  it('sums cost_usd exactly when every part was priced, and gives none when one was not', () => {
    const priced = (text: string, id: string, cost: string | undefined, incomplete: boolean) => {
      const answer = part(text, id, incomplete);
      if (answer.usage !== undefined && cost !== undefined) answer.usage.cost_usd = cost;
      return answer;
    };
    const all = mergeContinuations([priced('a', '1', '0.1', true), priced('b', '2', '0.2', false)]);
    expect(all.usage?.cost_usd).toBe('0.3');
    const partial = mergeContinuations([
      priced('a', '1', '0.1', true),
      priced('b', '2', undefined, false),
    ]);
    expect(partial.usage?.cost_usd).toBeUndefined();
  });
});

describe('completeWithContinuation', () => {
  it('a failed continuation returns the answer so far, still incomplete, with a warning', async () => {
    const { context, events } = testContext([], { auto_continue: true });
    const replies: Array<ChatResponse | Error> = [
      part('Hello', '1', true),
      new ServiceUnavailableError({ message: 'down', status: 503 }),
    ];
    const merged = await completeWithContinuation(context, REQUEST, async () => {
      const next = replies.shift();
      if (next instanceof Error) throw next;
      return next as ChatResponse;
    });
    expect(merged.metadata?.status).toBe('incomplete');
    expect(merged.content).toEqual([{ type: 'text', text: 'Hello', item_id: 'msg_1' }]);
    const warning = events.find(([name]) => name === 'provider:warning')?.[1];
    expect(warning?.message).toMatch(/Continuation 1 .* failed \(ServiceUnavailableError: down\)/);
  });

  it('cancellation during a continuation still rejects', async () => {
    const { context } = testContext([], { auto_continue: true });
    let calls = 0;
    await expect(
      completeWithContinuation(context, REQUEST, async () => {
        calls++;
        if (calls === 1) return part('Hello', '1', true);
        throw new AbortedError({ message: 'cancelled' });
      }),
    ).rejects.toThrow(AbortedError);
  });

  it('stops at max_attempts with the answer still marked incomplete', async () => {
    const { context, events } = testContext([], {
      auto_continue: true,
      max_continuation_attempts: 2,
    });
    let n = 0;
    const merged = await completeWithContinuation(context, REQUEST, async () =>
      part(`p${++n}`, String(n), true),
    );
    expect(n).toBe(3);
    expect(merged.finish_reason).toBe('length');
    expect(merged.metadata?.continuation_count).toBe(2);
    expect(
      events
        .filter(([name]) => name === 'provider:incomplete_continuation')
        .map(([, p]) => p.continuation_number),
    ).toEqual([1, 2]);
  });
});
