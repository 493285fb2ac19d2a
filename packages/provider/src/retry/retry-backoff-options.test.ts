import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { prepareCall } from '../provider/prepare-call.js';
import { computeBackoffMs } from './backoff.js';
import { failoverOptions } from './failover-options.js';
import { retryBackoffOptions } from './retry-backoff-options.js';

const BASE = { azure_endpoint: 'https://r.openai.azure.com', api_key: 'k' };

describe('retryBackoffOptions', () => {
  it('turns the seconds of the config into milliseconds', () => {
    const { config } = resolveConfig(
      { ...BASE, min_retry_delay: 1, max_retry_delay: 60, retry_jitter: 0.2 },
      {},
    );
    expect(retryBackoffOptions(config)).toEqual({
      initialDelayMs: 1000,
      maxDelayMs: 60000,
      jitter: 0.2,
    });
  });

  it('keeps the historic backoff by default (0.5 s doubling to 8 s, full jitter)', () => {
    const options = retryBackoffOptions(resolveConfig(BASE, {}).config);
    const delays = [0, 1, 2, 3, 4, 5].map(n =>
      computeBackoffMs(n, { ...options, random: () => 1 }),
    );
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(computeBackoffMs(2, { ...options, random: () => 0 })).toBe(0);
  });

  it('a hand-built config without the keys keeps the defaults', () => {
    expect(retryBackoffOptions({})).toEqual({});
  });
});

describe('computeBackoffMs jitter', () => {
  it('picks the wait in [(1 - jitter) * d, d]', () => {
    const options = { initialDelayMs: 1000, maxDelayMs: 60000, jitter: 0.2 };
    expect(computeBackoffMs(1, { ...options, random: () => 0 })).toBe(1600);
    expect(computeBackoffMs(1, { ...options, random: () => 0.999999 })).toBe(2000);
    expect(computeBackoffMs(10, { ...options, jitter: 0, random: () => 0 })).toBe(60000);
  });
});

describe('failoverOptions backoff', () => {
  it('carries min_retry_delay / max_retry_delay / retry_jitter to the retry loop', () => {
    const { context } = testContext([], {
      min_retry_delay: 2,
      max_retry_delay: 3,
      retry_jitter: 0,
    });
    const call = prepareCall(
      context,
      { messages: [{ role: 'user', content: 'hi' }] },
      undefined,
      false,
    );
    expect(failoverOptions(context, call).backoff).toEqual({
      initialDelayMs: 2000,
      maxDelayMs: 3000,
      jitter: 0,
    });
  });
});
