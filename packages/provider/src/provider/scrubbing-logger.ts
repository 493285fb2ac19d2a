import type { CredentialScrubber } from '../errors/credential-scrubber.js';
import type { Logger } from './provider-options.js';

/** `logger` with the provider's credentials removed from every message and data field. */
export function scrubbingLogger(logger: Logger, scrubber: CredentialScrubber): Logger {
  const wrap =
    (level: keyof Logger) =>
    (message: string, data?: Record<string, unknown>): void => {
      logger[level](scrubber.text(message), data === undefined ? undefined : scrubber.value(data));
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
