import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { CONFIG_KEYS, DEFAULT_TOKEN_SCOPE } from './config-keys.js';
import { resolveConfig } from './resolve-config.js';
import type { AzureOpenAIConfig, ConfigProblem } from './types.js';

const ENDPOINT = 'https://my-resource.openai.azure.com';
const BASE = { azure_endpoint: ENDPOINT };

/** Runs `fn`, expects a ConfigError, and returns it. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function problemFor(error: ConfigError, key: string): ConfigProblem {
  const problem = error.problems.find(candidate => candidate.key === key);
  if (!problem) {
    throw new Error(`no problem for ${key}: ${JSON.stringify(error.problems, null, 2)}`);
  }
  return problem;
}

type Reader = (config: AzureOpenAIConfig) => unknown;

interface Row {
  key: string;
  envVar: string;
  property: keyof AzureOpenAIConfig;
  configValue: unknown;
  envValue: string;
  fromConfig: unknown;
  fromEnv: unknown;
  read?: Reader;
}

const secretReader =
  (property: 'apiKey' | 'azureAdToken' | 'apimSubscriptionKey' | 'sharedStateUrl'): Reader =>
  config =>
    config[property]?.reveal();

/** Every row of the table that has environment fallbacks, once per variable. */
const ROWS: Row[] = [
  {
    key: 'azure_endpoint',
    envVar: 'AZURE_OPENAI_ENDPOINT',
    property: 'azureEndpoint',
    configValue: 'https://from-config.openai.azure.com',
    envValue: 'https://from-env.openai.azure.com',
    fromConfig: 'https://from-config.openai.azure.com',
    fromEnv: 'https://from-env.openai.azure.com',
  },
  {
    key: 'azure_endpoint',
    envVar: 'AZURE_OPENAI_BASE_URL',
    property: 'azureEndpoint',
    configValue: 'https://from-config.openai.azure.com',
    envValue: 'https://from-base-url.openai.azure.com/openai/v1/',
    fromConfig: 'https://from-config.openai.azure.com',
    fromEnv: 'https://from-base-url.openai.azure.com',
  },
  {
    key: 'api_key',
    envVar: 'AZURE_OPENAI_API_KEY',
    property: 'apiKey',
    configValue: 'key-from-config',
    envValue: 'key-from-env',
    fromConfig: 'key-from-config',
    fromEnv: 'key-from-env',
    read: secretReader('apiKey'),
  },
  {
    key: 'api_key',
    envVar: 'AZURE_OPENAI_KEY',
    property: 'apiKey',
    configValue: 'key-from-config',
    envValue: 'key-from-legacy-env',
    fromConfig: 'key-from-config',
    fromEnv: 'key-from-legacy-env',
    read: secretReader('apiKey'),
  },
  {
    key: 'azure_ad_token',
    envVar: 'AZURE_OPENAI_AD_TOKEN',
    property: 'azureAdToken',
    configValue: 'token-from-config',
    envValue: 'token-from-env',
    fromConfig: 'token-from-config',
    fromEnv: 'token-from-env',
    read: secretReader('azureAdToken'),
  },
  {
    key: 'apim_subscription_key',
    envVar: 'AZURE_APIM_SUBSCRIPTION_KEY',
    property: 'apimSubscriptionKey',
    configValue: 'apim-from-config',
    envValue: 'apim-from-env',
    fromConfig: 'apim-from-config',
    fromEnv: 'apim-from-env',
    read: secretReader('apimSubscriptionKey'),
  },
  {
    key: 'use_managed_identity',
    envVar: 'AZURE_USE_MANAGED_IDENTITY',
    property: 'useManagedIdentity',
    configValue: false,
    envValue: 'YES',
    fromConfig: false,
    fromEnv: true,
  },
  {
    key: 'use_default_credential',
    envVar: 'AZURE_USE_DEFAULT_CREDENTIAL',
    property: 'useDefaultCredential',
    configValue: 'false',
    envValue: '1',
    fromConfig: false,
    fromEnv: true,
  },
  {
    key: 'managed_identity_client_id',
    envVar: 'AZURE_MANAGED_IDENTITY_CLIENT_ID',
    property: 'managedIdentityClientId',
    configValue: 'client-from-config',
    envValue: 'client-from-env',
    fromConfig: 'client-from-config',
    fromEnv: 'client-from-env',
  },
  {
    key: 'token_scope',
    envVar: 'AZURE_OPENAI_TOKEN_SCOPE',
    property: 'tokenScope',
    configValue: 'api://config/.default',
    envValue: 'api://env/.default',
    fromConfig: 'api://config/.default',
    fromEnv: 'api://env/.default',
  },
  {
    key: 'api_version',
    envVar: 'AZURE_OPENAI_API_VERSION',
    property: 'apiVersion',
    configValue: 'v1',
    envValue: '2025-04-01-preview',
    fromConfig: 'v1',
    fromEnv: '2025-04-01-preview',
  },
  {
    key: 'default_deployment',
    envVar: 'AZURE_OPENAI_DEFAULT_DEPLOYMENT',
    property: 'defaultDeployment',
    configValue: 'deployment-from-config',
    envValue: 'deployment-from-env',
    fromConfig: 'deployment-from-config',
    fromEnv: 'deployment-from-env',
  },
  {
    key: 'shared_state_url',
    envVar: 'AZURE_OPENAI_SHARED_STATE_URL',
    property: 'sharedStateUrl',
    configValue: 'redis://config:6379',
    envValue: 'redis://env:6379',
    fromConfig: 'redis://config:6379',
    fromEnv: 'redis://env:6379',
    read: secretReader('sharedStateUrl'),
  },
  {
    key: 'max_concurrent_requests',
    envVar: 'AZURE_OPENAI_MAX_CONCURRENT_REQUESTS',
    property: 'maxConcurrentRequests',
    configValue: 3,
    envValue: '5',
    fromConfig: 3,
    fromEnv: 5,
  },
  {
    key: 'default_model',
    envVar: 'AZURE_OPENAI_DEFAULT_MODEL',
    property: 'defaultModel',
    configValue: 'gpt-4.1',
    envValue: 'o4-mini',
    fromConfig: 'gpt-4.1',
    fromEnv: 'o4-mini',
  },
  {
    key: 'max_tokens',
    envVar: 'AZURE_OPENAI_MAX_OUTPUT_TOKENS',
    property: 'maxTokens',
    configValue: 1000,
    envValue: '2000',
    fromConfig: 1000,
    fromEnv: 2000,
  },
  {
    key: 'temperature',
    envVar: 'AZURE_OPENAI_TEMPERATURE',
    property: 'temperature',
    configValue: 0.2,
    envValue: '1.5',
    fromConfig: 0.2,
    fromEnv: 1.5,
  },
];

