import type { BackgroundResponses } from './background-responses.js';
import type { StoredTranscript } from './continuation.js';
import type { ResolvedOptions } from './emulator-options.js';
import type { FaultBook } from './faults.js';
import type { RequestState } from './http-io.js';
import type { IdFactory } from './ids.js';
import type { QuotaLimiter } from './quota-limiter.js';
import type { Recorder } from './recorder.js';
import type { TokenIssuer } from './token-issuer.js';

/** The shared state of one emulator, handed to its endpoints. */
export interface EmulatorContext extends ResolvedOptions {
  ids: IdFactory;
  tokens: TokenIssuer;
  recorder: Recorder;
  faults: FaultBook;
  /** Per-deployment TPM/RPM windows. */
  limiter: QuotaLimiter;
  /** Managed-identity tokens issued: total and per client id (`'system'` for the system identity). */
  tokenStats: { total: number; byClient: Map<string, number> };
  /** The responses this resource stored (`store` not false), for `previous_response_id`. */
  storedResponses: Map<string, StoredTranscript>;
  /** The background responses (`background: true`), polled and cancelled by id. */
  background: BackgroundResponses;
  /** Every pending timer, cleared on close. */
  timers: Set<NodeJS.Timeout>;
  /** Abortable sleep for a request. */
  sleep(ms: number, state: RequestState): Promise<void>;
}
