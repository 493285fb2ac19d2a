import { deploymentStateKey } from '@amplifier-azure-openai/deployments';
import type { FailoverTarget } from '../retry/run-with-failover.js';
import { ConcurrencyGate, type ConcurrencySlot } from './concurrency-gate.js';

/** One wait in line for a slot (the `provider:concurrency_wait` payload, before the call fields). */
export interface ConcurrencyWait {
  /** `process`: `max_concurrent_requests`; `deployment`: `max_concurrent_requests_per_deployment`. */
  scope: 'process' | 'deployment';
  deployment: string;
  limit: number;
  waitedMs: number;
  /** Callers queued ahead when this one joined. */
  queueDepth: number;
  /** `acquired`, or `cancelled` when the caller's signal aborted the wait. */
  outcome: 'acquired' | 'cancelled';
}

/** The concurrency limits of one provider instance, shared by all of its calls. */
export interface ConcurrencyLimits {
  /**
   * Takes a deployment slot (when limited), then a process slot (when limited), waiting in line
   * for each; `onWait` hears every wait. The returned release frees both and is idempotent. On
   * cancellation (the signal) nothing stays held and the signal's reason is thrown.
   */
  acquire(
    target: FailoverTarget,
    options: { signal?: AbortSignal | undefined; onWait?: (wait: ConcurrencyWait) => unknown },
  ): Promise<() => void>;
  /** Slots held now: the whole process, or one deployment. */
  inFlight(target?: FailoverTarget): number;
}

/** Options of {@link createConcurrencyLimits} (field names as the config's). */
export interface ConcurrencyLimitOptions {
  maxConcurrentRequests?: number | undefined;
  maxConcurrentRequestsPerDeployment?: number | undefined;
  azureEndpoint?: string | undefined;
  now?: () => number;
}

/**
 * The process gate (`max_concurrent_requests`) and one gate per deployment
 * (`max_concurrent_requests_per_deployment`, keyed by endpoint and deployment); undefined when
 * neither is set (0), so an unlimited provider pays nothing. Deployment slots are taken first, so
 * a caller waiting for a busy deployment never holds a process slot other deployments could use.
 */
export function createConcurrencyLimits(
  options: ConcurrencyLimitOptions,
): ConcurrencyLimits | undefined {
  const { azureEndpoint, now } = options;
  const maxConcurrentRequests = limitOf(options.maxConcurrentRequests);
  const maxConcurrentRequestsPerDeployment = limitOf(options.maxConcurrentRequestsPerDeployment);
  if (maxConcurrentRequests <= 0 && maxConcurrentRequestsPerDeployment <= 0) return undefined;
  const processGate =
    maxConcurrentRequests > 0 ? new ConcurrencyGate(maxConcurrentRequests, now) : undefined;
  const deploymentGates = new Map<string, ConcurrencyGate>();

  const take = async (
    gate: ConcurrencyGate,
    scope: ConcurrencyWait['scope'],
    target: FailoverTarget,
    signal: AbortSignal | undefined,
    onWait: ((wait: ConcurrencyWait) => unknown) | undefined,
  ): Promise<ConcurrencySlot> => {
    const queuedAt = now?.() ?? performance.now();
    const queueDepth = gate.waiting;
    // Whether this caller joins the line (a signal aborted already is refused without queueing).
    const mustWait = signal?.aborted !== true && (gate.inFlight >= gate.limit || queueDepth > 0);
    try {
      const grant = await gate.acquire(signal);
      if (grant.waited) {
        onWait?.({
          scope,
          deployment: target.deployment,
          limit: gate.limit,
          waitedMs: grant.waitedMs,
          queueDepth: grant.queueDepth,
          outcome: 'acquired',
        });
      }
      return grant.slot;
    } catch (error) {
      if (mustWait) {
        onWait?.({
          scope,
          deployment: target.deployment,
          limit: gate.limit,
          waitedMs: (now?.() ?? performance.now()) - queuedAt,
          queueDepth,
          outcome: 'cancelled',
        });
      }
      throw error;
    }
  };

  return {
    async acquire(target, { signal, onWait }) {
      let deploymentSlot: ConcurrencySlot | undefined;
      let key: string | undefined;
      if (maxConcurrentRequestsPerDeployment > 0) {
        key = deploymentStateKey(target, azureEndpoint);
        let gate = deploymentGates.get(key);
        if (gate === undefined) {
          gate = new ConcurrencyGate(maxConcurrentRequestsPerDeployment, now);
          deploymentGates.set(key, gate);
        }
        try {
          deploymentSlot = await take(gate, 'deployment', target, signal, onWait);
        } catch (error) {
          if (gate.idle) deploymentGates.delete(key);
          throw error;
        }
      }
      let processSlot: ConcurrencySlot | undefined;
      const releaseDeployment = () => {
        deploymentSlot?.release();
        if (key !== undefined && deploymentGates.get(key)?.idle) deploymentGates.delete(key);
      };
      if (processGate !== undefined) {
        try {
          processSlot = await take(processGate, 'process', target, signal, onWait);
        } catch (error) {
          releaseDeployment();
          throw error;
        }
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        processSlot?.release();
        releaseDeployment();
      };
    },
    inFlight(target) {
      if (target === undefined) return processGate?.inFlight ?? 0;
      return deploymentGates.get(deploymentStateKey(target, azureEndpoint))?.inFlight ?? 0;
    },
  };
}

/** A configured limit, or 0 (no limit) for anything but a whole number >= 1. */
function limitOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}
