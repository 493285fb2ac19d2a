import { errorName } from './exit-codes.js';
import { escapeForTerminal } from './terminal-text.js';

/** Collapses a (possibly multi-line, bulleted) message into one line. */
export function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The message of any thrown value, without its stack. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  if (typeof error === 'string') return error;
  return String(error);
}

/**
 * The one line printed for a failed command: `error: <ErrorName>: <message>` (multi-line
 * messages are joined into one line; control characters are escaped). Ends with a newline.
 */
export function formatErrorLine(error: unknown): string {
  const message = escapeForTerminal(oneLine(errorMessage(error)));
  return `error: ${escapeForTerminal(errorName(error))}: ${message === '' ? '(no message)' : message}${escapeForTerminal(correlationOf(error))}\n`;
}

/**
 * ` (apim-request-id X, x-ms-client-request-id Y)` for an error that carries Azure's request id
 * and/or the client request id the provider sent (what Azure support asks for), else ''.
 */
export function correlationOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { requestId, clientRequestId } = error as {
    requestId?: unknown;
    clientRequestId?: unknown;
  };
  const parts: string[] = [];
  if (typeof requestId === 'string' && requestId !== '') parts.push(`apim-request-id ${requestId}`);
  if (typeof clientRequestId === 'string' && clientRequestId !== '') {
    parts.push(`x-ms-client-request-id ${clientRequestId}`);
  }
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
