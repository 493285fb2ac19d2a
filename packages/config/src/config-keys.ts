import type { ConfigKeyInfo } from './types.js';

/** Default Entra token scope for Azure OpenAI. */
export const DEFAULT_TOKEN_SCOPE = 'https://cognitiveservices.azure.com/.default';

function key(
  info: Omit<ConfigKeyInfo, 'aliases' | 'secret' | 'required'> & Partial<ConfigKeyInfo>,
): ConfigKeyInfo {
  const { aliases, choices, ...rest } = info;
  return Object.freeze({
    secret: false,
    required: false,
    ...rest,
    aliases: Object.freeze([...(aliases ?? [])]),
    envVars: Object.freeze([...rest.envVars]),
    ...(choices ? { choices: Object.freeze([...choices]) } : {}),
  });
}

/**
 * Metadata for every configuration key, in documentation order: the snake_case key, its aliases,
 * the environment variables read as fallbacks (first set one wins), the default, a description,
 * the value kind and whether it is a secret. Drives the README reference table, `--help` text and
 * Amplifier `ConfigField` lists.
 */
export const CONFIG_KEYS: readonly ConfigKeyInfo[] = Object.freeze([
  key({
    key: 'azure_endpoint',
    property: 'azureEndpoint',
    envVars: ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_BASE_URL'],
    default: undefined,
    defaultDescription: 'required',
    description:
      'Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com (a pasted /openai or /openai/v1 suffix is removed). https is required except for loopback hosts.',
    type: 'url',
    required: true,
  }),
  key({
    key: 'api_key',
    property: 'apiKey',
    envVars: ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_KEY'],
    default: undefined,
    defaultDescription: 'none',
    description:
      'API key of the Azure OpenAI resource (sent as the api-key header). Redacted everywhere.',
    type: 'secret',
    secret: true,
  }),
  key({
    key: 'azure_ad_token',
    property: 'azureAdToken',
    envVars: ['AZURE_OPENAI_AD_TOKEN'],
    default: undefined,
    defaultDescription: 'none',
    description:
      'A ready Microsoft Entra ID access token (sent as a Bearer token). Redacted everywhere.',
    type: 'secret',
    secret: true,
  }),
  key({
    key: 'apim_subscription_key',
    property: 'apimSubscriptionKey',
    envVars: ['AZURE_APIM_SUBSCRIPTION_KEY'],
    default: undefined,
    defaultDescription: 'none',
    description:
      'Subscription key of an Azure API Management gateway in front of Azure OpenAI, sent as the Ocp-Apim-Subscription-Key header (alone, or with the credential above). Redacted everywhere.',
    type: 'secret',
    secret: true,
  }),
  key({
    key: 'use_managed_identity',
    property: 'useManagedIdentity',
    envVars: ['AZURE_USE_MANAGED_IDENTITY'],
    default: false,
    defaultDescription: 'false',
    description: 'Authenticate with a managed identity (needs @azure/identity).',
    type: 'boolean',
  }),
  key({
    key: 'use_default_credential',
    property: 'useDefaultCredential',
    envVars: ['AZURE_USE_DEFAULT_CREDENTIAL'],
    default: false,
    defaultDescription: 'false',
    description: 'Authenticate with DefaultAzureCredential (needs @azure/identity).',
    type: 'boolean',
  }),
  key({
    key: 'managed_identity_client_id',
    property: 'managedIdentityClientId',
    envVars: ['AZURE_MANAGED_IDENTITY_CLIENT_ID'],
    default: undefined,
    defaultDescription: 'none',
    description: 'Client id of a user-assigned managed identity (system-assigned when unset).',
    type: 'string',
  }),
  key({
    key: 'token_scope',
    property: 'tokenScope',
    envVars: ['AZURE_OPENAI_TOKEN_SCOPE'],
    default: DEFAULT_TOKEN_SCOPE,
    defaultDescription: DEFAULT_TOKEN_SCOPE,
    description: 'Entra ID scope requested for tokens.',
    type: 'string',
  }),
  key({
    key: 'token_refresh_margin_seconds',
    property: 'tokenRefreshMarginSeconds',
    envVars: [],
    default: 300,
    defaultDescription: '300',
    description: 'Refresh Entra tokens this many seconds before they expire (>= 0).',
    type: 'number',
  }),
  key({
    key: 'api_version',
    property: 'apiVersion',
    envVars: ['AZURE_OPENAI_API_VERSION'],
    default: undefined,
    defaultDescription: 'unset (v1 surface)',
    description:
      'v1, latest or preview (or unset) use the v1 surface /openai/v1; a dated version of 2025-03-01-preview or later uses /openai?api-version=...; older dated versions are ignored with a warning.',
    type: 'string',
  }),
  key({
    key: 'deployment_mapping',
    property: 'deploymentMapping',
    envVars: [],
    default: Object.freeze({}),
    defaultDescription: '{}',
    description:
      'Model name -> deployment: a deployment name, a list of names in failover order, or { deployment, endpoint } tables (endpoint for another region), or a list mixing both.',
    type: 'mapping',
  }),
  key({
    key: 'deployment_models',
    property: 'deploymentModels',
    envVars: [],
    default: Object.freeze({}),
    defaultDescription: '{}',
    description:
      'Deployment name -> model family (e.g. "prod-chat" = "gpt-5"), so capabilities are known for deployments whose name does not say.',
    type: 'mapping',
  }),
  key({
    key: 'default_deployment',
    property: 'defaultDeployment',
    envVars: ['AZURE_OPENAI_DEFAULT_DEPLOYMENT'],
    default: undefined,
    defaultDescription: 'none (the model name is used as the deployment name)',
    description: 'Deployment used for models that have no deployment_mapping entry.',
    type: 'string',
  }),
  key({
    key: 'default_model',
    property: 'defaultModel',
    envVars: ['AZURE_OPENAI_DEFAULT_MODEL'],
    default: 'gpt-5',
    defaultDescription: 'gpt-5',
    description: 'Model used when a request names none.',
    type: 'string',
  }),
  key({
    key: 'max_tokens',
    property: 'maxTokens',
    aliases: ['max_output_tokens'],
    envVars: ['AZURE_OPENAI_MAX_OUTPUT_TOKENS'],
    default: 4096,
    defaultDescription: '4096',
    description: 'Maximum output tokens per response (an integer > 0).',
    type: 'integer',
  }),
  key({
    key: 'temperature',
    property: 'temperature',
    envVars: ['AZURE_OPENAI_TEMPERATURE'],
    default: 0.7,
    defaultDescription: '0.7',
    description: 'Sampling temperature, 0 to 2 (not sent to reasoning models).',
    type: 'number',
  }),
  key({
    key: 'top_p',
    property: 'topP',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description: 'Nucleus sampling, 0 to 1.',
    type: 'number',
  }),
  key({
    key: 'reasoning_effort',
    property: 'reasoningEffort',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description:
      'Reasoning effort for reasoning models; none and xhigh only where the model family takes them (otherwise not sent, with a warning).',
    type: 'choice',
    choices: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'],
  }),
  key({
    key: 'reasoning_summary',
    property: 'reasoningSummary',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description: 'Reasoning summary mode for reasoning models.',
    type: 'choice',
    choices: ['auto', 'concise', 'detailed'],
  }),
  key({
    key: 'timeout',
    property: 'timeout',
    envVars: [],
    default: 600,
    defaultDescription: '600',
    description: 'Request timeout in seconds (> 0).',
    type: 'number',
  }),
  key({
    key: 'max_retries',
    property: 'maxRetries',
    envVars: [],
    default: 3,
    defaultDescription: '3',
    description: 'Retries for retryable failures (429, 5xx, connection errors); an integer >= 0.',
    type: 'integer',
  }),
  key({
    key: 'failover_retry_after_threshold_seconds',
    property: 'failoverRetryAfterThresholdSeconds',
    envVars: [],
    default: 10,
    defaultDescription: '10',
    description:
      'When Azure asks to wait longer than this many seconds (Retry-After), fail over to the next deployment at once (>= 0).',
    type: 'number',
  }),
  key({
    key: 'deployment_quotas',
    property: 'deploymentQuotas',
    envVars: [],
    default: Object.freeze({}),
    defaultDescription: '{}',
    description:
      'Deployment name -> { tpm, rpm } (Azure quota): requests go to deployments with budget left and wait or fail over instead of meeting a 429.',
    type: 'mapping',
  }),
  key({
    key: 'shared_state_url',
    property: 'sharedStateUrl',
    envVars: ['AZURE_OPENAI_SHARED_STATE_URL'],
    default: undefined,
    defaultDescription: 'none (state per process)',
    description:
      'redis:// URL where a fleet of processes shares cooldowns and quota budgets (needs @amplifier-azure-openai/state-redis and redis). Redacted everywhere.',
    type: 'secret',
    secret: true,
  }),
  key({
    key: 'store',
    property: 'store',
    envVars: [],
    default: false,
    defaultDescription: 'false',
    description:
      'Ask Azure to store responses. false keeps requests stateless (reasoning is round-tripped encrypted).',
    type: 'boolean',
  }),
  key({
    key: 'use_streaming',
    property: 'useStreaming',
    envVars: [],
    default: true,
    defaultDescription: 'true',
    description:
      'complete() streams from Azure and emits llm:stream_block_start/delta/end (and llm:stream_aborted) to the event sink; request.metadata.stream = false turns it off for one call. Without an event sink complete() sends one plain request.',
    type: 'boolean',
  }),
  key({
    key: 'prompt_cache_key',
    property: 'promptCacheKey',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description:
      'Stable prompt-cache routing key sent as prompt_cache_key (e.g. a conversation or tenant id); a request may override it.',
    type: 'string',
  }),
  key({
    key: 'prompt_cache_retention',
    property: 'promptCacheRetention',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description: 'Prompt-cache retention: in_memory or 24h; a request may override it.',
    type: 'choice',
    choices: ['in_memory', '24h'],
  }),
  key({
    key: 'safety_identifier',
    property: 'safetyIdentifier',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description:
      'End-user identifier for abuse monitoring, sent as safety_identifier; normally set per request.',
    type: 'string',
  }),
  key({
    key: 'truncation',
    property: 'truncation',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent: Azure fails a request that overflows the context)',
    description: 'Context truncation: auto (drop the oldest input) or disabled.',
    type: 'choice',
    choices: ['auto', 'disabled'],
  }),
  key({
    key: 'service_tier',
    property: 'serviceTier',
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description: 'Service tier: auto, default, flex or priority.',
    type: 'choice',
    choices: ['auto', 'default', 'flex', 'priority'],
  }),
  key({
    key: 'parallel_tool_calls',
    property: 'parallelToolCalls',
    envVars: [],
    default: undefined,
    defaultDescription: "none (not sent: Azure's default, true)",
    description: 'Allow several tool calls in one turn (sent only with tools).',
    type: 'boolean',
  }),
  key({
    key: 'text_verbosity',
    property: 'textVerbosity',
    aliases: ['verbosity'],
    envVars: [],
    default: undefined,
    defaultDescription: 'none (not sent)',
    description: 'Answer length for models that take it (GPT-5 family), sent as text.verbosity.',
    type: 'choice',
    choices: ['low', 'medium', 'high'],
  }),
  key({
    key: 'extra_headers',
    property: 'extraHeaders',
    envVars: [],
    default: Object.freeze({}),
    defaultDescription: '{}',
    description:
      'Header name -> value sent with every request (for AI gateways); values are redacted everywhere. Credentials and Content-Type cannot be set here.',
    type: 'mapping',
  }),
  key({
    key: 'extra_body',
    property: 'extraBody',
    envVars: [],
    default: Object.freeze({}),
    defaultDescription: '{}',
    description:
      'Field -> JSON value merged into every Responses request body (gateways, fields this provider does not model); model, input and stream cannot be set.',
    type: 'mapping',
  }),
  key({
    key: 'native_tools',
    property: 'nativeTools',
    envVars: [],
    default: Object.freeze([]),
    defaultDescription: '[] (none)',
    description:
      "Hosted tools declared on every request: web_search, web_search_preview, file_search (vector_store_ids), code_interpreter, image_generation, mcp (server_label, server_url); a type name or a table each. A request's native_tools replaces the list.",
    type: 'mapping',
  }),
  key({
    key: 'debug',
    property: 'debug',
    envVars: [],
    default: false,
    defaultDescription: 'false',
    description: 'Emit llm:request:debug / llm:response:debug events with truncated payloads.',
    type: 'boolean',
  }),
  key({
    key: 'raw_debug',
    property: 'rawDebug',
    envVars: [],
    default: false,
    defaultDescription: 'false',
    description:
      'With debug, also emit llm:request:raw / llm:response:raw events with complete payloads.',
    type: 'boolean',
  }),
]);

/**
 * Keys Amplifier (or a mount plan) may put in every module's config; they are accepted silently
 * and ignored.
 */
export const GENERIC_MODULE_KEYS: readonly string[] = Object.freeze([
  'id',
  'name',
  'module',
  'source',
  'priority',
  'instance_id',
]);
