import type { NativeToolConfig } from './native-tools.js';
import type { Secret } from './secret.js';

/** Where a configuration value came from: the provider config, an environment variable, or the default. */
export type ValueSource = 'config' | 'env' | 'default';

/**
 * Which Azure OpenAI HTTP surface requests go to.
 * - `v1`: `{endpoint}/openai/v1/responses` (no dated `api-version` needed).
 * - `dated`: `{endpoint}/openai/responses?api-version=<apiVersion>`.
 */
export type ApiSurface = 'v1' | 'dated';

/** Reasoning effort accepted by reasoning models. */
/** `enable_response_chaining`: `'auto'` (chain when `store` is on), `true` or `false`. */
export type ResponseChaining = 'auto' | boolean;

/** Reasoning effort values. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** Reasoning summary mode accepted by reasoning models. */
export type ReasoningSummary = 'auto' | 'concise' | 'detailed';

/** One deployment a model can be served by; several of them form a failover list. */
export interface DeploymentTarget {
  /** The Azure deployment name. */
  deployment: string;
  /**
   * Another Azure resource's endpoint for this deployment (multi-region failover), normalized like
   * `azureEndpoint`. Absent means the main `azureEndpoint`.
   */
  endpoint?: string;
}

/** One deployment's rate limit (`deployment_quotas` entry): Azure's TPM and RPM. */
export interface DeploymentQuotaConfig {
  /** Tokens per minute (per `windowSeconds`). */
  readonly tpm?: number;
  /** Requests per minute (per `windowSeconds`). */
  readonly rpm?: number;
  /** The window in seconds when not Azure's 60 (emulators and tests). */
  readonly windowSeconds?: number;
}

/** How Azure bills a deployment: pay-as-you-go per token, or provisioned throughput (no per-token cost). */
export type DeploymentType = 'PAYG' | 'PTU';

/**
 * One deployment's pricing (`deployment_pricing` entry): USD per million tokens, overriding the
 * provider's pricing table, and/or its deployment type (`PTU` costs 0 per token).
 */
export interface DeploymentPricingConfig {
  readonly deploymentType?: DeploymentType;
  /** USD per million fresh input tokens. */
  readonly inputPerMillion?: number;
  /** USD per million cached input tokens (defaults to the input price). */
  readonly cachedInputPerMillion?: number;
  /** USD per million output tokens (reasoning tokens included). */
  readonly outputPerMillion?: number;
}

