import { describe, expect, it } from 'vitest';
import { DeploymentConfigError, DeploymentError } from './deployment-errors.js';
import { createDeploymentResolver } from './deployment-resolver.js';
import type { DeploymentResolverOptions } from './deployment-resolver-options.js';

function configError(options: unknown): DeploymentConfigError {
  try {
    createDeploymentResolver(options as DeploymentResolverOptions);
  } catch (error) {
    if (DeploymentConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DeploymentConfigError');
}

describe('bad deployment_mapping values give a DeploymentConfigError naming the key', () => {
  const cases: Array<{ name: string; value: unknown; message: RegExp }> = [
    { name: 'an empty string', value: '', message: /is an empty deployment name/ },
    { name: 'a blank string', value: '   ', message: /is an empty deployment name/ },
    { name: 'an empty list', value: [], message: /empty list/ },
    { name: 'a number', value: 5, message: /got a number/ },
    { name: 'a boolean', value: true, message: /got a boolean/ },
    { name: 'null', value: null, message: /got null/ },
    {
      name: 'a list holding a non-string',
      value: ['ok', 7],
      message: /^deployment_mapping\.gpt-5\[1\] .*got a number/,
    },
    {
      name: 'a list holding an empty string',
      value: ['ok', ''],
      message: /^deployment_mapping\.gpt-5\[1\] is an empty deployment name/,
    },
    {
      name: 'a nested list',
      value: [['a']],
      message: /^deployment_mapping\.gpt-5\[0\] .*got a list/,
    },
    {
      name: 'an object without deployment',
      value: { endpoint: 'https://x.openai.azure.com' },
      message: /\.deployment must be a deployment name; got nothing/,
    },
    {
      name: 'an object with a non-string deployment',
      value: { deployment: 3 },
      message: /\.deployment must be a deployment name; got a number/,
    },
    {
      name: 'an object with an empty deployment',
      value: { deployment: ' ' },
      message: /\.deployment is an empty deployment name/,
    },
    {
      name: 'an object with an unknown field',
      value: { deployment: 'a', region: 'eu' },
      message: /unknown field\(s\) `region`/,
    },
    {
      name: 'a bad endpoint',
      value: { deployment: 'a', endpoint: 'not a url' },
      message: /\.endpoint must be a full URL/,
    },
    {
      name: 'a non-http endpoint',
      value: { deployment: 'a', endpoint: 'ftp://x.openai.azure.com' },
      message: /must use https:\/\/ \(got ftp:\/\/\)/,
    },
    {
      name: 'a non-string endpoint',
      value: { deployment: 'a', endpoint: 443 },
      message: /\.endpoint must be a URL string; got a number/,
    },
    {
      name: 'a deployment name with a slash',
      value: 'team/gpt5',
      message: /contains "\/" \(U\+002F\), which Azure does not allow/,
    },
    {
      name: 'a repeated target',
      value: ['a', { deployment: 'a' }],
      message: /\[1\] repeats the deployment "a"/,
    },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, () => {
      const error = configError({ deploymentMapping: { 'gpt-5': testCase.value } });
      expect(error.name).toBe('DeploymentConfigError');
      expect(DeploymentError.isInstance(error)).toBe(true);
      expect(error.key).toBe('deployment_mapping.gpt-5');
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]?.message).toMatch(testCase.message);
      expect(error.fix.length).toBeGreaterThan(10);
      expect(error.message).toContain('deployment_mapping.gpt-5:');
      expect(error.message).toContain('Fix:');
    });
  }

  it('collects every problem, in order, each with its own key and fix', () => {
    const error = configError({
      deploymentMapping: { 'gpt-5': '', 'gpt-5-mini': [], fine: 'ok', o3: 12 },
      defaultDeployment: 7,
      deploymentModels: { 'my-prod': '' },
      failoverRetryAfterThresholdSeconds: -1,
    });
    expect(error.problems.map(problem => problem.key)).toEqual([
      'deployment_mapping.gpt-5',
      'deployment_mapping.gpt-5-mini',
      'deployment_mapping.o3',
      'default_deployment',
      'deployment_models.my-prod',
      'failover_retry_after_threshold_seconds',
    ]);
    expect(error.key).toBe('deployment_mapping.gpt-5');
    expect(error.message).toMatch(/^Invalid deployment configuration \(6 problems\):/);
    for (const problem of error.problems) expect(problem.fix).not.toBe('');
  });

  it('reports every bad element of one list', () => {
    const error = configError({ deploymentMapping: { 'gpt-5': ['', 3, { endpoint: 'x' }] } });
    expect(error.problems.map(problem => problem.message)).toEqual([
      'deployment_mapping.gpt-5[0] is an empty deployment name.',
      'deployment_mapping.gpt-5[1] must be a deployment name or a { deployment, endpoint } table; got a number.',
      'deployment_mapping.gpt-5[2].deployment must be a deployment name; got nothing.',
      'deployment_mapping.gpt-5[2].endpoint must be a full URL starting with https://.',
    ]);
  });

  it('rejects a mapping that is not a table, and an empty model name', () => {
    expect(configError({ deploymentMapping: ['gpt-5'] }).key).toBe('deployment_mapping');
    expect(configError({ deploymentMapping: 'gpt-5' }).key).toBe('deployment_mapping');
    const blank = configError({ deploymentMapping: { ' ': 'a' } });
    expect(blank.key).toBe('deployment_mapping');
    expect(blank.problems[0]?.message).toMatch(/empty model name/);
    expect(configError({ deploymentMapping: { 'gpt-5': 'a', ' gpt-5 ': 'b' } }).key).toBe(
      'deployment_mapping.gpt-5',
    );
  });

  it('never echoes credentials or query strings of a bad endpoint', () => {
    const error = configError({
      deploymentMapping: {
        a: { deployment: 'a', endpoint: 'https://user:hunter2@x.openai.azure.com' },
        b: { deployment: 'b', endpoint: 'https://x.openai.azure.com/?sig=topsecret' },
      },
    });
    expect(error.problems.map(problem => problem.key)).toEqual([
      'deployment_mapping.a',
      'deployment_mapping.b',
    ]);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('topsecret');
    expect(JSON.stringify(error.problems)).not.toContain('hunter2');
    const pasted = configError({
      deploymentMapping: { a: { deployment: 'a', endpoint: 'sk-0123456789abcdef' } },
    });
    expect(pasted.message).not.toContain('0123456789abcdef');
  });
});

