import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stall server received. */
export interface StalledRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** Resolves when the client closed (or the server ended) the connection of this request. */
  closed: Promise<void>;
  /** True once the connection closed. */
  readonly isClosed: boolean;
}

/** Options of {@link startStallServer}. */
export interface StallServerOptions {
  /**
   * Writes the start of an answer before stalling (e.g. SSE headers and a few events); default:
   * nothing (the request hangs before any byte of the answer).
   */
  begin?: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  /** Ends the answer instead of stalling (after `begin`). Default false. */
  end?: boolean | undefined;
}

/** A loopback server that accepts requests and never answers them (tests of cancellation). */
export interface StallServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received. */
  readonly requests: StalledRequest[];
  /** Resolves with the next request (or the first one already received, if `index` exists). */
  waitForRequest(index?: number): Promise<StalledRequest>;
  /** Closes the server and every connection. */
  close(): Promise<void>;
}

/** Starts a stall server on 127.0.0.1 (port 0). */
export async function startStallServer(options: StallServerOptions = {}): Promise<StallServer> {
  const requests: StalledRequest[] = [];
  const waiters: { index: number; resolve: (request: StalledRequest) => void }[] = [];
  const server = createServer((request, response) => {
    request.resume();
    let isClosed = false;
    const closed = new Promise<void>(resolve => {
      response.once('close', () => {
        isClosed = true;
        resolve();
      });
    });
    const entry: StalledRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      closed,
      get isClosed() {
        return isClosed;
      },
    };
    requests.push(entry);
    for (const waiter of [...waiters]) {
      if (waiter.index === requests.length - 1) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
    }
    options.begin?.(request, response);
    if (options.end) response.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequest(index = requests.length) {
      const existing = requests[index];
      if (existing !== undefined) return Promise.resolve(existing);
      return new Promise(resolve => waiters.push({ index, resolve }));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