/** The validated, camelCase, frozen configuration of the Azure OpenAI provider. */
export interface AzureOpenAIConfig {
  /**
   * The Azure resource endpoint, normalized: `https://x.openai.azure.com` (no trailing slash,
   * no `/openai[/v1]` suffix). Config `azure_endpoint`; env `AZURE_OPENAI_ENDPOINT`, then
   * `AZURE_OPENAI_BASE_URL`. Required.
   */
  readonly azureEndpoint: string;
  /** API key (redacted). Config `api_key`; env `AZURE_OPENAI_API_KEY`, then `AZURE_OPENAI_KEY`. */
  readonly apiKey?: Secret;
  /** A ready Entra (Azure AD) access token (redacted). Config `azure_ad_token`; env `AZURE_OPENAI_AD_TOKEN`. */
  readonly azureAdToken?: Secret;
  /**
   * Azure API Management subscription key (redacted), sent as `Ocp-Apim-Subscription-Key`.
   * Config `apim_subscription_key`; env `AZURE_APIM_SUBSCRIPTION_KEY`.
   */
  readonly apimSubscriptionKey?: Secret;
  /** Use a managed identity. Config `use_managed_identity`; env `AZURE_USE_MANAGED_IDENTITY`. Default `false`. */
  readonly useManagedIdentity: boolean;
  /** Use `DefaultAzureCredential`. Config `use_default_credential`; env `AZURE_USE_DEFAULT_CREDENTIAL`. Default `false`. */
  readonly useDefaultCredential: boolean;
  /** Client id of a user-assigned managed identity. Config `managed_identity_client_id`; env `AZURE_MANAGED_IDENTITY_CLIENT_ID`. */
  readonly managedIdentityClientId?: string;
  /** Entra token scope. Config `token_scope`; env `AZURE_OPENAI_TOKEN_SCOPE`. Default `https://cognitiveservices.azure.com/.default`. */
  readonly tokenScope: string;
  /** Refresh tokens this many seconds before expiry. Config `token_refresh_margin_seconds`. Default `300`. */
  readonly tokenRefreshMarginSeconds: number;
  /**
   * The API version requests use: `v1`, `latest`, `preview` or a dated version of
   * 2025-03-01-preview or later. `undefined` when unset, or when an older dated version was ignored
   * (see the warnings). Config `api_version`; env `AZURE_OPENAI_API_VERSION`.
   */
  readonly apiVersion?: string;
  /** The resolved HTTP surface (derived from `apiVersion`). */
  readonly apiSurface: ApiSurface;
  /** Base URL for the `openai` client: v1 `${azureEndpoint}/openai/v1`; dated `${azureEndpoint}/openai`. */
  readonly baseUrl: string;
  /** Model name -> deployments in failover order. Config `deployment_mapping`. Default `{}`. */
  readonly deploymentMapping: Readonly<Record<string, readonly DeploymentTarget[]>>;
  /** Deployment name -> model family (for capabilities of oddly named deployments). Config `deployment_models`. Default `{}`. */
  readonly deploymentModels: Readonly<Record<string, string>>;
  /** Deployment used for models with no mapping. Config `default_deployment`; env `AZURE_OPENAI_DEFAULT_DEPLOYMENT`. */
  readonly defaultDeployment?: string;
  /** Model used when a request names none. Config `default_model`; env `AZURE_OPENAI_DEFAULT_MODEL`. Default `gpt-5`. */
  readonly defaultModel: string;
  /** Maximum output tokens. Config `max_tokens` (alias `max_output_tokens`); env `AZURE_OPENAI_MAX_OUTPUT_TOKENS`. Default `4096`. */
  readonly maxTokens: number;
  /** Sampling temperature, 0..2. Config `temperature`; env `AZURE_OPENAI_TEMPERATURE`. Default `0.7`. */
  readonly temperature: number;
  /** Nucleus sampling, 0..1. Config `top_p`. Default: not sent. */
  readonly topP?: number;
  /** Reasoning effort. Config `reasoning_effort`. Default: not sent. */
  readonly reasoningEffort?: ReasoningEffort;
  /** Reasoning summary. Config `reasoning_summary`. Default: not sent. */
  readonly reasoningSummary?: ReasoningSummary;
  /** Request timeout in seconds. Config `timeout`. Default `600`. */
  readonly timeout: number;
  /** Retries for retryable failures. Config `max_retries`. Default `3`. */
  readonly maxRetries: number;
  /** Backoff before the first retry, in seconds; doubles per retry. Config `min_retry_delay`. Default `0.5`. */
  readonly minRetryDelay: number;
  /** Upper bound of any backoff delay, in seconds. Config `max_retry_delay`. Default `8`. */
  readonly maxRetryDelay: number;
  /** Share (0..1) of each backoff delay that is random: 1 = full jitter, 0 = none. Config `retry_jitter`. Default `1`. */
  readonly retryJitter: number;
  /** Fail over at once when Azure asks to wait longer than this (seconds). Config `failover_retry_after_threshold_seconds`. Default `10`. */
  readonly failoverRetryAfterThresholdSeconds: number;
  /**
   * Deployment name -> TPM/RPM quota: requests are routed to deployments with budget left and
   * held back instead of being sent to a sure 429. Config `deployment_quotas`. Default `{}`
   * (quotas are learned from Azure's `x-ratelimit-*` headers when shared state is on).
   */
  readonly deploymentQuotas: Readonly<Record<string, DeploymentQuotaConfig>>;
  /** Requests in flight at once per provider instance; `0` = no limit. Config `max_concurrent_requests`. Default `0`. */
  readonly maxConcurrentRequests: number;
  /** Requests in flight at once per deployment; `0` = no limit. Config `max_concurrent_requests_per_deployment`. Default `0`. */
  readonly maxConcurrentRequestsPerDeployment: number;
  /** How every deployment is billed unless `deploymentPricing` says otherwise. Config `deployment_type`. Default `PAYG`. */
  readonly deploymentType: DeploymentType;
  /** Deployment name -> price overrides / deployment type. Config `deployment_pricing`. Default `{}`. */
  readonly deploymentPricing: Readonly<Record<string, DeploymentPricingConfig>>;
  /**
   * Redis URL of the state shared by every process of a fleet (cooldowns, quota budgets), e.g.
   * `redis://cache:6379` (redacted: it may hold a password). Needs
   * `@amplifier-azure-openai/state-redis`. Config `shared_state_url`; env `AZURE_OPENAI_SHARED_STATE_URL`.
   */
  readonly sharedStateUrl?: Secret;
  /** Ask Azure to store responses. Config `store`. Default `false` (stateless, encrypted reasoning round trip). */
  readonly store: boolean;
  /** complete() streams and emits `llm:stream_*` events (with an event sink). Config `use_streaming`. Default `true`. */
  readonly useStreaming: boolean;
  /**
   * `previous_response_id` chaining. `'auto'`: chain when `store` is on (and only then); `true`:
   * chain and store responses (`store: true` is implied); `false`: never chain, even with `store`.
   * Config `enable_response_chaining`. Default `'auto'`.
   */
  readonly enableResponseChaining: ResponseChaining;
  /** Continue answers cut off at `max_output_tokens` automatically. Config `auto_continue`. Default `false`. */
  readonly autoContinue: boolean;
  /** Continuations at most per call when `autoContinue` is on. Config `max_continuation_attempts`. Default `5`. */
  readonly maxContinuationAttempts: number;
  /**
   * Send requests as background responses (`background: true`) and poll them until they end;
   * needs `store = true`. A request may turn it on or off (`background` field or metadata key).
   * Config `background`. Default `false`.
   */
  readonly background: boolean;
  /** Seconds between polls of a background response. Config `poll_interval`. Default `5`. */
  readonly pollInterval: number;
  /**
   * Seconds a background response may run before it is cancelled (and the call fails with a
   * `BackgroundTimeoutError`). Config `background_timeout`. Default `1800`.
   */
  readonly backgroundTimeout: number;
  /** Prompt-cache routing key. Config `prompt_cache_key`. Default: not sent. */
  readonly promptCacheKey?: string;
  /** Prompt-cache retention (`in_memory` | `24h`). Config `prompt_cache_retention`. Default: not sent. */
  readonly promptCacheRetention?: 'in_memory' | '24h';
  /** End-user id for abuse monitoring. Config `safety_identifier`. Default: not sent. */
  readonly safetyIdentifier?: string;
  /** Context truncation (`auto` | `disabled`). Config `truncation`. Default: not sent. */
  readonly truncation?: 'auto' | 'disabled';
  /** Service tier. Config `service_tier`. Default: not sent. */
  readonly serviceTier?: 'auto' | 'default' | 'flex' | 'priority';
  /** Allow several tool calls per turn. Config `parallel_tool_calls`. Default: not sent. */
  readonly parallelToolCalls?: boolean;
  /** `text.verbosity`. Config `text_verbosity` (alias `verbosity`). Default: not sent. */
  readonly textVerbosity?: 'low' | 'medium' | 'high';
  /** Headers sent with every request (values redacted). Config `extra_headers`. Default `{}`. */
  readonly extraHeaders: Readonly<Record<string, Secret>>;
  /** Fields merged into every request body. Config `extra_body`. Default `{}`. */
  readonly extraBody: Readonly<Record<string, unknown>>;
  /**
   * Hosted tools (web_search, file_search, code_interpreter, image_generation, mcp) declared on
   * every request. Config `native_tools`. Default `[]`.
   */
  readonly nativeTools: readonly NativeToolConfig[];
  /** Emit debug events. Config `debug`. Default `false`. */
  readonly debug: boolean;
  /** Emit raw request/response events (needs `debug`). Config `raw_debug` (alias `raw`). Default `false`. */
  readonly rawDebug: boolean;
}

