import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import type { BackoffOptions } from './backoff.js';

/**
 * The backoff of `min_retry_delay` / `max_retry_delay` (seconds, like the Python provider's) and
 * `retry_jitter`. A config without them (an older or hand-built object) keeps the defaults.
 */
export function retryBackoffOptions(
  config: Partial<Pick<AzureOpenAIConfig, 'minRetryDelay' | 'maxRetryDelay' | 'retryJitter'>>,
): Omit<BackoffOptions, 'random'> {
  const options: Omit<BackoffOptions, 'random'> = {};
  if (typeof config.minRetryDelay === 'number')
    options.initialDelayMs = config.minRetryDelay * 1000;
  if (typeof config.maxRetryDelay === 'number') options.maxDelayMs = config.maxRetryDelay * 1000;
  if (typeof config.retryJitter === 'number') options.jitter = config.retryJitter;
  return options;
}
