/** The mount point Amplifier providers are mounted at. */
export const PROVIDERS_MOUNT_POINT = 'providers';

/** The name this provider is mounted under. */
export const PROVIDER_NAME = 'azure-openai';

/** The contribution channel for observable events (CONTRIBUTION_CHANNELS.md). */
export const OBSERVABILITY_EVENTS_CHANNEL = 'observability.events';

/**
 * Provider-specific events this module emits, declared on the `observability.events` channel.
 * (`llm:request`/`llm:response` and their `:debug`/`:raw` variants are kernel-standard events.)
 */
export const PROVIDER_EVENTS: readonly string[] = Object.freeze([
  'provider:retry',
  'provider:throttle',
]);