function baseFor(key: string): Record<string, unknown> {
  return key === 'azure_endpoint' ? {} : { ...BASE };
}

describe('resolveConfig precedence (every row of the table)', () => {
  it('covers every environment variable in CONFIG_KEYS', () => {
    const covered = new Set(ROWS.map(row => row.envVar));
    const declared = CONFIG_KEYS.flatMap(info => info.envVars);
    expect([...covered].sort()).toEqual([...declared].sort());
  });

  describe.each(ROWS)('$key / $envVar', row => {
    const read: Reader = row.read ?? (config => config[row.property]);

    it('config wins over env', () => {
      const resolved = resolveConfig(
        { ...baseFor(row.key), [row.key]: row.configValue },
        { [row.envVar]: row.envValue },
      );
      expect(read(resolved.config)).toEqual(row.fromConfig);
      expect(resolved.sources[row.property]).toBe('config');
    });

    it('env wins over default', () => {
      const resolved = resolveConfig(baseFor(row.key), { [row.envVar]: row.envValue });
      expect(read(resolved.config)).toEqual(row.fromEnv);
      expect(resolved.sources[row.property]).toBe('env');
    });

    it('an empty or whitespace value counts as unset (config and env)', () => {
      const resolved = resolveConfig(
        { ...baseFor(row.key), [row.key]: '   ' },
        { [row.envVar]: row.envValue },
      );
      expect(read(resolved.config)).toEqual(row.fromEnv);
      expect(resolved.sources[row.property]).toBe('env');
      if (row.key !== 'azure_endpoint') {
        const unset = resolveConfig(baseFor(row.key), { [row.envVar]: ' \t' });
        expect(unset.sources[row.property]).toBe('default');
      }
    });
  });

  it('AZURE_OPENAI_ENDPOINT wins over AZURE_OPENAI_BASE_URL', () => {
    const { config } = resolveConfig(
      {},
      {
        AZURE_OPENAI_ENDPOINT: 'https://first.openai.azure.com',
        AZURE_OPENAI_BASE_URL: 'https://second.openai.azure.com',
      },
    );
    expect(config.azureEndpoint).toBe('https://first.openai.azure.com');
  });

  it('AZURE_OPENAI_API_KEY wins over AZURE_OPENAI_KEY, and an empty first one falls through', () => {
    const both = resolveConfig(BASE, { AZURE_OPENAI_API_KEY: 'first', AZURE_OPENAI_KEY: 'second' });
    expect(both.config.apiKey?.reveal()).toBe('first');
    const empty = resolveConfig(BASE, { AZURE_OPENAI_API_KEY: '', AZURE_OPENAI_KEY: 'second' });
    expect(empty.config.apiKey?.reveal()).toBe('second');
  });

  it('null config values count as unset', () => {
    const { config, sources } = resolveConfig(
      { ...BASE, temperature: null },
      { AZURE_OPENAI_TEMPERATURE: '0.1' },
    );
    expect(config.temperature).toBe(0.1);
    expect(sources.temperature).toBe('env');
  });

  it('max_output_tokens is an alias of max_tokens', () => {
    const { config, sources } = resolveConfig(
      { ...BASE, max_output_tokens: 777 },
      { AZURE_OPENAI_MAX_OUTPUT_TOKENS: '5' },
    );
    expect(config.maxTokens).toBe(777);
    expect(sources.maxTokens).toBe('config');
  });

  it('max_tokens and max_output_tokens may both be given when they agree', () => {
    const { config } = resolveConfig({ ...BASE, max_tokens: 100, max_output_tokens: '100' }, {});
    expect(config.maxTokens).toBe(100);
  });

  it('a table for one of max_tokens / max_output_tokens gives a ConfigError, not a TypeError', () => {
    const table = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(() => resolveConfig({ ...BASE, max_output_tokens: table, max_tokens: 'x' }, {})).toThrow(
      ConfigError,
    );
  });

  it('keys without environment fallbacks ignore look-alike variables', () => {
    const { config, sources } = resolveConfig(BASE, {
      DEBUG: 'true',
      AZURE_OPENAI_DEBUG: 'true',
      AZURE_OPENAI_TIMEOUT: '5',
      AZURE_OPENAI_MAX_RETRIES: '9',
    });
    expect(config.debug).toBe(false);
    expect(config.timeout).toBe(600);
    expect(config.maxRetries).toBe(3);
    expect(sources.debug).toBe('default');
  });

  it('reads process.env when no env is given', () => {
    const previous = process.env.AZURE_OPENAI_ENDPOINT;
    process.env.AZURE_OPENAI_ENDPOINT = 'https://process-env.openai.azure.com';
    try {
      expect(resolveConfig().config.azureEndpoint).toBe('https://process-env.openai.azure.com');
    } finally {
      if (previous === undefined) delete process.env.AZURE_OPENAI_ENDPOINT;
      else process.env.AZURE_OPENAI_ENDPOINT = previous;
    }
  });
});

