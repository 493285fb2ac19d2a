import type {
  ContributorCallback,
  HookEmitter,
  ModuleCoordinator,
  MountOptions,
} from './module-coordinator.js';

/** One event received by a {@link TestCoordinator}'s hooks. */
export interface RecordedEvent {
  /** Event name, e.g. `llm:response`. */
  event: string;
  /** Event payload. */
  data: Record<string, unknown>;
}

/** A hook handler registered with {@link TestHooks.on}. */
export type TestHookHandler = (data: Record<string, unknown>, event: string) => unknown;

/** The hooks of a {@link TestCoordinator}: records every event and calls registered handlers. */
export interface TestHooks extends HookEmitter {
  /** Every event emitted so far, in order. */
  readonly events: RecordedEvent[];
  /** Registers a handler for one event name, or `*` for all; returns an unregister function. */
  on(event: string, handler: TestHookHandler): () => void;
  /** The events named `event`, in order. */
  eventsNamed(event: string): RecordedEvent[];
  /** Forgets the recorded events. */
  clear(): void;
}

/**
 * An in-memory {@link ModuleCoordinator} for tests, like Amplifier's `testing.py`
 * `TestCoordinator`: records mounts, hook events and contributions.
 */
export interface TestCoordinator extends ModuleCoordinator {
  readonly hooks: TestHooks;
  /** Mounts `module` at `mountPoint` under `options.name` (the module's `name`, else `default`). */
  mount(mountPoint: string, module: unknown, options?: MountOptions): Promise<void>;
  /** Removes a mounted module; returns whether one was mounted under that name. */
  unmount(mountPoint: string, name: string): boolean;
  /** The modules mounted at `mountPoint`, by name (a copy). */
  getMounted(mountPoint: string): Record<string, unknown>;
  /** Registers a contributor on a channel (kept in registration order). */
  registerContributor(channel: string, name: string, callback: ContributorCallback): void;
  /**
   * Calls every contributor of `channel` in registration order and returns their results,
   * skipping `undefined`/`null` and contributors that throw (CONTRIBUTION_CHANNELS.md).
   */
  collectContributions(channel: string): Promise<unknown[]>;
  /** The names contributors registered on `channel` under, in registration order. */
  contributorNames(channel: string): string[];
}

function moduleName(module: unknown): string | undefined {
  if (typeof module === 'object' && module !== null && 'name' in module) {
    const name = (module as { name: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return undefined;
}

/**
 * Creates an in-memory {@link TestCoordinator}.
 *
 * @example
 * ```ts
 * const coordinator = createTestCoordinator();
 * const cleanup = await mount(coordinator, { azure_endpoint: emulator.url, api_key: emulator.apiKey });
 * expect(Object.keys(coordinator.getMounted('providers'))).toEqual(['azure-openai']);
 * await cleanup?.();
 * ```
 */
export function createTestCoordinator(): TestCoordinator {
  const mounts = new Map<string, Map<string, unknown>>();
  const contributors: Array<{ channel: string; name: string; callback: ContributorCallback }> = [];
  const handlers: Array<{ event: string; handler: TestHookHandler }> = [];
  const events: RecordedEvent[] = [];

  const hooks: TestHooks = {
    events,
    async emit(event, data) {
      events.push({ event, data });
      for (const entry of [...handlers]) {
        if (entry.event === event || entry.event === '*') await entry.handler(data, event);
      }
      return undefined;
    },
    on(event, handler) {
      const entry = { event, handler };
      handlers.push(entry);
      return () => {
        const index = handlers.indexOf(entry);
        if (index >= 0) handlers.splice(index, 1);
      };
    },
    eventsNamed(event) {
      return events.filter(recorded => recorded.event === event);
    },
    clear() {
      events.length = 0;
    },
  };

  return {
    hooks,
    async mount(mountPoint, module, options) {
      const name = options?.name ?? moduleName(module) ?? 'default';
      let point = mounts.get(mountPoint);
      if (point === undefined) {
        point = new Map();
        mounts.set(mountPoint, point);
      }
      point.set(name, module);
    },
    unmount(mountPoint, name) {
      return mounts.get(mountPoint)?.delete(name) ?? false;
    },
    getMounted(mountPoint) {
      return Object.fromEntries(mounts.get(mountPoint) ?? []);
    },
    registerContributor(channel, name, callback) {
      contributors.push({ channel, name, callback });
    },
    async collectContributions(channel) {
      const results: unknown[] = [];
      for (const contributor of contributors) {
        if (contributor.channel !== channel) continue;
        try {
          const value = await contributor.callback();
          if (value !== undefined && value !== null) results.push(value);
        } catch {
          // Non-interfering: a failing contributor is skipped (CONTRIBUTION_CHANNELS.md).
        }
      }
      return results;
    },
    contributorNames(channel) {
      return contributors.filter(entry => entry.channel === channel).map(entry => entry.name);
    },
  };
}
