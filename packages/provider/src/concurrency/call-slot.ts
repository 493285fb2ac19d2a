import { emit } from '../events/provider-event-emitter.js';
import { PROVIDER_CONCURRENCY_WAIT } from '../events/provider-event-names.js';
import type { PreparedCall } from '../provider/prepare-call.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { PROVIDER_ID } from '../provider/provider-info.js';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import type { ConcurrencyWait } from './concurrency-limits.js';

const NO_SLOT = (): void => {};

/**
 * Takes the concurrency slots one HTTP attempt of `call` needs for `target` (see
 * `max_concurrent_requests` and `max_concurrent_requests_per_deployment`); a wait in line is
 * reported as `provider:concurrency_wait`. Resolves to the release (call it on every path);
 * rejects with the call signal's reason when the call is cancelled while waiting.
 */
export async function acquireCallSlot(
  context: Pick<ProviderContext, 'concurrency' | 'events' | 'scrubber' | 'logger'>,
  call: Pick<PreparedCall, 'model' | 'signal'>,
  target: FailoverTarget,
): Promise<() => void> {
  const { concurrency } = context;
  if (concurrency === undefined) return NO_SLOT;
  const waits: ConcurrencyWait[] = [];
  let release: (() => void) | undefined;
  try {
    release = await concurrency.acquire(target, {
      signal: call.signal,
      onWait: wait => waits.push(wait),
    });
    return release;
  } finally {
    for (const wait of waits) {
      await emit(context, PROVIDER_CONCURRENCY_WAIT, {
        provider: PROVIDER_ID,
        model: call.model,
        deployment: wait.deployment,
        scope: wait.scope,
        limit: wait.limit,
        waited_ms: Math.round(wait.waitedMs),
        queue_depth: wait.queueDepth,
        outcome: wait.outcome,
      });
    }
  }
}

/**
 * Runs one attempt holding its concurrency slots, released however it ends. Without a limit the
 * attempt runs as it is (no extra async frame per call).
 */
export function withCallSlot<T>(
  context: Pick<ProviderContext, 'concurrency' | 'events' | 'scrubber' | 'logger'>,
  call: Pick<PreparedCall, 'model' | 'signal'>,
  target: FailoverTarget,
  attempt: () => Promise<T>,
): Promise<T> {
  if (context.concurrency === undefined) return attempt();
  return withSlot(context, call, target, attempt);
}

async function withSlot<T>(
  context: Pick<ProviderContext, 'concurrency' | 'events' | 'scrubber' | 'logger'>,
  call: Pick<PreparedCall, 'model' | 'signal'>,
  target: FailoverTarget,
  attempt: () => Promise<T>,
): Promise<T> {
  const release = await acquireCallSlot(context, call, target);
  try {
    return await attempt();
  } finally {
    release();
  }
}
