/**
 * A structural logger: anything with these four methods (console, pino, winston wrappers...).
 * Every message this package logs is free of secrets: no API key and no token ever reaches it.
 */
export interface Logger {
  /** Fine-grained diagnostics (token fetched, cache hit). */
  debug(message: string, data?: Record<string, unknown>): void;
  /** Notable events (which authentication method was chosen). */
  info(message: string, data?: Record<string, unknown>): void;
  /** Recoverable problems (a token refresh failed but the cached token is still valid). */
  warn(message: string, data?: Record<string, unknown>): void;
  /** Failures. */
  error(message: string, data?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** The default logger: drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
});
