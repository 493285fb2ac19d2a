import { describe, expect, it } from 'vitest';
import { normalizeDeploymentMapping } from './deployment-mapping.js';
import { normalizeDefaultDeployment, normalizeDeploymentModels } from './deployment-models.js';
import { normalizeEndpoint } from './normalize-endpoint.js';
import { SHARED_VALIDATION_CASES } from './shared-validation-cases.js';

describe('normalizeDeploymentMapping', () => {
  it('normalizes every accepted shape to a frozen list of targets', () => {
    const { value, problems } = normalizeDeploymentMapping({
      ' gpt-5 ': ' prod-gpt5 ',
      'gpt-5-mini': [
        'fast-mini',
        { deployment: 'fast-mini', endpoint: 'https://westus.openai.azure.com/openai/v1/' },
        { deployment: 'backup', endpoint: '' },
      ],
      o3: { deployment: 'o3-prod', endpoint: null },
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({
      'gpt-5': [{ deployment: 'prod-gpt5' }],
      'gpt-5-mini': [
        { deployment: 'fast-mini' },
        { deployment: 'fast-mini', endpoint: 'https://westus.openai.azure.com' },
        { deployment: 'backup' },
      ],
      o3: [{ deployment: 'o3-prod' }],
    });
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value['gpt-5-mini'])).toBe(true);
    expect(Object.isFrozen(value['gpt-5-mini']?.[1])).toBe(true);
  });

  it('treats undefined and null as no mapping', () => {
    expect(normalizeDeploymentMapping(undefined)).toEqual({ value: {}, problems: [] });
    expect(normalizeDeploymentMapping(null)).toEqual({ value: {}, problems: [] });
  });

  it('does not parse JSON text (the caller parses first)', () => {
    const { problems } = normalizeDeploymentMapping('{"gpt-5":"a"}');
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'deployment_mapping',
        message: 'deployment_mapping must be a table of model name -> deployment(s); got a string.',
      }),
    ]);
  });

  it('collects every problem with its exact path, leaving bad entries out', () => {
    const { value, problems } = normalizeDeploymentMapping({
      good: 'ok',
      '': 'x',
      'bad\nmodel': 'x',
      list: ['a', 42, { endpoint: 'https://x.openai.azure.com' }],
    });
    expect(value).toEqual({ good: [{ deployment: 'ok' }] });
    expect(problems.map(problem => [problem.key, problem.path])).toEqual([
      ['deployment_mapping', 'deployment_mapping'],
      ['deployment_mapping.bad\\nmodel', 'deployment_mapping.bad\\nmodel'],
      ['deployment_mapping.list', 'deployment_mapping.list[1]'],
      ['deployment_mapping.list', 'deployment_mapping.list[2].deployment'],
    ]);
    for (const problem of problems)
      expect(
        problem.message.startsWith(problem.path) || problem.message.includes(problem.path),
      ).toBe(true);
    expect(problems[2]?.message).toBe(
      'deployment_mapping.list[1] must be a deployment name or a { deployment, endpoint } table; got a number.',
    );
    expect(problems[3]?.message).toBe(
      'deployment_mapping.list[2].deployment must be a deployment name; got nothing.',
    );
  });
});

describe('normalizeDeploymentModels and normalizeDefaultDeployment', () => {
  it('trims names and families', () => {
    expect(normalizeDeploymentModels({ ' my-prod ': ' gpt-5 ' })).toEqual({
      value: { 'my-prod': 'gpt-5' },
      problems: [],
    });
    expect(normalizeDefaultDeployment('  prod  ')).toEqual({ value: 'prod', problems: [] });
    expect(normalizeDefaultDeployment('   ')).toEqual({ value: undefined, problems: [] });
  });

  it('refuses a family that is not a non-empty string, and a name given twice', () => {
    const { problems } = normalizeDeploymentModels({ a: 5, b: 'gpt-5', ' b': 'gpt-4o' });
    expect(problems.map(problem => problem.message)).toEqual([
      'deployment_models.a must be a model family name such as "gpt-5"; got a number.',
      'deployment_models names the deployment "b" twice (names are trimmed).',
    ]);
  });

  it('refuses a default_deployment that is not a string', () => {
    expect(normalizeDefaultDeployment(42).problems[0]?.message).toBe(
      'default_deployment must be a deployment name; got a number.',
    );
  });
});

describe('SHARED_VALIDATION_CASES', () => {
  it.each(SHARED_VALIDATION_CASES.map(testCase => [testCase.name, testCase] as const))(
    '%s: the functions give the expected problem',
    (_name, testCase) => {
      const endpoint = normalizeEndpoint(String(testCase.value), '`azure_endpoint`');
      const problems =
        testCase.setting === 'azure_endpoint'
          ? [{ key: 'azure_endpoint', ...(endpoint.ok ? {} : endpoint) }]
          : testCase.setting === 'deployment_mapping'
            ? normalizeDeploymentMapping(testCase.value).problems
            : testCase.setting === 'deployment_models'
              ? normalizeDeploymentModels(testCase.value).problems
              : normalizeDefaultDeployment(testCase.value).problems;
      expect(problems).toEqual([
        expect.objectContaining({
          key: testCase.key,
          message: testCase.message,
          fix: testCase.fix,
        }),
      ]);
    },
  );
});
