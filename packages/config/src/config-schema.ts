import { z } from 'zod';
import { coerceBoolean, coerceLowercase, coerceNumber, coerceTrim } from './parse-values.js';

const text = z.preprocess(coerceTrim, z.string().min(1));
const flag = z.preprocess(coerceBoolean, z.boolean());
const number = (check: (schema: z.ZodNumber) => z.ZodNumber) =>
  z.preprocess(coerceNumber, check(z.number()));
const coerceUppercase = (value: unknown): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
/** `auto`, or a boolean (true/false, yes/no, 1/0 as text): `enable_response_chaining`. */
const autoOrFlag = z.preprocess(
  value =>
    typeof value === 'string' && value.trim().toLowerCase() === 'auto'
      ? 'auto'
      : coerceBoolean(value),
  z.union([z.literal('auto'), z.boolean()]),
);
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(coerceLowercase, z.enum(values));

/**
 * The one schema of the raw (snake_case) values, after the config/env/default pick and before
 * normalization. Internal: zod is not part of the public API. Every key is optional here; required
 * values and cross-field rules are checked afterwards so that every problem is collected.
 */
export const rawConfigSchema = z
  .object({
    azure_endpoint: z.string(),
    api_key: z.string(),
    azure_ad_token: z.string(),
    apim_subscription_key: z.string(),
    use_managed_identity: flag,
    use_default_credential: flag,
    managed_identity_client_id: text,
    token_scope: text,
    token_refresh_margin_seconds: number(schema => schema.min(0)),
    api_version: z.string(),
    deployment_mapping: z.unknown(),
    deployment_models: z.unknown(),
    default_deployment: text,
    default_model: text,
    max_tokens: number(schema => schema.int().positive()),
    temperature: number(schema => schema.min(0).max(2)),
    top_p: number(schema => schema.min(0).max(1)),
    reasoning_effort: choice(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']),
    reasoning_summary: choice(['auto', 'concise', 'detailed']),
    timeout: number(schema => schema.positive()),
    max_retries: number(schema => schema.int().min(0)),
    min_retry_delay: number(schema => schema.min(0)),
    max_retry_delay: number(schema => schema.min(0)),
    retry_jitter: z.preprocess(value => {
      const word = coerceBoolean(value);
      if (typeof word === 'boolean') return word ? 1 : 0;
      return coerceNumber(value);
    }, z.number().min(0).max(1)),
    failover_retry_after_threshold_seconds: number(schema => schema.min(0)),
    deployment_quotas: z.unknown(),
    max_concurrent_requests: number(schema => schema.int().min(0)),
    max_concurrent_requests_per_deployment: number(schema => schema.int().min(0)),
    deployment_type: z.preprocess(coerceUppercase, z.enum(['PAYG', 'PTU'])),
    deployment_pricing: z.unknown(),
    shared_state_url: text,
    store: flag,
    use_streaming: flag,
    enable_response_chaining: autoOrFlag,
    auto_continue: flag,
    max_continuation_attempts: number(schema => schema.int().min(1).max(100)),
    background: flag,
    poll_interval: number(schema => schema.positive()),
    background_timeout: number(schema => schema.positive()),
    prompt_cache_key: text,
    prompt_cache_retention: choice(['in_memory', '24h']),
    safety_identifier: text,
    truncation: choice(['auto', 'disabled']),
    service_tier: choice(['auto', 'default', 'flex', 'priority']),
    parallel_tool_calls: flag,
    text_verbosity: choice(['low', 'medium', 'high']),
    extra_headers: z.unknown(),
    extra_body: z.unknown(),
    native_tools: z.unknown(),
    debug: flag,
    raw_debug: flag,
  })
  .partial();

/** The parsed raw values. */
export type RawConfig = z.infer<typeof rawConfigSchema>;

/** What each key must be, in words, for error messages. */
export const EXPECTED: Readonly<Record<keyof RawConfig, string>> = {
  azure_endpoint: 'a URL string such as https://my-resource.openai.azure.com',
  api_key: 'a string',
  azure_ad_token: 'a string',
  apim_subscription_key: 'a string',
  use_managed_identity: 'a boolean',
  use_default_credential: 'a boolean',
  managed_identity_client_id: 'a non-empty string',
  token_scope: 'a non-empty string',
  token_refresh_margin_seconds: 'a number >= 0',
  api_version: 'a string such as "v1" or "2025-04-01-preview"',
  deployment_mapping: 'a table',
  deployment_models: 'a table',
  default_deployment: 'a non-empty string',
  default_model: 'a non-empty string',
  max_tokens: 'a whole number greater than 0',
  temperature: 'a number from 0 to 2',
  top_p: 'a number from 0 to 1',
  reasoning_effort: 'one of none, minimal, low, medium, high, xhigh',
  reasoning_summary: 'one of auto, concise, detailed',
  timeout: 'a number of seconds greater than 0',
  max_retries: 'a whole number >= 0',
  min_retry_delay: 'a number of seconds >= 0',
  max_retry_delay: 'a number of seconds >= 0',
  retry_jitter: 'a number from 0 to 1 (or true = 1, false = 0)',
  failover_retry_after_threshold_seconds: 'a number of seconds >= 0',
  deployment_quotas: 'a table',
  max_concurrent_requests: 'a whole number >= 0 (0 = no limit)',
  max_concurrent_requests_per_deployment: 'a whole number >= 0 (0 = no limit)',
  deployment_type: 'one of PAYG, PTU',
  deployment_pricing: 'a table',
  shared_state_url: 'a redis:// or rediss:// URL',
  store: 'a boolean',
  use_streaming: 'a boolean',
  enable_response_chaining: 'auto, true or false',
  auto_continue: 'a boolean',
  max_continuation_attempts: 'a whole number from 1 to 100',
  background: 'a boolean',
  poll_interval: 'a number of seconds greater than 0',
  background_timeout: 'a number of seconds greater than 0',
  prompt_cache_key: 'a non-empty string',
  prompt_cache_retention: 'one of in_memory, 24h',
  safety_identifier: 'a non-empty string',
  truncation: 'one of auto, disabled',
  service_tier: 'one of auto, default, flex, priority',
  parallel_tool_calls: 'a boolean',
  text_verbosity: 'one of low, medium, high',
  extra_headers: 'a table of header name -> text',
  extra_body: 'a table of field -> JSON value',
  native_tools: 'a list of hosted tools',
  debug: 'a boolean',
  raw_debug: 'a boolean',
};
