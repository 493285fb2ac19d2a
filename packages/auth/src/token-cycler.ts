import { raceWithSignal, throwIfAborted } from './abort.js';
import type { AuthMethod } from './auth-method.js';
import { methodLabel } from './auth-method.js';
import { AzureAuthError } from './azure-auth-error.js';
import type { Logger } from './logger.js';
import { RedactedValue } from './redacted-value.js';
import type { AccessTokenLike } from './token-credential.js';

/** Options of {@link TokenCycler}. */
export interface TokenCyclerOptions {
  /** Fetches a fresh token (called by at most one refresh at a time). */
  fetchToken: () => Promise<AccessTokenLike | null>;
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  refreshMarginMs: number;
  /** Clock in ms since the epoch. */
  now: () => number;
  /** Where to log (never tokens). */
  logger: Logger;
  /** The method, for errors and logs. */
  method: AuthMethod;
  /** Turns a fetch failure into the error callers see. `knownSecrets` are values to redact. */
  translateError: (error: unknown, knownSecrets: readonly string[]) => unknown;
  /** First back-off after a failed refresh while the cached token is valid. Default 2 s. */
  initialRetryDelayMs?: number | undefined;
  /** Longest back-off. Default 30 s. */
  maxRetryDelayMs?: number | undefined;
}

interface CachedToken {
  token: RedactedValue;
  expiresOnTimestamp: number;
  refreshAt: number;
}

/**
 * A token cache with Azure's token-cycler semantics:
 *
 * - a token is reused until its refresh time: `expiresOnTimestamp - margin` (the margin is capped
 *   at half the token's lifetime, so short-lived tokens are not refetched on every call), or
 *   `refreshAfterTimestamp` when the credential gives an earlier one;
 * - at most one fetch runs at a time: concurrent callers share it (single flight);
 * - in the refresh window the still-valid token is returned at once while one refresh runs in
 *   the background; if that refresh fails the cached token keeps being served and the refresh
 *   is retried on a later call after a back-off (2 s, doubling up to 30 s);
 * - with no valid token, callers wait for the fetch; a failure rejects them with an
 *   {@link AzureAuthError};
 * - a caller's AbortSignal ends that caller's wait at once without cancelling the shared fetch.
 */
export class TokenCycler {
  readonly #options: TokenCyclerOptions;
  #current: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  #failures = 0;
  #retryNotBefore = 0;

  /** @param options - fetcher, margin, clock, logger, method and error translation. */
  constructor(options: TokenCyclerOptions) {
    this.#options = options;
  }

