import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { prepareCall } from './prepare-call.js';
import { quotaCall } from './quota-call.js';

const HI = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('quotaCall', () => {
  it('estimates the tokens and bounds the waits by timeout and the failover threshold', () => {
    const { context } = testContext([], { timeout: 30, max_tokens: 100 });
    const call = prepareCall(context, HI, undefined, false);
    const quota = quotaCall(context, call, HI);
    expect(quota.maxWaitMs).toBe(30_000);
    expect(quota.attemptWaitMs).toBe(context.config.failoverRetryAfterThresholdSeconds * 1000);
    expect(quota.registry).toBe(context.resolver);
    // At least the output budget asked for, plus something for the prompt.
    expect(quota.tokens).toBeGreaterThan(100);
  });
});

describe('the quota runtime of a context', () => {
  it('exists only with deployment_quotas (or shared_state_url)', async () => {
    expect(testContext([]).context.quota).toBeUndefined();
    const { context } = testContext([], { deployment_quotas: { 'gpt-4o': { tpm: 1000 } } });
    expect(context.quota).toBeDefined();
    await context.quota?.close();
  });
});
