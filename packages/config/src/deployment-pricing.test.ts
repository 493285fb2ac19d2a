import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { normalizeDeploymentPricing, parseDeploymentType } from './deployment-pricing.js';
import { resolveConfig } from './resolve-config.js';

const BASE = { azure_endpoint: 'https://r.openai.azure.com', api_key: 'k' };

describe('deployment_pricing', () => {
  it('normalizes prices (USD per million) and deployment types', () => {
    const { value, problems } = normalizeDeploymentPricing({
      ' eu-4o ': { input: 2.5, cached_input: 1.25, output: 10 },
      ptu: { deployment_type: 'ptu' },
      free: { input: 0, output: 0 },
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({
      'eu-4o': { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
      ptu: { deploymentType: 'PTU' },
      free: { inputPerMillion: 0, outputPerMillion: 0 },
    });
  });

  it('accepts the table as JSON text', () => {
    expect(normalizeDeploymentPricing('{"a":{"deployment_type":"PAYG"}}').value).toEqual({
      a: { deploymentType: 'PAYG' },
    });
  });

  it('names each bad entry and field with a fix', () => {
    const { value, problems } = normalizeDeploymentPricing({
      half: { input: 1 },
      neg: { input: -1, output: 1 },
      typo: { inptu: 1, output: 2 },
      kind: { deployment_type: 'reserved' },
      empty: {},
      text: 'cheap',
    });
    expect(value).toEqual({});
    expect(problems.map(problem => problem.key)).toEqual([
      'deployment_pricing.half',
      'deployment_pricing.neg.input',
      'deployment_pricing.typo',
      'deployment_pricing.kind.deployment_type',
      'deployment_pricing.empty',
      'deployment_pricing.text',
    ]);
    expect(problems[0]?.message).toContain('without both input and output');
    expect(problems[2]?.message).toContain('unknown field "inptu"');
    expect(problems.every(problem => problem.fix.includes('[deployment_pricing]'))).toBe(true);
    expect(normalizeDeploymentPricing(['a']).problems[0]?.key).toBe('deployment_pricing');
  });

  it('parses deployment types in any case', () => {
    expect(parseDeploymentType(' Ptu ')).toBe('PTU');
    expect(parseDeploymentType('payg')).toBe('PAYG');
    expect(parseDeploymentType('standard')).toBeUndefined();
    expect(parseDeploymentType(1)).toBeUndefined();
  });
});

describe('resolveConfig: concurrency and cost keys', () => {
  it('defaults to no limit, PAYG and no overrides', () => {
    const { config } = resolveConfig(BASE, {});
    expect(config.maxConcurrentRequests).toBe(0);
    expect(config.maxConcurrentRequestsPerDeployment).toBe(0);
    expect(config.deploymentType).toBe('PAYG');
    expect(config.deploymentPricing).toEqual({});
  });

  it('reads the keys (and the process limit from the environment)', () => {
    const { config, sources } = resolveConfig(
      {
        ...BASE,
        max_concurrent_requests_per_deployment: '2',
        deployment_type: 'ptu',
        deployment_pricing: { x: { input: 1, output: 2 } },
      },
      { AZURE_OPENAI_MAX_CONCURRENT_REQUESTS: '4' },
    );
    expect(config.maxConcurrentRequests).toBe(4);
    expect(sources.maxConcurrentRequests).toBe('env');
    expect(config.maxConcurrentRequestsPerDeployment).toBe(2);
    expect(config.deploymentType).toBe('PTU');
    expect(config.deploymentPricing).toEqual({ x: { inputPerMillion: 1, outputPerMillion: 2 } });
  });

  it('refuses a negative or fractional limit and an unknown deployment type', () => {
    let error: unknown;
    try {
      resolveConfig(
        {
          ...BASE,
          max_concurrent_requests: -1,
          max_concurrent_requests_per_deployment: 1.5,
          deployment_type: 'reserved',
          deployment_pricing: { y: { output: 1 } },
        },
        {},
      );
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const keys = (error as ConfigError).problems.map(problem => problem.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'max_concurrent_requests',
        'max_concurrent_requests_per_deployment',
        'deployment_type',
        'deployment_pricing.y',
      ]),
    );
  });
});
