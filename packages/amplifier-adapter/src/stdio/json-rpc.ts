/**
 * JSON-RPC 2.0 message shapes and framing of the stdio host: one JSON message per line
 * (`JSON.stringify` never emits a raw line break), UTF-8, on the child's stdin and stdout.
 */

/** A request (with `id`) or notification (without) from the host's parent. */
export interface JsonRpcIncoming {
  jsonrpc: '2.0';
  id?: number | string | null | undefined;
  method: string;
  params?: unknown;
}

/** JSON-RPC 2.0 error codes used by the stdio host. */
export const JSON_RPC_ERRORS = Object.freeze({
  /** The line is not JSON. */
  parseError: -32700,
  /** The message is not a JSON-RPC 2.0 request. */
  invalidRequest: -32600,
  /** No such method. */
  methodNotFound: -32601,
  /** The params are not what the method needs. */
  invalidParams: -32602,
  /** The provider failed; `data` is a {@link ProviderErrorData}. */
  providerError: -32000,
});

/** The result of parsing one line: a message, or the JSON-RPC error to answer with. */
export type ParsedLine =
  | { ok: true; message: JsonRpcIncoming }
  | { ok: false; id: number | string | null; code: number; message: string };

/** Parses one line of input into a JSON-RPC request or notification. */
export function parseJsonRpcLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      ok: false,
      id: null,
      code: JSON_RPC_ERRORS.parseError,
      message: `Parse error: the line is not JSON (${(error as Error).message}). Send one JSON-RPC 2.0 message per line.`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      id: null,
      code: JSON_RPC_ERRORS.invalidRequest,
      message: 'Invalid request: expected a JSON object (batches are not supported).',
    };
  }
  const record = value as Record<string, unknown>;
  const id = record.id;
  const validId = id === undefined || typeof id === 'number' || typeof id === 'string';
  if (record.jsonrpc !== '2.0' || typeof record.method !== 'string' || !validId) {
    return {
      ok: false,
      id: typeof id === 'number' || typeof id === 'string' ? id : null,
      code: JSON_RPC_ERRORS.invalidRequest,
      message:
        'Invalid request: needs jsonrpc "2.0", a string method and an optional number or string id.',
    };
  }
  return { ok: true, message: record as unknown as JsonRpcIncoming };
}

/**
 * Splits a byte stream into lines (`\n`, optional `\r`), across chunk boundaries. Call `push` per
 * chunk; it returns the complete lines.
 */
export class LineSplitter {
  #pending = '';
  readonly #decoder = new TextDecoder('utf-8');

  /** Feeds one chunk; returns the lines it completed (without their line break). */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    let newline = text.indexOf('\n');
    if (newline === -1) {
      // Only the new chunk is searched: a large message over many chunks costs linear time.
      this.#pending += text;
      return [];
    }
    const lines: string[] = [];
    let start = 0;
    let head = this.#pending;
    while (newline !== -1) {
      let line = head + text.slice(start, newline);
      head = '';
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() !== '') lines.push(line);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.#pending = text.slice(start);
    return lines;
  }
}
