import type { RawConfig } from './config-schema.js';
import type { ConfigProblem, ValueSource } from './types.js';

/** The value picked for a key: where it came from and the config key actually used (an alias). */
interface PickedSource {
  source: ValueSource;
  configKey?: string | undefined;
}

/**
 * Cross-field rules of the retry and chaining keys: `min_retry_delay` above `max_retry_delay`,
 * and `enable_response_chaining = true` with `store = false` (a chain needs stored responses).
 */
export function retryAndChainingProblems(
  values: Partial<RawConfig>,
  picked: ReadonlyMap<string, PickedSource>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const min = values.min_retry_delay;
  // An invalid max_retry_delay is reported on its own; the default (8 s) applies when unset.
  const max =
    values.max_retry_delay ?? (picked.get('max_retry_delay')?.source === 'default' ? 8 : undefined);
  if (min !== undefined && max !== undefined && min > max) {
    problems.push({
      key: 'min_retry_delay',
      source: picked.get('min_retry_delay')?.source ?? 'config',
      code: 'invalid',
      message: `\`min_retry_delay\` (${min} s) is larger than \`max_retry_delay\` (${max} s).`,
      fix: 'Set min_retry_delay to at most max_retry_delay (both in seconds), or raise max_retry_delay.',
    });
  }
  if (values.enable_response_chaining === true && values.store === false) {
    problems.push({
      key: 'enable_response_chaining',
      source: picked.get('enable_response_chaining')?.source ?? 'config',
      code: 'invalid',
      message:
        '`enable_response_chaining = true` needs stored responses, but `store` is false: a previous_response_id only works for a response Azure stored.',
      fix: 'Remove `store = false` (chaining then stores responses), or set enable_response_chaining to auto or false.',
    });
  }
  return problems;
}
