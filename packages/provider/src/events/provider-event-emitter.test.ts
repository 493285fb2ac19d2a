import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { AbortedError } from '../errors/aborted-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { prepareCall } from '../provider/prepare-call.js';
import { emit, emitFailure, emitRequest, retryEvents, warn } from './provider-event-emitter.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

function logger() {
  const warnings: Array<[string, unknown]> = [];
  return {
    warnings,
    debug() {},
    info() {},
    error() {},
    warn(message: string, data?: unknown) {
      warnings.push([message, data]);
    },
  };
}

describe('emit', () => {
  it("scrubs the provider's credentials out of payloads", async () => {
    const { context, events } = testContext([]);
    await emit(context, 'x', { echoed: 'key unit-key-123456 here' });
    expect(JSON.stringify(events)).not.toContain('unit-key-123456');
  });

  it('logs a failing sink and never throws', async () => {
    const { context } = testContext([]);
    const log = logger();
    const sink = {
      emit: async () => {
        throw new Error('sink down');
      },
    };
    await emit({ ...context, events: sink, logger: log }, 'llm:request', {});
    expect(log.warnings).toEqual([['Event sink failed for llm:request', { error: 'sink down' }]]);
  });

  it('does nothing without a sink', async () => {
    const { context } = testContext([]);
    await expect(emit({ ...context, events: undefined }, 'x', {})).resolves.toBeUndefined();
  });
});

describe('warn', () => {
  it('logs and emits provider:warning', async () => {
    const { context, events } = testContext([]);
    const log = logger();
    await warn({ ...context, logger: log }, 'careful', { deployment: 'd' });
    expect(log.warnings[0]?.[0]).toBe('careful');
    expect(events).toEqual([
      ['provider:warning', { provider: 'azure-openai', message: 'careful', deployment: 'd' }],
    ]);
  });
});

describe('call events', () => {
  it('emitRequest sends provider:resolve then llm:request', async () => {
    const { context, events } = testContext([]);
    const call = prepareCall(context, HI, undefined, false);
    await emitRequest(context, call, HI, true);
    expect(events.map(([name]) => name)).toEqual(['provider:resolve', 'llm:request']);
    expect(events[1]?.[1]).toMatchObject({ message_count: 1, tool_count: 0, stream: true });
  });

  it('emitFailure reports a cancelled call as llm:response only', async () => {
    const { context, events } = testContext([]);
    const call = prepareCall(context, HI, undefined, false);
    await emitFailure(context, call, new AbortedError({ message: 'cancelled' }));
    expect(events.map(([name]) => name)).toEqual(['llm:response']);
    events.length = 0;
    await emitFailure(context, call, new RateLimitError({ message: 'slow down', status: 429 }));
    expect(events.map(([name]) => name)).toEqual(['provider:error', 'llm:response']);
    expect(events[1]?.[1]).toMatchObject({ status: 'error', error: { type: 'RateLimitError' } });
  });

  it('retryEvents gives no callbacks without a sink', () => {
    const { context } = testContext([]);
    expect(retryEvents({ ...context, events: undefined }, 'gpt-4o')).toEqual({});
    expect(Object.keys(retryEvents(context, 'gpt-4o'))).toEqual([
      'onRetry',
      'onThrottle',
      'onFailover',
    ]);
  });
});
