/**
 * Structural logger used by this package (same shape as every package of the project):
 * `{ debug, info, warn, error }`, each `(message, data?)`.
 */
export interface Logger {
  /** Detailed diagnostics (off by default). */
  debug(message: string, data?: Record<string, unknown>): void;
  /** Normal operation. */
  info(message: string, data?: Record<string, unknown>): void;
  /** Something the user should look at. */
  warn(message: string, data?: Record<string, unknown>): void;
  /** A failure. */
  error(message: string, data?: Record<string, unknown>): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
  error() {},
});