  /** Returns a valid token, fetching or refreshing as needed. */
  async getToken(signal?: AbortSignal): Promise<string> {
    throwIfAborted(signal);
    const now = this.#options.now();
    const current = this.#current;
    if (current !== undefined && now < current.expiresOnTimestamp) {
      if (now >= current.refreshAt && this.#inflight === undefined && now >= this.#retryNotBefore) {
        this.#options.logger.debug('auth: refreshing token ahead of expiry', {
          method: this.#options.method,
          expiresOn: new Date(current.expiresOnTimestamp).toISOString(),
        });
        void this.#refresh().catch(() => {});
      }
      return current.token.reveal();
    }
    const fresh = await raceWithSignal(this.#refresh(), signal);
    return fresh.token.reveal();
  }

  /** Forgets the cached token (the next call fetches a new one). */
  clear(): void {
    this.#current = undefined;
  }

  #refresh(): Promise<CachedToken> {
    if (this.#inflight !== undefined) return this.#inflight;
    const inflight = this.#fetch().finally(() => {
      if (this.#inflight === inflight) this.#inflight = undefined;
    });
    this.#inflight = inflight;
    // Background refreshes may have no waiter: mark the rejection handled.
    inflight.catch(() => {});
    return inflight;
  }

  async #fetch(): Promise<CachedToken> {
    const { method, logger } = this.#options;
    const startedAt = this.#options.now();
    let fetched: AccessTokenLike | null;
    try {
      fetched = await this.#options.fetchToken();
    } catch (error) {
      throw this.#onFailure(this.#options.translateError(error, this.#knownSecrets()));
    }
    const validated = this.#validate(fetched);
    if (AzureAuthError.isInstance(validated)) {
      throw this.#onFailure(validated);
    }
    const { token, expiresOnTimestamp, refreshAfterTimestamp } = validated;
    const lifetime = expiresOnTimestamp - startedAt;
    const margin = Math.min(this.#options.refreshMarginMs, Math.max(lifetime, 0) / 2);
    let refreshAt = expiresOnTimestamp - margin;
    if (refreshAfterTimestamp !== undefined && refreshAfterTimestamp < refreshAt) {
      refreshAt = refreshAfterTimestamp;
    }
    const cached: CachedToken = {
      token: new RedactedValue(token),
      expiresOnTimestamp,
      refreshAt,
    };
    this.#current = cached;
    this.#failures = 0;
    this.#retryNotBefore = 0;
    logger.debug('auth: token acquired', {
      method,
      expiresOn: new Date(expiresOnTimestamp).toISOString(),
      refreshAt: new Date(refreshAt).toISOString(),
    });
    if (expiresOnTimestamp <= startedAt) {
      logger.warn('auth: the credential returned a token that has already expired (clock skew?)', {
        method,
      });
    }
    return cached;
  }

  #validate(fetched: AccessTokenLike | null): AccessTokenLike | AzureAuthError {
    const label = methodLabel(this.#options.method);
    if (fetched === null || fetched === undefined) {
      return new AzureAuthError({
        message: `The ${label} credential returned no token.`,
        method: this.#options.method,
        code: 'invalid-token',
        fix: 'Check the credential configuration; a TokenCredential must return { token, expiresOnTimestamp }.',
      });
    }
    if (
      typeof fetched.token !== 'string' ||
      fetched.token.trim() === '' ||
      typeof fetched.expiresOnTimestamp !== 'number' ||
      !Number.isFinite(fetched.expiresOnTimestamp)
    ) {
      return new AzureAuthError({
        message: `The ${label} credential returned a malformed token (it needs a non-empty string token and a numeric expiresOnTimestamp).`,
        method: this.#options.method,
        code: 'invalid-token',
        fix: 'Return { token: string, expiresOnTimestamp: number (ms since the epoch) } from getToken.',
      });
    }
    const refreshAfter = fetched.refreshAfterTimestamp;
    return {
      token: fetched.token,
      expiresOnTimestamp: fetched.expiresOnTimestamp,
      refreshAfterTimestamp:
        typeof refreshAfter === 'number' && Number.isFinite(refreshAfter)
          ? refreshAfter
          : undefined,
    };
  }

  #onFailure(error: unknown): unknown {
    const now = this.#options.now();
    const current = this.#current;
    if (current !== undefined && now < current.expiresOnTimestamp) {
      const initial = this.#options.initialRetryDelayMs ?? 2_000;
      const max = this.#options.maxRetryDelayMs ?? 30_000;
      const delay = Math.min(max, initial * 2 ** this.#failures);
      this.#failures += 1;
      this.#retryNotBefore = now + delay;
      this.#options.logger.warn(
        'auth: token refresh failed; still using the cached token until it expires',
        {
          method: this.#options.method,
          code: AzureAuthError.isInstance(error) ? error.code : undefined,
          retryInMs: delay,
          expiresOn: new Date(current.expiresOnTimestamp).toISOString(),
        },
      );
    } else if (AzureAuthError.isInstance(error) && error.code === 'closed') {
      this.#options.logger.debug('auth: token fetch cancelled by close()', {
        method: this.#options.method,
      });
    } else {
      this.#options.logger.error('auth: could not get a token', {
        method: this.#options.method,
        code: AzureAuthError.isInstance(error) ? error.code : undefined,
      });
    }
    return error;
  }

  #knownSecrets(): readonly string[] {
    return this.#current === undefined ? [] : [this.#current.token.reveal()];
  }
}
