/** Options of {@link ModuleCoordinator.mount} (Python: `coordinator.mount(point, module, name=...)`). */
export interface MountOptions {
  /** The name the module is mounted under (this package uses `azure-openai`). */
  name?: string | undefined;
}

/** The hook registry of a coordinator: where modules emit their events. */
export interface HookEmitter {
  /**
   * Emits an event (`llm:request`, `llm:response`, `provider:retry`, ...) to every registered
   * hook. May return a promise; the adapter awaits it so hook back-pressure is respected.
   */
  emit(event: string, data: Record<string, unknown>): unknown;
}

/** A contribution callback: returns the contribution, or `undefined`/`null` to skip. */
export type ContributorCallback = () => unknown;

/**
 * The part of Amplifier's `ModuleCoordinator` that a provider module uses, in TypeScript.
 * Mirrors the kernel's Python API: `mount(mount_point, module, name=...)`, `hooks.emit(event, data)`
 * and `register_contributor(channel, name, callback)` (CONTRIBUTION_CHANNELS.md).
 */
export interface ModuleCoordinator {
  /** Mounts `module` at `mountPoint` (`providers` for a provider) under `options.name`. */
  mount(mountPoint: string, module: unknown, options?: MountOptions): unknown;
  /** The coordinator's hooks. */
  readonly hooks: HookEmitter;
  /**
   * Registers a contributor on a channel; optional because not every host has contribution
   * channels. The adapter registers the provider's own events on `observability.events`.
   */
  registerContributor?(channel: string, name: string, callback: ContributorCallback): unknown;
}
