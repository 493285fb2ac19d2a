import { DECLARED_EVENTS } from '@amplifier-azure-openai/provider';

/** The mount point Amplifier providers are mounted at. */
export const PROVIDERS_MOUNT_POINT = 'providers';

/** The name this provider is mounted under. */
export const PROVIDER_NAME = 'azure-openai';

/** The contribution channel for observable events (CONTRIBUTION_CHANNELS.md). */
export const OBSERVABILITY_EVENTS_CHANNEL = 'observability.events';

/**
 * The events this module declares on the `observability.events` channel: the provider's
 * `DECLARED_EVENTS` (the four `llm:stream_*` events, then its `provider:*` events).
 * (`llm:request`/`llm:response` and their `:debug`/`:raw` variants are kernel-standard events.)
 */
export const PROVIDER_EVENTS: readonly string[] = DECLARED_EVENTS;
