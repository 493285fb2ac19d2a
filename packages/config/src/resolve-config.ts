import { normalizeDefaultDeployment, normalizeEndpoint } from '@amplifier-azure-openai/validation';
import { resolveApiVersion } from './api-version.js';
import { closestKey } from './closest-key.js';
import { ConfigError } from './config-error.js';
import { CONFIG_KEYS, DEFAULT_TOKEN_SCOPE, GENERIC_MODULE_KEYS } from './config-keys.js';
import { EXPECTED, type RawConfig, rawConfigSchema } from './config-schema.js';
import { findControlCharacter } from './control-characters.js';
import {
  normalizeDeploymentMapping,
  normalizeDeploymentModels,
  toConfigProblem,
} from './deployment-mapping.js';
import { normalizeDeploymentPricing } from './deployment-pricing.js';
import { normalizeDeploymentQuotas } from './deployment-quotas.js';
import { normalizeNativeTools } from './native-tools.js';
import { describeValue, FALSE_WORDS, isPlainObject, isUnset, TRUE_WORDS } from './parse-values.js';
import { normalizeExtraBody, normalizeExtraHeaders } from './request-option-values.js';
import { retryAndChainingProblems } from './retry-and-chaining-rules.js';
import { Secret, typeOfValue } from './secret.js';
import type {
  AzureOpenAIConfig,
  ConfigKeyInfo,
  ConfigProblem,
  ConfigWarning,
  ResolvedConfig,
  ValueSource,
} from './types.js';

type RawKey = keyof RawConfig;

interface Picked {
  value: unknown;
  source: ValueSource;
  envVar?: string | undefined;
  /** The config key actually used (an alias such as `max_output_tokens`). */
  configKey?: string | undefined;
}

const KNOWN_KEYS: readonly string[] = CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases]);

/**
 * Resolves the provider configuration: for every key the provider config wins over the
 * environment, which wins over the default. Empty and whitespace-only strings count as unset.
 *
 * Values may be native (TOML numbers and booleans) or strings (Amplifier passes `${ENV}`-expanded
 * strings), so `"0.5"` and `"true"` parse too. Unknown keys produce warnings with the closest
 * known key; a small allow-list of keys Amplifier passes to every module (`id`, `name`, `module`,
 * `source`, `priority`, `instance_id`) is ignored silently.
 *
 * @param input - the snake_case provider config (Amplifier's `[providers.config]` table, or
 *   {@link loadSettingsFile}'s result). Default `{}`.
 * @param env - the environment to read fallbacks from. Default `process.env`, read at call time.
 * @returns the frozen camelCase config, the source of every field, and warnings.
 * @throws {@link ConfigError} holding every problem found (missing endpoint, bad values...).
 *
 * @example
 * ```ts
 * const { config, sources, warnings } = resolveConfig(
 *   { azure_endpoint: 'https://my-resource.openai.azure.com/openai/v1/' },
 *   process.env,
 * );
 * config.baseUrl; // 'https://my-resource.openai.azure.com/openai/v1'
 * ```
 */
