import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stall server received and never answered. */
export interface StalledRequest {
  /** The request path and query. */
  url: string;
  /** Resolves when the client closed the connection. */
  closed: Promise<void>;
  /** True once the connection closed. */
  readonly isClosed: boolean;
}

/** A loopback token endpoint that accepts requests and never answers them. */
export interface StallServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received. */
  requests: StalledRequest[];
  /** Resolves with request number `index` (0-based) once it has arrived. */
  waitForRequest(index: number): Promise<StalledRequest>;
  /** Closes the server and every connection. */
  close(): Promise<void>;
}

/** Starts a stall server on 127.0.0.1, port 0. */
export async function startStallServer(): Promise<StallServer> {
  const requests: StalledRequest[] = [];
  const waiters = new Map<number, (request: StalledRequest) => void>();
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
      url: request.url ?? '/',
      closed,
      get isClosed() {
        return isClosed;
      },
    };
    requests.push(entry);
    waiters.get(requests.length - 1)?.(entry);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequest(index) {
      const existing = requests[index];
      if (existing !== undefined) return Promise.resolve(existing);
      return new Promise(resolve => waiters.set(index, resolve));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
