import { AbortedError } from '../errors/aborted-error.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { SleepFunction } from './abortable-sleep.js';
import { type BackoffOptions, computeBackoffMs } from './backoff.js';

/** A deployment to send to (structurally the deployments package's `DeploymentTarget`). */
export interface FailoverTarget {
  readonly deployment: string;
  readonly endpoint?: string | undefined;
}

/** The deployments to try (structurally the deployments package's `FailoverPlan`). */
export interface FailoverPlanLike {
  readonly targets: readonly FailoverTarget[];
  readonly skipped: readonly { readonly target: FailoverTarget; readonly availableAt: number }[];
  readonly allCoolingDown?: boolean | undefined;
}

/** The cooldown bookkeeping of the deployments package's `DeploymentResolver`. */
export interface ThrottleRegistry {
  /** `reason`: Azure's message, for registries that record it (shared state). */
  reportThrottled(target: FailoverTarget, retryAfterMs: number, reason?: string): void;
  cooldownRemainingMs(target: FailoverTarget): number;
  shouldFailoverImmediately(retryAfterMs: number | undefined): boolean;
}

/** One scheduled retry (for `provider:retry` events). */
export interface RetryNotice {
  target: FailoverTarget;
  /** 1 for the first retry. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  error: AzureOpenAIError;
}

/** A throttled answer (for `provider:throttle` events). */
export interface ThrottleNotice {
  target: FailoverTarget;
  retryAfterMs: number | undefined;
  /** What happens next: wait and retry the same deployment, fail over, or give up. */
  action: 'retry' | 'failover' | 'give-up';
  error: AzureOpenAIError;
}

/** A move to the next deployment (for `provider:failover` events). */
export interface FailoverNotice {
  from: FailoverTarget;
  to: FailoverTarget;
  error: AzureOpenAIError;
}

/** Options of {@link runWithFailover}. */
export interface RunWithFailoverOptions<T> {
  plan: FailoverPlanLike;
  registry: ThrottleRegistry;
  /** The model, for messages. */
  model: string;
  /** Retries per deployment after the first attempt. */
  maxRetries: number;
  /**
   * Attempts the first deployment already had in this call (a complete() whose stream broke is
   * sent again: the retry budget is shared). Default 0.
   */
  firstAttemptIndex?: number | undefined;
  /** Sends one attempt; throws (translated or not) on failure. */
  attempt: (target: FailoverTarget, attemptIndex: number) => Promise<T>;
  /** Turns anything thrown into a typed error for `target`. */
  translate: (error: unknown, target: FailoverTarget | undefined) => AzureOpenAIError;
  sleep: SleepFunction;
  random?: (() => number) | undefined;
  /** Backoff when Azure names no wait (`min_retry_delay` / `max_retry_delay` / `retry_jitter`). */
  backoff?: Omit<BackoffOptions, 'random'> | undefined;
  signal?: AbortSignal | undefined;
  onRetry?: ((notice: RetryNotice) => unknown) | undefined;
  onThrottle?: ((notice: ThrottleNotice) => unknown) | undefined;
  onFailover?: ((notice: FailoverNotice) => unknown) | undefined;
}

/**
 * Runs `attempt` against the plan's deployments with the retry policy:
 * - only retryable errors are retried (429 except quota, 408, 409, 5xx, connection errors,
 *   timeouts), at most `maxRetries` times per deployment, waiting what Azure asked
 *   (`retry-after-ms` > `x-ms-retry-after-ms` > `retry-after`) or exponential backoff with full jitter;
 * - a 429 reports the cooldown to the registry (shared by all callers);
 * - after the retry budget, or at once when Azure asks to wait longer than the failover threshold,
 *   the next deployment of the plan is tried;
 * - when every deployment is throttled (now or already cooling down) a {@link RateLimitError}
 *   with the soonest `retryAfterMs` is thrown instead of looping;
 * - an aborted `signal` stops everything at once with an {@link AbortedError}.
 */
export async function runWithFailover<T>(options: RunWithFailoverOptions<T>): Promise<T> {
  const { plan, registry, signal, maxRetries } = options;
  let targets = plan.targets;

  if (plan.allCoolingDown && targets.length > 0) {
    const first = targets[0]!;
    const waitMs = registry.cooldownRemainingMs(first);
    if (waitMs > 0) {
      if (maxRetries <= 0 || registry.shouldFailoverImmediately(waitMs)) {
        throw allThrottledError(options, targets, undefined);
      }
      const error = allThrottledError(options, targets, undefined);
      await notify(options.onThrottle, {
        target: first,
        retryAfterMs: waitMs,
        action: 'retry',
        error,
      });
      await sleepOrAbort(options, waitMs);
    }
    targets = [first, ...targets.slice(1)];
  }

  let lastError: AzureOpenAIError | undefined;
  let allThrottled = true;
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    const hasNext = index < targets.length - 1;
    for (let attemptIndex = index === 0 ? (options.firstAttemptIndex ?? 0) : 0; ; attemptIndex++) {
      throwIfAborted(options, target);
      try {
        return await options.attempt(target, attemptIndex);
      } catch (thrown) {
        if (signal?.aborted) throw abortedError(options, target, thrown);
        const error = options.translate(thrown, target);
        if (AbortedError.isInstance(error)) throw error;
        if (!error.retryable) throw error;
        lastError = error;
        const throttled = RateLimitError.isInstance(error);
        if (!throttled) allThrottled = false;
        const backoffMs = computeBackoffMs(attemptIndex, {
          ...options.backoff,
          random: options.random,
        });
        if (throttled) {
          // Without a retry-after, cool down for the backoff cap (never a jittered 0).
          const cooldownMs =
            error.retryAfterMs ?? computeBackoffMs(attemptIndex, { ...options.backoff, jitter: 0 });
          registry.reportThrottled(target, cooldownMs, error.message);
        }
        const waitTooLong =
          error.retryAfterMs !== undefined &&
          registry.shouldFailoverImmediately(error.retryAfterMs);
        if (attemptIndex >= maxRetries || waitTooLong) {
          if (hasNext) {
            if (throttled) {
              await notify(options.onThrottle, {
                target,
                retryAfterMs: error.retryAfterMs,
                action: 'failover',
                error,
              });
            }
            await notify(options.onFailover, { from: target, to: targets[index + 1]!, error });
            break;
          }
          if (throttled) {
            await notify(options.onThrottle, {
              target,
              retryAfterMs: error.retryAfterMs,
              action: 'give-up',
              error,
            });
          }
          throw allThrottled && throttled ? allThrottledError(options, targets, error) : error;
        }
        const delayMs = error.retryAfterMs ?? backoffMs;
        if (throttled) {
          await notify(options.onThrottle, {
            target,
            retryAfterMs: error.retryAfterMs,
            action: 'retry',
            error,
          });
        }
        await notify(options.onRetry, {
          target,
          attempt: attemptIndex + 1,
          maxRetries,
          delayMs,
          error,
        });
        await sleepOrAbort(options, delayMs, target);
      }
    }
  }
  // Only reached when the plan had no targets.
  throw (
    lastError ??
    options.translate(new Error(`No deployment to send model '${options.model}' to.`), undefined)
  );
}