export function resolveConfig(
  input?: Record<string, unknown> | undefined,
  env?: Record<string, string | undefined> | undefined,
): ResolvedConfig {
  const environment: Record<string, string | undefined> = env ?? process.env;
  const problems: ConfigProblem[] = [];
  const warnings: ConfigWarning[] = [];

  if (input !== undefined && input !== null && !isPlainObject(input)) {
    throw new ConfigError({
      problems: [
        {
          key: 'config',
          source: 'config',
          code: 'invalid',
          message: `The provider config must be a table of keys; got ${typeOfValue(input)}.`,
          fix: 'Pass an object such as { azure_endpoint: "https://my-resource.openai.azure.com" }.',
        },
      ],
    });
  }
  const given = collectInput(input ?? {}, problems, warnings);

  // 1. Pick each value: config, then env, then default.
  const picked = new Map<string, Picked>();
  for (const info of CONFIG_KEYS) {
    picked.set(info.key, pick(info, given, environment));
  }

  // 2. Control characters (CR, LF, NUL, ESC...) are refused in every text value: they would split
  //    a header, end up in a URL, or rewrite the terminal when echoed. The value is never shown.
  const badKeys = new Set<string>();
  for (const [key, choice] of picked) {
    if (choice.source === 'default' || typeof choice.value !== 'string') continue;
    const control = findControlCharacter(choice.value.trim());
    if (control === undefined) continue;
    badKeys.add(key);
    const name = nameOf(key, choice);
    const info = CONFIG_KEYS.find(candidate => candidate.key === key);
    problems.push({
      key,
      source: choice.source,
      code: 'invalid',
      message: `${name} contains the control character ${control}${info?.secret ? ' (the value is not shown)' : ''}; keys, tokens, names and URLs cannot hold control characters.`,
      fix: `Set ${name} again without line breaks or other control characters (copy the value from its source again).`,
    });
  }

  // 3. Schema: coerce and check each value, collecting one problem per bad key.
  const raw: Record<string, unknown> = {};
  for (const [key, choice] of picked) {
    if (choice.source !== 'default' && !badKeys.has(key)) raw[key] = choice.value;
  }
  const parsed = rawConfigSchema.safeParse(raw);
  const values: Partial<RawConfig> = {};
  if (!parsed.success) {
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (reported.has(key)) continue;
      reported.add(key);
      badKeys.add(key);
      const info = CONFIG_KEYS.find(candidate => candidate.key === key);
      const choice = picked.get(key);
      if (info && choice) problems.push(valueProblem(info, choice));
    }
  }
  // Re-parse the good keys alone so their coerced values are available.
  const goodRaw = Object.fromEntries(Object.entries(raw).filter(([key]) => !badKeys.has(key)));
  const good = rawConfigSchema.safeParse(goodRaw);
  if (good.success) Object.assign(values, good.data);

  // 4. Normalise and apply the rules.
  const endpointChoice = picked.get('azure_endpoint');
  let azureEndpoint = '';
  if (values.azure_endpoint !== undefined && endpointChoice) {
    const name = nameOf('azure_endpoint', endpointChoice);
    const result = normalizeEndpoint(values.azure_endpoint, name);
    if (result.ok) {
      azureEndpoint = result.endpoint;
      if (result.stripped) {
        warnings.push({
          key: 'azure_endpoint',
          message: `${name} ended with "${result.stripped}"; it was removed (the provider adds the API path itself): ${result.endpoint}.`,
          fix: `Set ${name} to ${result.endpoint}.`,
        });
      }
    } else {
      problems.push({
        key: 'azure_endpoint',
        source: endpointChoice.source,
        code: 'invalid',
        message: result.message,
        fix: result.fix,
      });
    }
  } else if (!badKeys.has('azure_endpoint')) {
    problems.push({
      key: 'azure_endpoint',
      source: 'default',
      code: 'missing',
      message:
        'The Azure OpenAI endpoint is not set (e.g. https://my-resource.openai.azure.com, shown in the Azure portal under Keys and Endpoint).',
      fix: 'Pass `azure_endpoint` in the provider config or set AZURE_OPENAI_ENDPOINT',
    });
  }

  const versionChoice = picked.get('api_version');
  const version = resolveApiVersion(
    values.api_version,
    versionChoice ? nameOf('api_version', versionChoice).replaceAll('`', '') : 'api_version',
  );
  let apiSurface: AzureOpenAIConfig['apiSurface'] = 'v1';
  let apiVersion: string | undefined;
  if (version.ok) {
    apiSurface = version.surface;
    apiVersion = version.apiVersion;
    if (version.warning) {
      warnings.push({
        key: 'api_version',
        message: version.warning,
        fix: `Remove ${versionChoice ? nameOf('api_version', versionChoice) : 'api_version'} or set it to v1.`,
      });
    }
  } else {
    problems.push({
      key: 'api_version',
      source: versionChoice?.source ?? 'config',
      code: 'invalid',
      message: version.message,
      fix: version.fix,
    });
  }

  let deploymentMapping: AzureOpenAIConfig['deploymentMapping'] = Object.freeze({});
  if (values.deployment_mapping !== undefined) {
    const result = normalizeDeploymentMapping(values.deployment_mapping);
    deploymentMapping = result.value;
    problems.push(...result.problems);
    warnings.push(...result.warnings);
  }
  let deploymentModels: AzureOpenAIConfig['deploymentModels'] = Object.freeze({});
  if (values.deployment_models !== undefined) {
    const result = normalizeDeploymentModels(values.deployment_models);
    deploymentModels = result.value;
    problems.push(...result.problems);
  }
  let defaultDeployment: string | undefined;
  if (values.default_deployment !== undefined) {
    const choice = picked.get('default_deployment');
    const name =
      choice?.source === 'env' && choice.envVar !== undefined
        ? choice.envVar
        : 'default_deployment';
    const result = normalizeDefaultDeployment(values.default_deployment, name);
    defaultDeployment = result.value;
    for (const problem of result.problems) {
      problems.push({ ...toConfigProblem(problem), source: choice?.source ?? 'config' });
    }
  }

  let extraHeaders: AzureOpenAIConfig['extraHeaders'] = Object.freeze({});
  if (values.extra_headers !== undefined) {
    const result = normalizeExtraHeaders(values.extra_headers);
    extraHeaders = result.value;
    problems.push(...result.problems);
  }
  let extraBody: AzureOpenAIConfig['extraBody'] = Object.freeze({});
  if (values.extra_body !== undefined) {
    const result = normalizeExtraBody(values.extra_body);
    extraBody = result.value;
    problems.push(...result.problems);
  }
  let nativeTools: AzureOpenAIConfig['nativeTools'] = Object.freeze([]);
  if (values.native_tools !== undefined) {
    const result = normalizeNativeTools(values.native_tools);
    nativeTools = result.value;
    problems.push(...result.problems);
  }
  let deploymentQuotas: AzureOpenAIConfig['deploymentQuotas'] = Object.freeze({});
  if (values.deployment_quotas !== undefined) {
    const result = normalizeDeploymentQuotas(values.deployment_quotas);
    deploymentQuotas = result.value;
    problems.push(...result.problems);
  }
  let deploymentPricing: AzureOpenAIConfig['deploymentPricing'] = Object.freeze({});
  if (values.deployment_pricing !== undefined) {
    const result = normalizeDeploymentPricing(values.deployment_pricing);
    deploymentPricing = result.value;
    problems.push(...result.problems);
  }
  if (values.shared_state_url !== undefined && !/^rediss?:\/\//i.test(values.shared_state_url)) {
    problems.push({
      key: 'shared_state_url',
      source: picked.get('shared_state_url')?.source ?? 'config',
      code: 'invalid',
      message:
        'shared_state_url must start with redis:// or rediss:// (the value is not shown: it may hold a password).',
      fix: 'Set shared_state_url (or AZURE_OPENAI_SHARED_STATE_URL) to e.g. redis://localhost:6379.',
    });
  }

  if (values.token_scope !== undefined && !values.token_scope.endsWith('/.default')) {
    const scopeChoice = picked.get('token_scope');
    warnings.push({
      key: 'token_scope',
      message: `${scopeChoice ? nameOf('token_scope', scopeChoice) : 'token_scope'} is "${values.token_scope}"; Entra scopes for Azure OpenAI normally end with /.default.`,
      fix: `Use ${DEFAULT_TOKEN_SCOPE} unless your tenant requires another resource.`,
    });
  }

  if (values.raw_debug === true && values.debug !== true) {
    const rawName = picked.get('raw_debug')?.configKey ?? 'raw_debug';
    warnings.push({
      key: 'raw_debug',
      message: `${rawName} has no effect unless debug is also true.`,
      fix: `Set debug = true as well, or remove ${rawName}.`,
    });
  }
  problems.push(...retryAndChainingProblems(values, picked));

  if (problems.length > 0) throw new ConfigError({ problems: sortProblems(problems) });

  const config: AzureOpenAIConfig = Object.freeze({
    azureEndpoint,
    ...optional(
      'apiKey',
      values.api_key === undefined ? undefined : new Secret(values.api_key.trim()),
    ),
    ...optional(
      'azureAdToken',
      values.azure_ad_token === undefined ? undefined : new Secret(values.azure_ad_token.trim()),
    ),
    ...optional(
      'apimSubscriptionKey',
      values.apim_subscription_key === undefined
        ? undefined
        : new Secret(values.apim_subscription_key.trim()),
    ),
    useManagedIdentity: values.use_managed_identity ?? false,
    useDefaultCredential: values.use_default_credential ?? false,
    ...optional('managedIdentityClientId', values.managed_identity_client_id),
    tokenScope: values.token_scope ?? DEFAULT_TOKEN_SCOPE,
    tokenRefreshMarginSeconds: values.token_refresh_margin_seconds ?? 300,
    ...optional('apiVersion', apiVersion),
    apiSurface,
    baseUrl: apiSurface === 'v1' ? `${azureEndpoint}/openai/v1` : `${azureEndpoint}/openai`,
    deploymentMapping,
    deploymentModels,
    ...optional('defaultDeployment', defaultDeployment),
    defaultModel: values.default_model ?? 'gpt-5',
    maxTokens: values.max_tokens ?? 4096,
    temperature: values.temperature ?? 0.7,
    ...optional('topP', values.top_p),
    ...optional('reasoningEffort', values.reasoning_effort),
    ...optional('reasoningSummary', values.reasoning_summary),
    timeout: values.timeout ?? 600,
    maxRetries: values.max_retries ?? 3,
    minRetryDelay: values.min_retry_delay ?? 0.5,
    maxRetryDelay: values.max_retry_delay ?? 8,
    retryJitter: values.retry_jitter ?? 1,
    failoverRetryAfterThresholdSeconds: values.failover_retry_after_threshold_seconds ?? 10,
    deploymentQuotas,
    maxConcurrentRequests: values.max_concurrent_requests ?? 0,
    maxConcurrentRequestsPerDeployment: values.max_concurrent_requests_per_deployment ?? 0,
    deploymentType: values.deployment_type ?? 'PAYG',
    deploymentPricing,
    ...optional(
      'sharedStateUrl',
      values.shared_state_url === undefined ? undefined : new Secret(values.shared_state_url),
    ),
    // enable_response_chaining = true implies store (a chained response must be stored).
    store: values.store ?? values.enable_response_chaining === true,
    useStreaming: values.use_streaming ?? true,
    enableResponseChaining: values.enable_response_chaining ?? 'auto',
    autoContinue: values.auto_continue ?? false,
    maxContinuationAttempts: values.max_continuation_attempts ?? 5,
    background: values.background ?? false,
    pollInterval: values.poll_interval ?? 5,
    backgroundTimeout: values.background_timeout ?? 1800,
    ...optional('promptCacheKey', values.prompt_cache_key),
    ...optional('promptCacheRetention', values.prompt_cache_retention),
    ...optional('safetyIdentifier', values.safety_identifier),
    ...optional('truncation', values.truncation),
    ...optional('serviceTier', values.service_tier),
    ...optional('parallelToolCalls', values.parallel_tool_calls),
    ...optional('textVerbosity', values.text_verbosity),
    extraHeaders,
    extraBody,
    nativeTools,
    debug: values.debug ?? false,
    rawDebug: values.raw_debug ?? false,
  });

  const sources = {} as Record<keyof AzureOpenAIConfig, ValueSource>;
  for (const info of CONFIG_KEYS) {
    sources[info.property] = picked.get(info.key)?.source ?? 'default';
  }
  sources.apiSurface = sources.apiVersion;
  sources.baseUrl = sources.azureEndpoint;

  return Object.freeze({
    config,
    sources: Object.freeze(sources),
    warnings: Object.freeze(warnings.map(warning => Object.freeze(warning))),
  });
}

