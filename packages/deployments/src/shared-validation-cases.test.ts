import { SHARED_VALIDATION_CASES } from '@amplifier-azure-openai/validation/testing';
import { describe, expect, it } from 'vitest';
import { DeploymentConfigError } from './deployment-errors.js';
import { createDeploymentResolver } from './deployment-resolver.js';
import type { DeploymentResolverOptions } from './deployment-resolver-options.js';

const OPTION: Record<string, keyof DeploymentResolverOptions> = {
  azure_endpoint: 'azureEndpoint',
  deployment_mapping: 'deploymentMapping',
  deployment_models: 'deploymentModels',
  default_deployment: 'defaultDeployment',
};

// The same table runs in @amplifier-azure-openai/config: the same bad input gives the same words
// in both packages (one implementation, in @amplifier-azure-openai/validation).
describe('the shared validation cases, through createDeploymentResolver', () => {
  it.each(SHARED_VALIDATION_CASES.map(testCase => [testCase.name, testCase] as const))(
    '%s',
    (_name, testCase) => {
      const option = OPTION[testCase.setting] as keyof DeploymentResolverOptions;
      let thrown: unknown;
      try {
        createDeploymentResolver({ [option]: testCase.value } as DeploymentResolverOptions);
      } catch (error) {
        thrown = error;
      }
      expect(DeploymentConfigError.isInstance(thrown)).toBe(true);
      const error = thrown as DeploymentConfigError;
      expect(error.problems).toEqual([
        { key: testCase.key, message: testCase.message, fix: testCase.fix },
      ]);
      expect(error.message).toBe(
        `Invalid deployment configuration:\n- ${testCase.key}: ${testCase.message} Fix: ${testCase.fix}`,
      );
    },
  );
});