describe('resolveConfig defaults', () => {
  it('applies every default when only the endpoint is given', () => {
    const { config, sources, warnings } = resolveConfig(BASE, {});
    expect(config).toEqual({
      azureEndpoint: ENDPOINT,
      useManagedIdentity: false,
      useDefaultCredential: false,
      tokenScope: DEFAULT_TOKEN_SCOPE,
      tokenRefreshMarginSeconds: 300,
      apiSurface: 'v1',
      baseUrl: `${ENDPOINT}/openai/v1`,
      deploymentMapping: {},
      deploymentModels: {},
      defaultModel: 'gpt-5',
      maxTokens: 4096,
      temperature: 0.7,
      timeout: 600,
      maxRetries: 3,
      minRetryDelay: 0.5,
      maxRetryDelay: 8,
      retryJitter: 1,
      failoverRetryAfterThresholdSeconds: 10,
      deploymentQuotas: {},
      maxConcurrentRequests: 0,
      maxConcurrentRequestsPerDeployment: 0,
      deploymentType: 'PAYG',
      deploymentPricing: {},
      store: false,
      useStreaming: true,
      enableResponseChaining: 'auto',
      autoContinue: false,
      maxContinuationAttempts: 5,
      background: false,
      pollInterval: 5,
      backgroundTimeout: 1800,
      extraHeaders: {},
      extraBody: {},
      nativeTools: [],
      debug: false,
      rawDebug: false,
    });
    expect(warnings).toEqual([]);
    expect(sources.azureEndpoint).toBe('config');
    for (const info of CONFIG_KEYS) {
      if (info.key !== 'azure_endpoint') expect(sources[info.property]).toBe('default');
    }
  });

  it('matches the defaults documented in CONFIG_KEYS', () => {
    const { config } = resolveConfig(BASE, {});
    for (const info of CONFIG_KEYS) {
      if (info.required) continue;
      expect(config[info.property], info.key).toEqual(info.default);
    }
  });
});