/** Orders problems like the keys in {@link CONFIG_KEYS} (stable for the same key). */
function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const order = (problem: ConfigProblem) => {
    const base = problem.key.split('.')[0];
    const index = CONFIG_KEYS.findIndex(info => info.key === base);
    return index < 0 ? -1 : index;
  };
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => order(a.problem) - order(b.problem) || a.index - b.index)
    .map(entry => entry.problem);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Maps input keys to canonical keys; warns about unknown keys; checks alias conflicts. */
function collectInput(
  input: Record<string, unknown>,
  problems: ConfigProblem[],
  warnings: ConfigWarning[],
): Map<string, { value: unknown; configKey: string }> {
  const given = new Map<string, { value: unknown; configKey: string }>();
  for (const [inputKey, value] of Object.entries(input)) {
    const info = CONFIG_KEYS.find(
      candidate => candidate.key === inputKey || candidate.aliases.includes(inputKey),
    );
    if (!info) {
      if (GENERIC_MODULE_KEYS.includes(inputKey)) continue;
      warnings.push(unknownKeyWarning(inputKey, value));
      continue;
    }
    if (isUnset(value)) continue;
    const previous = given.get(info.key);
    if (previous) {
      if (!sameValue(previous.value, value)) {
        problems.push({
          key: info.key,
          source: 'config',
          code: 'invalid',
          message: `Both \`${previous.configKey}\` and \`${inputKey}\` are set, to different values.`,
          fix: `Keep only \`${info.key}\`.`,
        });
      }
      if (inputKey !== info.key) continue;
    }
    given.set(info.key, { value, configKey: inputKey });
  }
  return given;
}

