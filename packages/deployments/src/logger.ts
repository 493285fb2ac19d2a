/**
 * Structural logger accepted by the resolver (the same shape every package of this project uses).
 * Each method takes a message and optional structured data. The default logger is silent.
 */
export interface Logger {
  /** Diagnostic detail, e.g. `gpt-5 -> production-gpt5 (mapping)`. */
  debug(message: string, data?: Record<string, unknown>): void;
  /** Notable but normal events. */
  info(message: string, data?: Record<string, unknown>): void;
  /** Something is probably misconfigured, but the resolver can go on. */
  warn(message: string, data?: Record<string, unknown>): void;
  /** Something failed. */
  error(message: string, data?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** A logger that drops everything: the default when no logger is injected. */
export const silentLogger: Logger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
});
