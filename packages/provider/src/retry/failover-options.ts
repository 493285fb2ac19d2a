import { translateError } from '../errors/translate-error.js';
import { retryEvents } from '../events/provider-event-emitter.js';
import type { PreparedCall } from '../provider/prepare-call.js';
import { errorContext, type ProviderContext } from '../provider/provider-context.js';
import { retryBackoffOptions } from './retry-backoff-options.js';
import type { RunWithFailoverOptions } from './run-with-failover.js';

/**
 * The {@link runWithFailover} options of one call, everything but its `attempt`: one place for
 * complete() and stream() (plan, retries, backoff, signal, error translation, retry events).
 */
export function failoverOptions(
  context: Pick<
    ProviderContext,
    'resolver' | 'config' | 'sleep' | 'random' | 'auth' | 'state' | 'events' | 'scrubber' | 'logger'
  >,
  call: Pick<PreparedCall, 'model' | 'plan' | 'signal'>,
): Omit<RunWithFailoverOptions<never>, 'attempt'> {
  const rule = call.plan.resolution.rule;
  return {
    plan: call.plan,
    registry: context.resolver,
    model: call.model,
    maxRetries: context.config.maxRetries,
    sleep: context.sleep,
    random: context.random,
    backoff: retryBackoffOptions(context.config),
    signal: call.signal,
    translate: (error, target) =>
      translateError(error, errorContext(context, call.model, rule, target)),
    ...retryEvents(context, call.model),
  };
}
