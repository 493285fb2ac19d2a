import type { TextSink } from './cli-io.js';
import { escapeForTerminal } from './terminal-text.js';

/** The structural logger every package accepts (`{ debug, info, warn, error }`). */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

function formatData(data: Record<string, unknown> | undefined): string {
  if (data === undefined) return '';
  const entries = Object.entries(data).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return '';
  try {
    return ` ${JSON.stringify(Object.fromEntries(entries))}`;
  } catch {
    return ' {…}';
  }
}

/**
 * A logger writing one line per message to `sink` (stderr): `debug: ...` lines only when
 * `verbose`, `warning: ...` and `error: ...` lines always, `info` only when verbose.
 */
export function createStderrLogger(sink: TextSink, verbose: boolean): Logger {
  const line = (prefix: string, message: string, data?: Record<string, unknown>) => {
    const text = `${message.replace(/\s*\n\s*/g, ' ')}${formatData(data)}`;
    sink.write(`${prefix}: ${escapeForTerminal(text)}\n`);
  };
  return {
    debug(message, data) {
      if (verbose) line('debug', message, data);
    },
    info(message, data) {
      if (verbose) line('info', message, data);
    },
    warn(message, data) {
      line('warning', message, data);
    },
    error(message, data) {
      line('error', message, data);
    },
  };
}