describe('resolveConfig config-only keys and value parsing', () => {
  it('reads every config-only key', () => {
    const { config, sources } = resolveConfig(
      {
        ...BASE,
        token_refresh_margin_seconds: 60,
        deployment_mapping: { 'gpt-5': 'prod-gpt5' },
        deployment_models: { 'prod-chat': 'gpt-5' },
        top_p: 0.9,
        reasoning_effort: 'high',
        reasoning_summary: 'detailed',
        timeout: 30,
        max_retries: 0,
        failover_retry_after_threshold_seconds: 0,
        store: true,
        debug: true,
        raw_debug: true,
      },
      {},
    );
    expect(config).toMatchObject({
      tokenRefreshMarginSeconds: 60,
      deploymentMapping: { 'gpt-5': [{ deployment: 'prod-gpt5' }] },
      deploymentModels: { 'prod-chat': 'gpt-5' },
      topP: 0.9,
      reasoningEffort: 'high',
      reasoningSummary: 'detailed',
      timeout: 30,
      maxRetries: 0,
      failoverRetryAfterThresholdSeconds: 0,
      store: true,
      debug: true,
      rawDebug: true,
    });
    for (const property of [
      'tokenRefreshMarginSeconds',
      'deploymentMapping',
      'deploymentModels',
      'topP',
      'reasoningEffort',
      'reasoningSummary',
      'timeout',
      'maxRetries',
      'failoverRetryAfterThresholdSeconds',
      'store',
      'debug',
      'rawDebug',
    ] as const) {
      expect(sources[property], property).toBe('config');
    }
  });

  it('parses strings from ENV-expanded config values', () => {
    const { config } = resolveConfig(
      {
        ...BASE,
        temperature: '0.5',
        max_tokens: ' 2048 ',
        top_p: '1',
        timeout: '12.5',
        max_retries: '0',
        debug: 'true',
        raw_debug: 'TRUE',
        store: 'no',
        use_managed_identity: 'Yes',
        reasoning_effort: ' Medium ',
      },
      {},
    );
    expect(config).toMatchObject({
      temperature: 0.5,
      maxTokens: 2048,
      topP: 1,
      timeout: 12.5,
      maxRetries: 0,
      debug: true,
      rawDebug: true,
      store: false,
      useManagedIdentity: true,
      reasoningEffort: 'medium',
    });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['Yes', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['no', false],
    ['NO', false],
  ])('env boolean %o -> %o', (raw, expected) => {
    const { config } = resolveConfig(BASE, { AZURE_USE_DEFAULT_CREDENTIAL: raw });
    expect(config.useDefaultCredential).toBe(expected);
  });

  it('accepts temperature and top_p at their bounds', () => {
    expect(resolveConfig({ ...BASE, temperature: 0, top_p: 0 }, {}).config).toMatchObject({
      temperature: 0,
      topP: 0,
    });
    expect(resolveConfig({ ...BASE, temperature: 2, top_p: 1 }, {}).config).toMatchObject({
      temperature: 2,
      topP: 1,
    });
  });

  it('trims string values and secrets', () => {
    const { config } = resolveConfig(
      { ...BASE, api_key: '  key-with-newline\n', default_deployment: ' prod ' },
      {},
    );
    expect(config.apiKey?.reveal()).toBe('key-with-newline');
    expect(config.defaultDeployment).toBe('prod');
  });
});

describe('resolveConfig endpoint normalization', () => {
  it.each([
    [`${ENDPOINT}/`, false],
    [`${ENDPOINT}/openai`, true],
    [`${ENDPOINT}/openai/v1`, true],
    [`${ENDPOINT}/openai/v1/`, true],
    [`${ENDPOINT}/openai/deployments/gpt-5/chat/completions`, true],
    [`  ${ENDPOINT}  `, false],
  ])('%s -> the bare endpoint (warning: %s)', (raw, warns) => {
    const { config, warnings } = resolveConfig({ azure_endpoint: raw }, {});
    expect(config.azureEndpoint).toBe(ENDPOINT);
    expect(config.baseUrl).toBe(`${ENDPOINT}/openai/v1`);
    const endpointWarnings = warnings.filter(warning => warning.key === 'azure_endpoint');
    expect(endpointWarnings).toHaveLength(warns ? 1 : 0);
    if (warns) expect(endpointWarnings[0]?.fix).toContain(ENDPOINT);
  });

  it('names the environment variable in the warning when the endpoint came from env', () => {
    const { warnings } = resolveConfig({}, { AZURE_OPENAI_BASE_URL: `${ENDPOINT}/openai/v1/` });
    expect(warnings[0]?.message).toContain('AZURE_OPENAI_BASE_URL');
  });

  it.each(['http://127.0.0.1:5000', 'http://localhost:5000', 'http://[::1]:5000'])(
    'allows http for loopback %s',
    raw => {
      expect(resolveConfig({ azure_endpoint: raw }, {}).config.azureEndpoint).toBe(raw);
    },
  );

  it('rejects http elsewhere, explaining the key would travel in clear text', () => {
    const error = configError(() =>
      resolveConfig({}, { AZURE_OPENAI_ENDPOINT: 'http://my-resource.openai.azure.com' }),
    );
    const problem = problemFor(error, 'azure_endpoint');
    expect(problem).toMatchObject({ source: 'env', code: 'invalid' });
    expect(problem.message).toContain('clear text');
    expect(problem.message).toContain('AZURE_OPENAI_ENDPOINT');
  });

  it.each([
    ['https://my-resource.openai.azure.com?api-version=2024-10-21', 'query string'],
    ['https://user:pw@my-resource.openai.azure.com', 'credentials'],
    ['my-resource.openai.azure.com', 'full URL'],
    ['not a url', 'full URL'],
  ])('rejects %s', (raw, message) => {
    const error = configError(() => resolveConfig({ azure_endpoint: raw }, {}));
    expect(problemFor(error, 'azure_endpoint').message).toContain(message);
  });
});

describe('resolveConfig api_version', () => {
  it.each([
    [undefined, 'v1', undefined, `${ENDPOINT}/openai/v1`],
    ['v1', 'v1', 'v1', `${ENDPOINT}/openai/v1`],
    ['latest', 'v1', 'latest', `${ENDPOINT}/openai/v1`],
    ['preview', 'v1', 'preview', `${ENDPOINT}/openai/v1`],
    ['2025-03-01-preview', 'dated', '2025-03-01-preview', `${ENDPOINT}/openai`],
    ['2025-04-01-preview', 'dated', '2025-04-01-preview', `${ENDPOINT}/openai`],
  ])('%s -> %s surface', (apiVersion, surface, version, baseUrl) => {
    const input = apiVersion === undefined ? BASE : { ...BASE, api_version: apiVersion };
    const { config, warnings } = resolveConfig(input, {});
    expect(config.apiSurface).toBe(surface);
    expect(config.apiVersion).toBe(version);
    expect(config.baseUrl).toBe(baseUrl);
    expect(warnings).toEqual([]);
  });

  it.each(['2024-02-15-preview', '2024-10-01-preview'])(
    'older dated %s -> a warning and the v1 surface, never an error',
    apiVersion => {
      const { config, warnings, sources } = resolveConfig(BASE, {
        AZURE_OPENAI_API_VERSION: apiVersion,
      });
      expect(config.apiSurface).toBe('v1');
      expect(config.apiVersion).toBeUndefined();
      expect(config.baseUrl).toBe(`${ENDPOINT}/openai/v1`);
      expect(sources.apiVersion).toBe('env');
      expect(sources.apiSurface).toBe('env');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ key: 'api_version' });
      expect(warnings[0]?.message).toContain(apiVersion);
      expect(warnings[0]?.message).toContain('AZURE_OPENAI_API_VERSION');
    },
  );

  it('rejects a malformed version', () => {
    const error = configError(() => resolveConfig({ ...BASE, api_version: '2025-4-1' }, {}));
    expect(problemFor(error, 'api_version')).toMatchObject({ source: 'config', code: 'invalid' });
  });

  it('rejects an unquoted TOML date with a hint to quote it', () => {
    const error = configError(() =>
      resolveConfig({ ...BASE, api_version: new Date('2025-04-01') }, {}),
    );
    expect(problemFor(error, 'api_version').message).toContain('quote');
  });
});

