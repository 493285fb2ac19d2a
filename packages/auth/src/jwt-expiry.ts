/**
 * Reads the `exp` claim of a JWT, in milliseconds since the epoch. Returns `undefined` for an
 * opaque (non-JWT) token or a JWT without a numeric `exp`. The signature is not checked.
 */
export function readJwtExpiry(token: string): number | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const payload = parts[1];
  if (payload === undefined || payload.length === 0 || !/^[A-Za-z0-9_-]+=*$/.test(payload)) {
    return undefined;
  }
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const exp = (claims as Record<string, unknown>).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
