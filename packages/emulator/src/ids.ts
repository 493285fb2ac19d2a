import { createHash } from 'node:crypto';

/** Deterministic id factory: the n-th id of a kind is always the same for a fresh emulator. */
export class IdFactory {
  #counter = 0;

  /** The next hex digest of `length` characters. */
  #hex(kind: string, length: number): string {
    this.#counter += 1;
    return createHash('sha256').update(`${kind}:${this.#counter}`).digest('hex').slice(0, length);
  }

  /**
   * `resp_…`, `msg_…`, `fc_…`, `rs_…` (and the hosted tool items' `ws_…`, `fs_…`, `ci_…`,
   * `ig_…`, `mcp_…`, `mcpl_…`, `mcpr_…`): a prefix and 50 hex characters, like Azure's.
   */
  item(
    prefix: 'resp' | 'msg' | 'fc' | 'rs' | 'ws' | 'fs' | 'ci' | 'ig' | 'mcp' | 'mcpl' | 'mcpr',
  ): string {
    return `${prefix}_${this.#hex(prefix, 50)}`;
  }

  /** `call_…` with 24 alphanumeric characters. */
  callId(): string {
    this.#counter += 1;
    const raw = createHash('sha256').update(`call:${this.#counter}`).digest('base64');
    return `call_${raw.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
  }

  /** A UUID-shaped request id (for `apim-request-id` / `x-request-id`). */
  requestId(): string {
    const h = this.#hex('request', 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
