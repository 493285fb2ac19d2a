import { randomUUID } from 'node:crypto';

/** The header Azure reads the caller's own request id from (echoed back, and kept in Azure's logs). */
export const CLIENT_REQUEST_ID_HEADER = 'x-ms-client-request-id';

/**
 * The `x-ms-client-request-id` values of one call: a fresh UUID for every HTTP request (each
 * retry, failover attempt or re-send gets its own), so Azure support can find each one.
 */
export interface ClientRequestIds {
  /** The id the next request will send (created on first look; `take()` then returns it). */
  peek(): string;
  /** The id for the request about to be sent; the one after it gets a new id. */
  take(): string;
}

/** Creates the ids of one call. `generate` is for tests (default `crypto.randomUUID`). */
export function createClientRequestIds(generate: () => string = randomUUID): ClientRequestIds {
  let pending: string | undefined;
  return {
    peek() {
      pending ??= generate();
      return pending;
    },
    take() {
      const id = pending ?? generate();
      pending = undefined;
      return id;
    },
  };
}
