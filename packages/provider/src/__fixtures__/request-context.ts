import type { RequestContext } from '../request/build-responses-request.js';

/** Capabilities of a known reasoning model (gpt-5-mini-like). */
export const REASONING_CAPABILITIES: RequestContext['capabilities'] = {
  known: true,
  reasoning: true,
  supportsTemperature: false,
  maxOutputTokens: 128000,
};

/** Capabilities of a known chat model (gpt-4o-like). */
export const CHAT_CAPABILITIES: RequestContext['capabilities'] = {
  known: true,
  reasoning: false,
  supportsTemperature: true,
  maxOutputTokens: 16384,
};

/** Capabilities the deployments package gives an unknown model. */
export const UNKNOWN_CAPABILITIES: RequestContext['capabilities'] = {
  known: false,
  reasoning: false,
  supportsTemperature: true,
  maxOutputTokens: 4096,
};

/** The config fields the builder reads, with the config package's defaults. */
export const DEFAULT_REQUEST_CONFIG: RequestContext['config'] = {
  maxTokens: 4096,
  temperature: 0.7,
  store: false,
};

/** A request context for a chat deployment, with overrides. */
export function chatContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    deployment: 'prod-gpt-4o',
    capabilities: CHAT_CAPABILITIES,
    config: DEFAULT_REQUEST_CONFIG,
    ...overrides,
  };
}

/** A request context for a reasoning deployment, with overrides. */
export function reasoningContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    deployment: 'prod-gpt5-mini',
    capabilities: REASONING_CAPABILITIES,
    config: DEFAULT_REQUEST_CONFIG,
    ...overrides,
  };
}
