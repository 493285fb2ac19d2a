import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';

/**
 * Whether calls chain with `previous_response_id` (`enable_response_chaining`): `auto` (the
 * default, and a config object without the key) chains exactly when `store` is on; `false` never
 * chains; `true` implies `store` (resolveConfig sets it, and refuses `store = false`).
 */
export function responseChainingOn(
  config: Pick<AzureOpenAIConfig, 'store'> &
    Partial<Pick<AzureOpenAIConfig, 'enableResponseChaining'>>,
): boolean {
  return config.store && config.enableResponseChaining !== false;
}