function unknownKeyWarning(inputKey: string, value: unknown): ConfigWarning {
  if (inputKey === 'config' && isPlainObject(value)) {
    return {
      key: inputKey,
      message:
        'Unknown key `config` is ignored: this looks like a whole [[providers]] entry, not its config table.',
      fix: "Pass the entry's `config` table itself (loadSettingsFile does this for a settings file).",
    };
  }
  const byEnvVar = CONFIG_KEYS.find(info => info.envVars.includes(inputKey.toUpperCase()));
  const suggestion = byEnvVar?.key ?? closestKey(inputKey, KNOWN_KEYS);
  return {
    key: inputKey,
    message: `Unknown key \`${inputKey}\` is ignored.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
    fix: suggestion
      ? `Rename \`${inputKey}\` to \`${suggestion}\`.`
      : `Remove \`${inputKey}\`; known keys: ${CONFIG_KEYS.map(info => info.key).join(', ')}.`,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalText(a) === canonicalText(b);
}

/** Comparable text of a config value; tables (smol-toml gives them a null prototype) as JSON. */
function canonicalText(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '[unserialisable object]';
    }
  }
  return String(value).trim();
}

function pick(
  info: ConfigKeyInfo,
  given: Map<string, { value: unknown; configKey: string }>,
  env: Record<string, string | undefined>,
): Picked {
  const fromConfig = given.get(info.key);
  if (fromConfig)
    return { value: fromConfig.value, source: 'config', configKey: fromConfig.configKey };
  for (const envVar of info.envVars) {
    const value = env[envVar];
    if (!isUnset(value)) return { value, source: 'env', envVar };
  }
  return { value: info.default, source: 'default' };
}

