import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, GENERIC_MODULE_KEYS } from './config-keys.js';
import { resolveConfig } from './resolve-config.js';

describe('CONFIG_KEYS', () => {
  it('describes every input field of AzureOpenAIConfig exactly once', () => {
    const { config } = resolveConfig({ azure_endpoint: 'https://x.openai.azure.com' }, {});
    const derived = ['apiSurface', 'baseUrl'];
    const optional = [
      'apiKey',
      'azureAdToken',
      'managedIdentityClientId',
      'apiVersion',
      'defaultDeployment',
      'topP',
      'reasoningEffort',
      'reasoningSummary',
      'apimSubscriptionKey',
      'promptCacheKey',
      'promptCacheRetention',
      'safetyIdentifier',
      'truncation',
      'serviceTier',
      'parallelToolCalls',
      'textVerbosity',
      'sharedStateUrl',
    ];
    const properties = CONFIG_KEYS.map(info => info.property);
    expect(new Set(properties).size).toBe(properties.length);
    expect([...properties].sort()).toEqual(
      [...Object.keys(config).filter(name => !derived.includes(name)), ...optional].sort(),
    );
  });

  it('uses snake_case keys, UPPER_CASE env vars and unique names', () => {
    const names = CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases]);
    expect(new Set(names).size).toBe(names.length);
    for (const info of CONFIG_KEYS) {
      expect(info.key).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
      for (const envVar of info.envVars) expect(envVar).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
      expect(info.description.length).toBeGreaterThan(10);
      expect(info.defaultDescription.length).toBeGreaterThan(0);
    }
  });

  it('marks exactly api_key, azure_ad_token, apim_subscription_key and shared_state_url as secrets, and azure_endpoint as required', () => {
    expect(CONFIG_KEYS.filter(info => info.secret).map(info => info.key)).toEqual([
      'api_key',
      'azure_ad_token',
      'apim_subscription_key',
      'shared_state_url',
    ]);
    expect(CONFIG_KEYS.filter(info => info.required).map(info => info.key)).toEqual([
      'azure_endpoint',
    ]);
  });

  it('lists choices for choice keys only', () => {
    for (const info of CONFIG_KEYS) {
      expect(info.choices !== undefined, info.key).toBe(info.type === 'choice');
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CONFIG_KEYS)).toBe(true);
    for (const info of CONFIG_KEYS) {
      expect(Object.isFrozen(info)).toBe(true);
      expect(Object.isFrozen(info.envVars)).toBe(true);
      expect(Object.isFrozen(info.aliases)).toBe(true);
    }
    expect(Object.isFrozen(GENERIC_MODULE_KEYS)).toBe(true);
  });

  it('does not let generic module keys shadow real keys', () => {
    const names = new Set(CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases]));
    for (const name of GENERIC_MODULE_KEYS) expect(names.has(name)).toBe(false);
  });
});