describe('other options', () => {
  it('validates deployment_models, the threshold, limits and injected functions', () => {
    expect(configError({ deploymentModels: { 'my-prod': 5 } }).key).toBe(
      'deployment_models.my-prod',
    );
    expect(configError({ deploymentModels: 'gpt-5' }).key).toBe('deployment_models');
    expect(configError({ deploymentModels: { ' ': 'gpt-5' } }).key).toBe('deployment_models');
    expect(configError({ defaultDeployment: 'has space' }).key).toBe('default_deployment');
    expect(configError({ failoverRetryAfterThresholdSeconds: Number.NaN }).key).toBe(
      'failover_retry_after_threshold_seconds',
    );
    expect(configError({ failoverRetryAfterThresholdSeconds: '10' }).key).toBe(
      'failover_retry_after_threshold_seconds',
    );
    expect(configError({ maxTokens: 0 }).key).toBe('max_tokens');
    expect(configError({ temperature: -1 }).key).toBe('temperature');
    expect(configError({ azureEndpoint: 'nope' }).key).toBe('azure_endpoint');
    expect(configError({ now: 5 }).key).toBe('now');
    expect(configError({ logger: { debug() {} } }).key).toBe('logger');
    expect(configError(null).key).toBe('deployment_mapping');
  });

  it('accepts the normalized config object of @amplifier-azure-openai/config structurally', () => {
    // Same shape as AzureOpenAIConfig (frozen, camelCase, extra fields ignored).
    const config = Object.freeze({
      azureEndpoint: 'https://main.openai.azure.com',
      useManagedIdentity: false,
      useDefaultCredential: false,
      tokenScope: 'https://cognitiveservices.azure.com/.default',
      deploymentMapping: Object.freeze({
        'gpt-5': Object.freeze([
          Object.freeze({ deployment: 'production-gpt5' }),
          Object.freeze({
            deployment: 'production-gpt5',
            endpoint: 'https://westus.openai.azure.com',
          }),
        ]),
        'gpt-5-mini': Object.freeze([Object.freeze({ deployment: 'fast-mini' })]),
      }),
      deploymentModels: Object.freeze({}),
      defaultModel: 'gpt-5',
      maxTokens: 4096,
      temperature: 0.7,
      maxRetries: 3,
      failoverRetryAfterThresholdSeconds: 10,
      store: false,
      debug: false,
      rawDebug: false,
    });
    const resolver = createDeploymentResolver(config);
    expect(resolver.resolve('gpt-5').targets).toHaveLength(2);
    expect(resolver.resolve('gpt-5-mini').description).toBe('gpt-5-mini -> fast-mini (mapping)');
  });

  it('explains a ResolvedConfig passed instead of its config', () => {
    const error = configError({ config: { deploymentMapping: {} }, sources: {}, warnings: [] });
    expect(error.fix).toContain('resolved.config');
  });

  it('treats an undefined, null or blank endpoint as no endpoint', () => {
    const resolver = createDeploymentResolver({
      deploymentMapping: {
        a: { deployment: 'a', endpoint: undefined },
        b: { deployment: 'b', endpoint: null },
        c: { deployment: 'c', endpoint: '  ' },
      },
    });
    expect(resolver.resolve('a').primary).toEqual({ deployment: 'a' });
    expect(resolver.resolve('b').primary).toEqual({ deployment: 'b' });
    expect(resolver.resolve('c').primary).toEqual({ deployment: 'c' });
  });

  it('refuses plain http endpoints except on loopback', () => {
    expect(
      configError({
        deploymentMapping: { a: { deployment: 'a', endpoint: 'http://x.openai.azure.com' } },
      }).problems[0]?.message,
    ).toMatch(/clear text/);
    const resolver = createDeploymentResolver({
      deploymentMapping: { a: { deployment: 'a', endpoint: 'http://127.0.0.1:4000/openai/v1' } },
    });
    expect(resolver.resolve('a').primary.endpoint).toBe('http://127.0.0.1:4000');
  });
});