/** How to name a value in messages: `` `key` `` for config, the variable name for env. */
function nameOf(key: string, choice: Picked): string {
  if (choice.source === 'env' && choice.envVar) return choice.envVar;
  return `\`${choice.configKey ?? key}\``;
}

function valueProblem(info: ConfigKeyInfo, choice: Picked): ConfigProblem {
  const name = nameOf(info.key, choice);
  const fromEnv = choice.source === 'env';
  const expected =
    info.type === 'boolean' && fromEnv
      ? `one of ${TRUE_WORDS.join('/')} or ${FALSE_WORDS.join('/')} (any case)`
      : info.type === 'boolean'
        ? `true or false (or one of ${TRUE_WORDS.join('/')} / ${FALSE_WORDS.join('/')} as text)`
        : EXPECTED[info.key as RawKey];
  const got = info.secret ? typeOfValue(choice.value) : describeValue(choice.value);
  const fallback =
    info.defaultDescription === 'required' || info.default === undefined
      ? 'remove it'
      : `remove it to use the default (${info.defaultDescription})`;
  return {
    key: info.key,
    source: choice.source,
    code: 'invalid',
    message: `${name} must be ${expected}; got ${got}.`,
    fix: fromEnv
      ? `Set ${name} to ${expected}, or unset it.`
      : `Set ${name} in the provider config to ${expected}, or ${fallback}.`,
  };
}