function allThrottledError<T>(
  options: RunWithFailoverOptions<T>,
  targets: readonly FailoverTarget[],
  last: AzureOpenAIError | undefined,
): RateLimitError {
  let soonest: number | undefined;
  for (const target of targets) {
    // The deployment that just answered 429 waits exactly what it asked for.
    const remaining =
      last?.retryAfterMs !== undefined && last.deployment === target.deployment
        ? last.retryAfterMs
        : options.registry.cooldownRemainingMs(target);
    if (remaining > 0 && (soonest === undefined || remaining < soonest)) soonest = remaining;
  }
  soonest ??= last?.retryAfterMs;
  const names = targets.map(target => target.deployment);
  const what =
    targets.length === 1
      ? `deployment '${names[0]}' is`
      : `all ${targets.length} deployments (${names.join(', ')}) are`;
  return new RateLimitError({
    message: `Azure OpenAI is throttling model '${options.model}': ${what} rate limited${
      soonest === undefined ? '' : `; the soonest may be retried in ${Math.ceil(soonest)} ms`
    }.`,
    fix: 'Retry after `retryAfterMs`, add failover deployments in `deployment_mapping`, or raise the deployment quota (TPM/RPM).',
    status: last?.status ?? 429,
    code: last?.code,
    requestId: last?.requestId,
    clientRequestId: last?.clientRequestId,
    retryAfterSource: last?.retryAfterSource,
    retryable: true,
    retryAfterMs: soonest,
    deployment: last?.deployment ?? names[0],
    endpoint: last?.endpoint,
    model: options.model,
    throttledDeployments: names,
    cause: last,
  });
}

function abortedError<T>(
  options: RunWithFailoverOptions<T>,
  target: FailoverTarget | undefined,
  cause: unknown,
): AzureOpenAIError {
  // A provider error as the abort reason (e.g. a stream idle timeout) is the real failure.
  const reason = options.signal?.reason;
  if (AzureOpenAIError.isInstance(reason)) return reason;
  const translated = options.translate(cause, target);
  if (AbortedError.isInstance(translated)) return translated;
  return options.translate(new DOMException('The request was cancelled.', 'AbortError'), target);
}

function throwIfAborted<T>(options: RunWithFailoverOptions<T>, target: FailoverTarget): void {
  if (options.signal?.aborted) throw abortedError(options, target, options.signal.reason);
}

async function sleepOrAbort<T>(
  options: RunWithFailoverOptions<T>,
  ms: number,
  target?: FailoverTarget,
): Promise<void> {
  try {
    await options.sleep(ms, options.signal);
  } catch (error) {
    throw abortedError(options, target, error);
  }
  if (options.signal?.aborted) throw abortedError(options, target, options.signal.reason);
}

async function notify<N>(listener: ((notice: N) => unknown) | undefined, notice: N): Promise<void> {
  if (listener === undefined) return;
  await listener(notice);
}
