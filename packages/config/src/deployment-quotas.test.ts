import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolve-config.js';

const BASE = { azure_endpoint: 'https://x.openai.azure.com', api_key: 'k' };

describe('deployment_quotas and shared_state_url', () => {
  it('normalizes quotas (TOML snake_case, JSON text) into camelCase', () => {
    const { config } = resolveConfig({
      ...BASE,
      deployment_quotas: { east: { tpm: 30000, rpm: 180 }, west: { rpm: 6, window_seconds: 10 } },
    });
    expect(config.deploymentQuotas).toEqual({
      east: { tpm: 30000, rpm: 180 },
      west: { rpm: 6, windowSeconds: 10 },
    });
    expect(
      resolveConfig({ ...BASE, deployment_quotas: '{"east":{"tpm":5}}' }).config.deploymentQuotas,
    ).toEqual({ east: { tpm: 5 } });
  });

  it('reports every bad quota entry with its key and a fix', () => {
    let error: unknown;
    try {
      resolveConfig({
        ...BASE,
        deployment_quotas: { a: { tpm: 0 }, b: { tokens: 5 }, c: {}, d: 'fast' },
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const problems = (error as ConfigError).problems;
    expect(problems.map(problem => problem.key)).toEqual([
      'deployment_quotas.a.tpm',
      'deployment_quotas.b',
      'deployment_quotas.c',
      'deployment_quotas.d',
    ]);
    for (const problem of problems) expect(problem.fix).toContain('tpm = 30000');
  });

  it('keeps shared_state_url secret and refuses a non-redis URL without echoing it', () => {
    const { config } = resolveConfig(BASE, {
      AZURE_OPENAI_SHARED_STATE_URL: 'redis://:hunter2@cache:6379',
    });
    expect(config.sharedStateUrl?.reveal()).toBe('redis://:hunter2@cache:6379');
    expect(JSON.stringify(config)).not.toContain('hunter2');
    let error: unknown;
    try {
      resolveConfig({ ...BASE, shared_state_url: 'http://user:hunter2@cache' });
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).problems[0]).toMatchObject({ key: 'shared_state_url' });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});
