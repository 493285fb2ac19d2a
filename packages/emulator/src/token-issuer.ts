import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The audiences the emulated resource accepts in bearer tokens. */
export const ACCEPTED_AUDIENCES: ReadonlySet<string> = new Set([
  'https://cognitiveservices.azure.com',
  'https://ai.azure.com',
]);

/** The client id reported for the system-assigned identity. */
export const SYSTEM_CLIENT_ID = '5e7a3c1d-0000-4000-8000-00000000e4a1';

/** Claims of an emulator-issued token. */
export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  oid: string;
  /** `'system'` or `'user'`. */
  idtyp: string;
  jti: string;
}

/** Why a bearer token was refused. */
export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'invalid' | 'expired' | 'audience' | 'revoked' };

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Normalises a resource or scope: drops `/.default` and trailing slashes. */
export function normalizeResource(resource: string): string {
  return resource.replace(/\/\.default$/, '').replace(/\/+$/, '');
}

/** Issues and verifies JWT-shaped, HMAC-signed Entra tokens (a random key per emulator). */
export class TokenIssuer {
  readonly #key = randomBytes(32);
  readonly #revoked = new Set<string>();
  #counter = 0;

  constructor(private readonly now: () => number) {}

  #sign(data: string): string {
    return createHmac('sha256', this.#key).update(data).digest('base64url');
  }

  /** A signed token for `audience`, valid `lifetimeSeconds` from now. */
  issue(options: { audience: string; lifetimeSeconds: number; clientId: string | undefined }): {
    token: string;
    expiresOn: number;
  } {
    this.#counter += 1;
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + Math.trunc(options.lifetimeSeconds);
    const claims: TokenClaims = {
      aud: normalizeResource(options.audience),
      iss: 'https://sts.windows.net/00000000-0000-0000-0000-00000000e1a0/',
      iat,
      nbf: iat,
      exp,
      appid: options.clientId ?? SYSTEM_CLIENT_ID,
      oid: options.clientId ?? SYSTEM_CLIENT_ID,
      idtyp: options.clientId === undefined ? 'system' : 'user',
      jti: `emu-${this.#counter}`,
    };
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return { token: `${unsigned}.${this.#sign(unsigned)}`, expiresOn: exp };
  }

  /** Refuses the token with this `jti` from now on (a `revoke-token` fault). */
  revoke(jti: string): void {
    this.#revoked.add(jti);
  }

  /** Checks signature, expiry, audience and revocation of a bearer token. */
  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.#sign(`${parts[0]}.${parts[1]}`));
    const actual = Buffer.from(parts[2] ?? '');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { ok: false, reason: 'invalid' };
    }
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!ACCEPTED_AUDIENCES.has(claims.aud)) return { ok: false, reason: 'audience' };
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    if (this.#revoked.has(claims.jti)) return { ok: false, reason: 'revoked' };
    return { ok: true, claims };
  }
}