/** One problem found while resolving configuration or loading a settings file. */
export interface ConfigProblem {
  /** The snake_case key (`deployment_mapping.<model>` for one mapping entry; `settings_file` for file problems). */
  readonly key: string;
  /** Where the bad value came from; `file` for settings-file problems. */
  readonly source: ValueSource | 'file';
  /** `missing`: a required value is absent; `invalid`: a value is wrong; `unknown`: not recognised. */
  readonly code: 'missing' | 'invalid' | 'unknown';
  /** What is wrong (never contains a secret value). */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** 1-based line in the settings file, when known. */
  readonly line?: number;
  /** The settings file path, for file problems. */
  readonly path?: string;
}

/** A non-fatal finding: the configuration works but probably not as intended. */
export interface ConfigWarning {
  /** The snake_case key concerned. */
  readonly key: string;
  /** What was noticed. */
  readonly message: string;
  /** What to change, when there is something to change. */
  readonly fix?: string;
}

/** The result of {@link resolveConfig}: the config, where each field came from, and warnings. */
export interface ResolvedConfig {
  /** The frozen configuration. */
  readonly config: AzureOpenAIConfig;
  /**
   * Where each field came from. Derived fields follow their input: `apiSurface` follows
   * `apiVersion`, `baseUrl` follows `azureEndpoint`.
   */
  readonly sources: Readonly<Record<keyof AzureOpenAIConfig, ValueSource>>;
  /** Warnings (unknown keys, ignored api-version, stripped endpoint suffix...). */
  readonly warnings: readonly ConfigWarning[];
}

