import { SHARED_VALIDATION_CASES } from '@amplifier-azure-openai/validation/testing';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolve-config.js';

const VALID = { azure_endpoint: 'https://my-resource.openai.azure.com', api_key: 'k' };

function problemsOf(input: Record<string, unknown>, env: Record<string, string> = {}) {
  try {
    resolveConfig(input, env);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.problems;
    throw error;
  }
  throw new Error('resolveConfig accepted the value');
}

// The same table runs in @amplifier-azure-openai/deployments: the same bad input gives the same
// words in both packages (one implementation, in @amplifier-azure-openai/validation).
describe('the shared validation cases, through resolveConfig', () => {
  it.each(SHARED_VALIDATION_CASES.map(testCase => [testCase.name, testCase] as const))(
    '%s',
    (_name, testCase) => {
      const problems = problemsOf({ ...VALID, [testCase.setting]: testCase.value });
      expect(problems).toEqual([
        {
          key: testCase.key,
          source: 'config',
          code: 'invalid',
          message: testCase.message,
          fix: testCase.fix,
        },
      ]);
    },
  );

  it.each(
    SHARED_VALIDATION_CASES.filter(testCase => testCase.setting === 'deployment_mapping').map(
      testCase => [testCase.name, testCase] as const,
    ),
  )('%s, given as JSON text: parsed first, then the same words', (_name, testCase) => {
    const problems = problemsOf({ ...VALID, deployment_mapping: JSON.stringify(testCase.value) });
    expect(problems.map(problem => [problem.key, problem.message, problem.fix])).toEqual([
      [testCase.key, testCase.message, testCase.fix],
    ]);
  });
});

describe('default_deployment from the environment', () => {
  it('names the environment variable and keeps the shared rule and fix', () => {
    const problems = problemsOf(VALID, { AZURE_OPENAI_DEFAULT_DEPLOYMENT: 'team/gpt5' });
    expect(problems).toEqual([
      {
        key: 'default_deployment',
        source: 'env',
        code: 'invalid',
        message:
          'AZURE_OPENAI_DEFAULT_DEPLOYMENT contains "/" (U+002F), which Azure does not allow in a deployment name.',
        fix: 'Use the deployment name exactly as shown in Azure AI Foundry (Deployments): 1 to 64 letters, digits, "-", "_" or ".".',
      },
    ]);
  });

  it('accepts a name Azure accepts, trimmed', () => {
    const resolved = resolveConfig(VALID, { AZURE_OPENAI_DEFAULT_DEPLOYMENT: ' gpt-4.1_mini ' });
    expect(resolved.config.defaultDeployment).toBe('gpt-4.1_mini');
  });
});
