import type { IncomingMessage } from 'node:http';
import type { ErrorAnswer } from './azure-errors.js';
import { accessDenied, expiredToken, invalidToken } from './azure-errors.js';
import type { EmulatorContext } from './emulator-context.js';
import { safeEqual } from './http-io.js';
import type { FaultKind, RecordedAuthMethod } from './types.js';

const REVOKE_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['revoke-token']);

/** How a request authenticated, and the 401 to answer when it did not. */
export interface AuthOutcome {
  method: RecordedAuthMethod;
  clientId?: string | undefined;
  error?: ErrorAnswer | undefined;
  /** The fault that refused the request (`revoke-token`). */
  fault?: FaultKind | undefined;
}

/**
 * Azure's rules: an `api-key` header wins; otherwise `Authorization: Bearer` with a token this
 * emulator issued (or, on the v1 surface, the key itself).
 */
export function authenticate(
  ctx: EmulatorContext,
  req: IncomingMessage,
  surface: 'v1' | 'dated',
): AuthOutcome {
  const { apiKey, tokens } = ctx;
  const keyHeader = req.headers['api-key'];
  if (typeof keyHeader === 'string') {
    return safeEqual(keyHeader, apiKey)
      ? { method: 'api-key' }
      : { method: 'invalid', error: accessDenied() };
  }
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) {
    const token = authorization.replace(/^bearer\s+/i, '').trim();
    if (surface === 'v1' && safeEqual(token, apiKey)) return { method: 'bearer-api-key' };
    // On v1 a bearer value that is not JWT-shaped is taken as a (wrong) key: Azure's key 401.
    if (surface === 'v1' && token.split('.').length !== 3) {
      return { method: 'invalid', error: accessDenied() };
    }
    const check = tokens.verify(token);
    if (check.ok && !ctx.faults.empty) {
      const revoke = ctx.faults.select(undefined, [], REVOKE_KINDS).get('revoke-token');
      if (revoke !== undefined) {
        revoke.consume();
        ctx.tokens.revoke(check.claims.jti);
        return { method: 'invalid', error: invalidToken(), fault: 'revoke-token' };
      }
    }
    if (check.ok) {
      return {
        method: 'bearer-token',
        clientId: check.claims.idtyp === 'user' ? check.claims.appid : undefined,
      };
    }
    return {
      method: 'invalid',
      error: check.reason === 'expired' ? expiredToken() : invalidToken(),
    };
  }
  return { method: 'none', error: accessDenied() };
}
