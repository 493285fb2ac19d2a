import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { prepareCall } from '../provider/prepare-call.js';
import { failoverOptions } from './failover-options.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('failoverOptions', () => {
  it('carries the plan, retries, sleep and signal of the call', () => {
    const { context } = testContext([], { max_retries: 4 });
    const call = prepareCall(context, HI, undefined, true);
    const options = failoverOptions(context, call);
    expect(options.plan).toBe(call.plan);
    expect(options.registry).toBe(context.resolver);
    expect(options.maxRetries).toBe(4);
    expect(options.sleep).toBe(context.sleep);
    expect(options.signal).toBe(call.signal);
    expect(options.model).toBe(call.model);
  });

  it('translates errors with the call context', () => {
    const { context } = testContext([]);
    const call = prepareCall(context, HI, undefined, false);
    const error = failoverOptions(context, call).translate(new Error('socket hang up'), {
      deployment: 'd2',
    });
    expect(error.deployment).toBe('d2');
    expect(error.endpoint).toBe('https://unit.openai.azure.com');
  });

  it('adds retry event callbacks only with a sink', async () => {
    const { context, events } = testContext([]);
    const call = prepareCall(context, HI, undefined, false);
    expect(failoverOptions({ ...context, events: undefined }, call).onRetry).toBeUndefined();
    const options = failoverOptions(context, call);
    await options.onFailover?.({
      from: { deployment: 'a' },
      to: { deployment: 'b' },
      error: options.translate(new Error('x'), { deployment: 'a' }),
    });
    expect(events[0]).toEqual([
      'provider:failover',
      expect.objectContaining({ from_deployment: 'a', to_deployment: 'b' }),
    ]);
  });
});
