import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolve-config.js';

const BASE = { azure_endpoint: 'https://r.openai.azure.com', api_key: 'k' };

function problemsOf(input: Record<string, unknown>) {
  try {
    resolveConfig({ ...BASE, ...input }, {});
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('retry settings', () => {
  it('defaults to the backoff the provider always had (0.5 s doubling to 8 s, full jitter)', () => {
    const { config } = resolveConfig(BASE, {});
    expect(config.minRetryDelay).toBe(0.5);
    expect(config.maxRetryDelay).toBe(8);
    expect(config.retryJitter).toBe(1);
  });

  it('takes seconds like the Python provider, from numbers or text', () => {
    const { config } = resolveConfig(
      { ...BASE, min_retry_delay: '1', max_retry_delay: 60, retry_jitter: 0.2 },
      {},
    );
    expect([config.minRetryDelay, config.maxRetryDelay, config.retryJitter]).toEqual([1, 60, 0.2]);
  });

  it('accepts a boolean retry_jitter (true = full jitter, false = none)', () => {
    expect(resolveConfig({ ...BASE, retry_jitter: true }, {}).config.retryJitter).toBe(1);
    expect(resolveConfig({ ...BASE, retry_jitter: 'false' }, {}).config.retryJitter).toBe(0);
  });

  it('refuses a jitter outside 0..1, a negative delay, and a minimum above the maximum', () => {
    expect(problemsOf({ retry_jitter: 1.5 })[0]?.message).toMatch(
      /retry_jitter` must be a number from 0 to 1/,
    );
    expect(problemsOf({ min_retry_delay: -1 })[0]?.key).toBe('min_retry_delay');
    const [problem] = problemsOf({ min_retry_delay: 10 });
    expect(problem?.message).toContain('larger than `max_retry_delay` (8 s)');
    expect(problem?.fix).toMatch(/at most max_retry_delay/);
    expect(problemsOf({ min_retry_delay: 2, max_retry_delay: 1 })).toHaveLength(1);
  });
});

describe('raw (alias of raw_debug)', () => {
  it('sets rawDebug like raw_debug', () => {
    expect(resolveConfig({ ...BASE, debug: true, raw: true }, {}).config.rawDebug).toBe(true);
    expect(resolveConfig({ ...BASE, raw: 'false' }, {}).config.rawDebug).toBe(false);
  });

  it('names the key as written when it has no effect without debug', () => {
    const { warnings } = resolveConfig({ ...BASE, raw: true }, {});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('raw has no effect unless debug is also true.');
  });

  it('refuses raw and raw_debug with different values, and accepts them when they agree', () => {
    const [problem] = problemsOf({ raw: true, raw_debug: false });
    expect(problem?.key).toBe('raw_debug');
    expect(problem?.message).toMatch(/Both `raw` and `raw_debug` are set, to different values/);
    expect(problem?.fix).toBe('Keep only `raw_debug`.');
    expect(
      resolveConfig({ ...BASE, debug: true, raw: true, raw_debug: 'true' }, {}).config.rawDebug,
    ).toBe(true);
  });
});

describe('enable_response_chaining', () => {
  it('defaults to auto: chaining follows store, as before', () => {
    const { config } = resolveConfig(BASE, {});
    expect(config.enableResponseChaining).toBe('auto');
    expect(config.store).toBe(false);
  });

  it('takes auto, true and false (booleans as text too)', () => {
    expect(
      resolveConfig({ ...BASE, enable_response_chaining: 'AUTO' }, {}).config
        .enableResponseChaining,
    ).toBe('auto');
    expect(
      resolveConfig({ ...BASE, enable_response_chaining: 'false' }, {}).config
        .enableResponseChaining,
    ).toBe(false);
    expect(
      resolveConfig({ ...BASE, enable_response_chaining: 'yes' }, {}).config.enableResponseChaining,
    ).toBe(true);
  });

  it('true implies store unless store is set; with store = false it is refused', () => {
    expect(resolveConfig({ ...BASE, enable_response_chaining: true }, {}).config.store).toBe(true);
    const [problem] = problemsOf({ enable_response_chaining: true, store: false });
    expect(problem?.key).toBe('enable_response_chaining');
    expect(problem?.message).toMatch(/needs stored responses, but `store` is false/);
  });

  it('refuses any other value with a typed error naming the choices', () => {
    const [problem] = problemsOf({ enable_response_chaining: 'sometimes' });
    expect(problem?.key).toBe('enable_response_chaining');
    expect(problem?.message).toMatch(/must be auto, true or false; got "sometimes"/);
  });
});

describe('auto_continue', () => {
  it('is off by default, with 5 attempts when turned on', () => {
    const { config } = resolveConfig(BASE, {});
    expect(config.autoContinue).toBe(false);
    expect(config.maxContinuationAttempts).toBe(5);
    const on = resolveConfig({ ...BASE, auto_continue: 'true', max_continuation_attempts: 2 }, {});
    expect([on.config.autoContinue, on.config.maxContinuationAttempts]).toEqual([true, 2]);
  });

  it('refuses attempts that are not a whole number from 1 to 100', () => {
    for (const bad of [0, 1.5, 101, 'many']) {
      expect(problemsOf({ max_continuation_attempts: bad })[0]?.key).toBe(
        'max_continuation_attempts',
      );
    }
  });
});