/** The kind of value a configuration key holds (maps onto Amplifier `ConfigField.field_type`). */
export type ConfigValueType =
  | 'url'
  | 'string'
  | 'secret'
  | 'boolean'
  | 'number'
  | 'integer'
  | 'choice'
  | 'mapping';

/** Metadata about one configuration key, for docs, `--help` and Amplifier `ConfigField` lists. */
export interface ConfigKeyInfo {
  /** The snake_case key in the provider config. */
  readonly key: string;
  /** The camelCase field of {@link AzureOpenAIConfig}. */
  readonly property: keyof AzureOpenAIConfig;
  /** Other accepted config keys for the same value. */
  readonly aliases: readonly string[];
  /** Environment variables read when the key is not in the config, first match wins. */
  readonly envVars: readonly string[];
  /** The default value; `undefined` when there is none (see `defaultDescription`). */
  readonly default:
    | string
    | number
    | boolean
    | Readonly<Record<string, never>>
    | readonly never[]
    | undefined;
  /** The default in words, for docs (`required`, `none`, `4096`...). */
  readonly defaultDescription: string;
  /** One-sentence description. */
  readonly description: string;
  /** The value kind. */
  readonly type: ConfigValueType;
  /** Allowed values of a `choice` key. */
  readonly choices?: readonly string[];
  /** True for API keys and tokens: never print the value. */
  readonly secret: boolean;
  /** True when resolving fails without it. */
  readonly required: boolean;
}

/** One row of {@link describeConfig}: a key, its printable (redacted) value, and its source. */
export interface ConfigDescriptionRow {
  /** The snake_case key. */
  key: string;
  /** The value as text; secrets print `[REDACTED]`, unset values print `(unset)`. */
  value: string;
  /** Where the value came from. */
  source: ValueSource;
}