describe('resolveConfig bad values', () => {
  const cases: Array<{
    name: string;
    input?: Record<string, unknown>;
    env?: Record<string, string>;
    key: string;
    source: 'config' | 'env';
    says?: string;
  }> = [
    {
      name: 'temperature text',
      input: { temperature: 'hot' },
      key: 'temperature',
      source: 'config',
      says: '0 to 2',
    },
    {
      name: 'temperature too high',
      input: { temperature: 2.1 },
      key: 'temperature',
      source: 'config',
    },
    {
      name: 'temperature negative',
      input: { temperature: -0.1 },
      key: 'temperature',
      source: 'config',
    },
    {
      name: 'temperature from env',
      env: { AZURE_OPENAI_TEMPERATURE: 'warm' },
      key: 'temperature',
      source: 'env',
      says: 'AZURE_OPENAI_TEMPERATURE',
    },
    {
      name: 'temperature boolean',
      input: { temperature: true },
      key: 'temperature',
      source: 'config',
    },
    {
      name: 'max_tokens zero',
      input: { max_tokens: 0 },
      key: 'max_tokens',
      source: 'config',
      says: 'greater than 0',
    },
    { name: 'max_tokens negative', input: { max_tokens: -5 }, key: 'max_tokens', source: 'config' },
    {
      name: 'max_tokens fraction',
      input: { max_tokens: 1.5 },
      key: 'max_tokens',
      source: 'config',
    },
    {
      name: 'max_output_tokens text',
      input: { max_output_tokens: 'many' },
      key: 'max_tokens',
      source: 'config',
      says: 'max_output_tokens',
    },
    {
      name: 'max_tokens from env',
      env: { AZURE_OPENAI_MAX_OUTPUT_TOKENS: '0' },
      key: 'max_tokens',
      source: 'env',
      says: 'AZURE_OPENAI_MAX_OUTPUT_TOKENS',
    },
    {
      name: 'alias conflict',
      input: { max_tokens: 1, max_output_tokens: 2 },
      key: 'max_tokens',
      source: 'config',
      says: 'Both',
    },
    { name: 'top_p above 1', input: { top_p: 1.5 }, key: 'top_p', source: 'config' },
    { name: 'timeout zero', input: { timeout: 0 }, key: 'timeout', source: 'config' },
    {
      name: 'timeout infinite',
      input: { timeout: Number.POSITIVE_INFINITY },
      key: 'timeout',
      source: 'config',
    },
    {
      name: 'max_retries negative',
      input: { max_retries: -1 },
      key: 'max_retries',
      source: 'config',
    },
    {
      name: 'max_retries fraction',
      input: { max_retries: 1.5 },
      key: 'max_retries',
      source: 'config',
    },
    {
      name: 'token margin negative',
      input: { token_refresh_margin_seconds: -1 },
      key: 'token_refresh_margin_seconds',
      source: 'config',
    },
    {
      name: 'failover threshold negative',
      input: { failover_retry_after_threshold_seconds: '-3' },
      key: 'failover_retry_after_threshold_seconds',
      source: 'config',
    },
    {
      name: 'reasoning_effort unknown',
      input: { reasoning_effort: 'extreme' },
      key: 'reasoning_effort',
      source: 'config',
      says: 'minimal, low, medium, high',
    },
    {
      name: 'reasoning_summary unknown',
      input: { reasoning_summary: 'long' },
      key: 'reasoning_summary',
      source: 'config',
      says: 'auto, concise, detailed',
    },
    {
      name: 'boolean config text',
      input: { use_managed_identity: 'maybe' },
      key: 'use_managed_identity',
      source: 'config',
    },
    {
      name: 'boolean env managed identity',
      env: { AZURE_USE_MANAGED_IDENTITY: 'maybe' },
      key: 'use_managed_identity',
      source: 'env',
      says: 'AZURE_USE_MANAGED_IDENTITY must be one of true/1/yes or false/0/no',
    },
    {
      name: 'boolean env default credential',
      env: { AZURE_USE_DEFAULT_CREDENTIAL: 'on' },
      key: 'use_default_credential',
      source: 'env',
      says: 'AZURE_USE_DEFAULT_CREDENTIAL',
    },
    { name: 'debug text', input: { debug: 'sometimes' }, key: 'debug', source: 'config' },
    { name: 'raw_debug number', input: { raw_debug: 2 }, key: 'raw_debug', source: 'config' },
    { name: 'store list', input: { store: [] }, key: 'store', source: 'config' },
    {
      name: 'api_key number',
      input: { api_key: 1234 },
      key: 'api_key',
      source: 'config',
      says: 'got a number',
    },
    {
      name: 'azure_ad_token table',
      input: { azure_ad_token: {} },
      key: 'azure_ad_token',
      source: 'config',
      says: 'got a table/object',
    },
    {
      name: 'default_model number',
      input: { default_model: 42 },
      key: 'default_model',
      source: 'config',
    },
    {
      name: 'default_deployment list',
      input: { default_deployment: ['a'] },
      key: 'default_deployment',
      source: 'config',
    },
    {
      name: 'managed identity id boolean',
      input: { managed_identity_client_id: true },
      key: 'managed_identity_client_id',
      source: 'config',
    },
    { name: 'token_scope number', input: { token_scope: 5 }, key: 'token_scope', source: 'config' },
    {
      name: 'api_version number',
      input: { api_version: 2025 },
      key: 'api_version',
      source: 'config',
    },
    {
      name: 'api_version malformed from env',
      env: { AZURE_OPENAI_API_VERSION: 'banana' },
      key: 'api_version',
      source: 'env',
      says: 'AZURE_OPENAI_API_VERSION',
    },
    {
      name: 'endpoint number',
      input: { azure_endpoint: 42 },
      key: 'azure_endpoint',
      source: 'config',
    },
    {
      name: 'deployment_mapping text',
      input: { deployment_mapping: 'gpt-5=prod' },
      key: 'deployment_mapping',
      source: 'config',
    },
    {
      name: 'deployment_mapping list',
      input: { deployment_mapping: ['prod'] },
      key: 'deployment_mapping',
      source: 'config',
    },
    {
      name: 'mapping empty name',
      input: { deployment_mapping: { 'gpt-5': '' } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
    },
    {
      name: 'mapping empty list',
      input: { deployment_mapping: { 'gpt-5': [] } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
      says: 'empty list',
    },
    {
      name: 'mapping number',
      input: { deployment_mapping: { 'gpt-5': 5 } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
      says: 'got a number',
    },
    {
      name: 'mapping list with number',
      input: { deployment_mapping: { 'gpt-5': ['a', 5] } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
      says: 'deployment_mapping.gpt-5[1]',
    },
    {
      name: 'mapping list with empty',
      input: { deployment_mapping: { 'gpt-5': ['a', ' '] } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
    },
    {
      name: 'mapping target without deployment',
      input: { deployment_mapping: { 'gpt-5': { endpoint: 'https://x.openai.azure.com' } } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
      says: 'deployment_mapping.gpt-5.deployment must be a deployment name; got nothing.',
    },
    {
      name: 'mapping target http endpoint',
      input: {
        deployment_mapping: { 'gpt-5': { deployment: 'd', endpoint: 'http://eu.example.com' } },
      },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
      says: 'clear text',
    },
    {
      name: 'mapping target endpoint number',
      input: { deployment_mapping: { 'gpt-5': [{ deployment: 'd', endpoint: 7 }] } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
    },
    {
      name: 'mapping target unknown field',
      input: { deployment_mapping: { 'gpt-5': { deployment: 'd', region: 'eu' } } },
      key: 'deployment_mapping.gpt-5',
      source: 'config',
      says: '`region`',
    },
    {
      name: 'mapping empty model name',
      input: { deployment_mapping: { ' ': 'd' } },
      key: 'deployment_mapping',
      source: 'config',
    },
    {
      name: 'deployment_models empty family',
      input: { deployment_models: { prod: '' } },
      key: 'deployment_models.prod',
      source: 'config',
    },
    {
      name: 'deployment_models not a table',
      input: { deployment_models: 3 },
      key: 'deployment_models',
      source: 'config',
    },
  ];

  it.each(cases)('$name -> a problem for $key', testCase => {
    const error = configError(() =>
      resolveConfig({ ...BASE, ...testCase.input }, testCase.env ?? {}),
    );
    const problem = problemFor(error, testCase.key);
    expect(problem.source).toBe(testCase.source);
    expect(problem.code).toBe('invalid');
    expect(problem.fix.length).toBeGreaterThan(10);
    if (testCase.says) expect(`${problem.message} ${problem.fix}`).toContain(testCase.says);
    expect(error.isMissingRequired).toBe(false);
    expect(error.message).toContain(problem.message);
  });

  it('reports a missing endpoint with the agreed fix', () => {
    const error = configError(() => resolveConfig({}, {}));
    expect(error.problems).toEqual([
      expect.objectContaining({
        key: 'azure_endpoint',
        source: 'default',
        code: 'missing',
        fix: 'Pass `azure_endpoint` in the provider config or set AZURE_OPENAI_ENDPOINT',
      }),
    ]);
    expect(error.isMissingRequired).toBe(true);
  });

  it('does not require credentials', () => {
    const { config } = resolveConfig(BASE, {});
    expect(config.apiKey).toBeUndefined();
    expect(config.azureAdToken).toBeUndefined();
  });

  it('collects every problem at once, in key order', () => {
    const error = configError(() =>
      resolveConfig(
        {
          temperature: 9,
          max_tokens: 0,
          reasoning_effort: 'huge',
          deployment_mapping: { a: [], b: 1 },
        },
        { AZURE_USE_MANAGED_IDENTITY: 'perhaps', AZURE_OPENAI_API_VERSION: 'nope' },
      ),
    );
    expect(error.problems.map(problem => problem.key)).toEqual([
      'azure_endpoint',
      'use_managed_identity',
      'api_version',
      'deployment_mapping.a',
      'deployment_mapping.b',
      'max_tokens',
      'temperature',
      'reasoning_effort',
    ]);
    expect(error.isMissingRequired).toBe(false);
    expect(error.message).toContain('8 problems');
  });
});

describe('resolveConfig deployment_mapping', () => {
  it('normalizes names, lists and { deployment, endpoint } tables to DeploymentTarget lists', () => {
    const { config } = resolveConfig(
      {
        ...BASE,
        deployment_mapping: {
          'gpt-5': 'prod-gpt5',
          'gpt-5-mini': [' mini-a ', 'mini-b'],
          'o4-mini': { deployment: 'o4', endpoint: 'https://eastus2.openai.azure.com/openai/v1/' },
          'gpt-4.1': [
            'primary',
            { deployment: 'backup', endpoint: 'https://westus.openai.azure.com' },
          ],
          'gpt-4o': { deployment: 'local', endpoint: '' },
        },
      },
      {},
    );
    expect(config.deploymentMapping).toEqual({
      'gpt-5': [{ deployment: 'prod-gpt5' }],
      'gpt-5-mini': [{ deployment: 'mini-a' }, { deployment: 'mini-b' }],
      'o4-mini': [{ deployment: 'o4', endpoint: 'https://eastus2.openai.azure.com' }],
      'gpt-4.1': [
        { deployment: 'primary' },
        { deployment: 'backup', endpoint: 'https://westus.openai.azure.com' },
      ],
      'gpt-4o': [{ deployment: 'local' }],
    });
  });

  it('accepts the mapping as a JSON string (a config value that arrived as text)', () => {
    const { config } = resolveConfig(
      { ...BASE, deployment_mapping: '{"gpt-5": ["a", "b"]}', deployment_models: '{"a": "gpt-5"}' },
      {},
    );
    expect(config.deploymentMapping).toEqual({
      'gpt-5': [{ deployment: 'a' }, { deployment: 'b' }],
    });
    expect(config.deploymentModels).toEqual({ a: 'gpt-5' });
  });

  it('keeps a model named __proto__ as an own entry', () => {
    const mapping = JSON.parse('{"__proto__": "proto-deployment"}') as Record<string, unknown>;
    const { config } = resolveConfig({ ...BASE, deployment_mapping: mapping }, {});
    expect(Object.hasOwn(config.deploymentMapping, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(config.deploymentMapping)).toBe(Object.prototype);
  });
});

describe('resolveConfig warnings', () => {
  it('warns about an unknown key with the closest known key', () => {
    const { warnings } = resolveConfig({ ...BASE, temprature: 0.1, azureEndpoint: 'x' }, {});
    expect(warnings).toEqual([
      {
        key: 'temprature',
        message: 'Unknown key `temprature` is ignored. Did you mean `temperature`?',
        fix: 'Rename `temprature` to `temperature`.',
      },
      {
        key: 'azureEndpoint',
        message: 'Unknown key `azureEndpoint` is ignored. Did you mean `azure_endpoint`?',
        fix: 'Rename `azureEndpoint` to `azure_endpoint`.',
      },
    ]);
  });

  it('suggests the key for an environment variable name used as a config key', () => {
    const { warnings } = resolveConfig({ ...BASE, AZURE_OPENAI_KEY: 'x' }, {});
    expect(warnings[0]?.message).toContain('Did you mean `api_key`?');
  });

  it('lists the known keys when nothing is close', () => {
    const { warnings } = resolveConfig({ ...BASE, zzz: 1 }, {});
    expect(warnings[0]?.message).toBe('Unknown key `zzz` is ignored.');
    expect(warnings[0]?.fix).toContain('azure_endpoint');
  });

  it('recognises a whole provider entry passed by mistake', () => {
    const { warnings } = resolveConfig({ ...BASE, config: { temperature: 1 } }, {});
    expect(warnings[0]?.message).toContain('[[providers]] entry');
  });

  it('does not warn about the keys Amplifier passes to every module', () => {
    const { warnings } = resolveConfig(
      {
        ...BASE,
        id: 'x',
        name: 'azure-openai',
        module: 'provider-azure-openai',
        source: 'git+https://example.com/x',
        priority: 1,
        instance_id: 'i',
      },
      {},
    );
    expect(warnings).toEqual([]);
  });

  it('warns when token_scope does not end with /.default', () => {
    const { warnings } = resolveConfig(BASE, {
      AZURE_OPENAI_TOKEN_SCOPE: 'https://cognitiveservices.azure.com',
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        key: 'token_scope',
        fix: expect.stringContaining(DEFAULT_TOKEN_SCOPE),
      }),
    ]);
    expect(warnings[0]?.message).toContain('AZURE_OPENAI_TOKEN_SCOPE');
  });

  it('warns when raw_debug is on without debug', () => {
    const { warnings } = resolveConfig({ ...BASE, raw_debug: true }, {});
    expect(warnings.map(warning => warning.key)).toEqual(['raw_debug']);
    expect(resolveConfig({ ...BASE, raw_debug: true, debug: true }, {}).warnings).toEqual([]);
  });

  it('throws when there are problems, even if there are also warnings', () => {
    expect(() => resolveConfig({ temprature: 1 }, {})).toThrow(/azure_endpoint/);
  });
});

describe('resolveConfig result', () => {
  it('reports the source of every field', () => {
    const { sources } = resolveConfig(
      { azure_endpoint: ENDPOINT, temperature: 0.1 },
      { AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_API_VERSION: '2025-04-01-preview' },
    );
    expect(sources).toMatchObject({
      azureEndpoint: 'config',
      baseUrl: 'config',
      temperature: 'config',
      apiKey: 'env',
      apiVersion: 'env',
      apiSurface: 'env',
      maxTokens: 'default',
      deploymentMapping: 'default',
    });
    const { config } = resolveConfig(BASE, {});
    expect(Object.keys(sources).sort()).toEqual(
      [
        ...Object.keys(config),
        'apiKey',
        'azureAdToken',
        'apimSubscriptionKey',
        'managedIdentityClientId',
        'apiVersion',
        'defaultDeployment',
        'topP',
        'reasoningEffort',
        'reasoningSummary',
        'promptCacheKey',
        'promptCacheRetention',
        'safetyIdentifier',
        'truncation',
        'serviceTier',
        'parallelToolCalls',
        'textVerbosity',
        'sharedStateUrl',
      ].sort(),
    );
  });

  it('is frozen all the way down', () => {
    const resolved = resolveConfig(
      {
        ...BASE,
        deployment_mapping: { 'gpt-5': ['a', { deployment: 'b', endpoint: ENDPOINT }] },
        deployment_models: { a: 'gpt-5' },
        temprature: 1,
      },
      {},
    );
    const mapping = resolved.config.deploymentMapping;
    for (const value of [
      resolved,
      resolved.config,
      resolved.sources,
      resolved.warnings,
      resolved.warnings[0],
      mapping,
      mapping['gpt-5'],
      mapping['gpt-5']?.[1],
      resolved.config.deploymentModels,
    ]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      (resolved.config as { temperature: number }).temperature = 2;
    }).toThrow(TypeError);
    expect(() => {
      (mapping['gpt-5'] as unknown as string[]).push('c');
    }).toThrow(TypeError);
  });

  it('does not keep a reference to the input', () => {
    const input: Record<string, unknown> = { ...BASE, deployment_mapping: { 'gpt-5': ['a'] } };
    const { config } = resolveConfig(input, {});
    ((input.deployment_mapping as Record<string, string[]>)['gpt-5'] as string[]).push('b');
    expect(config.deploymentMapping['gpt-5']).toEqual([{ deployment: 'a' }]);
  });

  it('rejects an input that is not a table', () => {
    const error = configError(() => resolveConfig(['x'] as unknown as Record<string, unknown>, {}));
    expect(error.problems[0]).toMatchObject({ key: 'config', code: 'invalid' });
  });
});

describe('resolveConfig redaction', () => {
  const KEY = 'sk-SUPER-SECRET-KEY-123';
  const TOKEN = 'eyJ-SUPER-SECRET-TOKEN-456';

  it('never prints secrets through toString, util.inspect or JSON.stringify', () => {
    const resolved = resolveConfig({ ...BASE, api_key: KEY }, { AZURE_OPENAI_AD_TOKEN: TOKEN });
    expect(resolved.config.apiKey?.reveal()).toBe(KEY);
    expect(resolved.config.azureAdToken?.reveal()).toBe(TOKEN);
    const renderings = [
      String(resolved.config.apiKey),
      `${resolved.config.azureAdToken}`,
      JSON.stringify(resolved),
      JSON.stringify(resolved.config),
      inspect(resolved, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect(resolved.config),
    ];
    for (const text of renderings) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.stringify(resolved.config)).toContain('"apiKey":"[REDACTED]"');
    expect(inspect(resolved.config)).toContain('apiKey: [REDACTED]');
  });

  it('never puts a secret in error messages or problems', () => {
    const badSecret = 987654321987;
    const error = configError(() =>
      resolveConfig(
        { api_key: badSecret, azure_ad_token: { value: TOKEN }, temperature: 'x' },
        { AZURE_OPENAI_API_KEY: KEY },
      ),
    );
    const rendered = [
      error.message,
      String(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(error.problems),
    ];
    for (const text of rendered) {
      expect(text).not.toContain(String(badSecret));
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(KEY);
    }
    expect(problemFor(error, 'api_key').message).toBe('`api_key` must be a string; got a number.');
  });

  it('never echoes credentials or a key in the endpoint URL', () => {
    for (const endpoint of [
      `https://user:${KEY}@my-resource.openai.azure.com`,
      `https://my-resource.openai.azure.com/?api-key=${KEY}`,
      `http://my-resource.openai.azure.com/openai?api-key=${KEY}`,
    ]) {
      const error = configError(() => resolveConfig({ azure_endpoint: endpoint }, {}));
      expect(error.message).not.toContain(KEY);
      expect(inspect(error)).not.toContain(KEY);
    }
  });
});

describe('resolveConfig background keys', () => {
  it('reads background, poll_interval and background_timeout', () => {
    const { config } = resolveConfig(
      { ...BASE, background: 'true', poll_interval: '0.5', background_timeout: 60 },
      {},
    );
    expect(config.background).toBe(true);
    expect(config.pollInterval).toBe(0.5);
    expect(config.backgroundTimeout).toBe(60);
  });

  it('refuses a poll_interval of 0 with a typed problem naming the key', () => {
    expect(() => resolveConfig({ ...BASE, poll_interval: 0 }, {})).toThrow(/poll_interval/);
  });
});
