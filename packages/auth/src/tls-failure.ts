/**
 * Which TLS check failed:
 * - `untrusted-certificate`: the server's certificate chain does not end in a trusted CA
 *   (self-signed, private CA, a proxy that re-signs TLS);
 * - `expired-certificate`: the certificate has expired or is not valid yet;
 * - `hostname-mismatch`: the certificate is valid but for another host name;
 * - `not-tls`: the server answered in plain HTTP (an `https://` address on a plain-HTTP port);
 * - `other`: another TLS handshake failure.
 */
export type TlsFailureKind =
  | 'untrusted-certificate'
  | 'expired-certificate'
  | 'hostname-mismatch'
  | 'not-tls'
  | 'other';

/** A TLS failure found in an error's cause chain, with what to do about it. */
export interface TlsFailure {
  /** Which TLS check failed. */
  kind: TlsFailureKind;
  /** The Node.js / OpenSSL error code that showed it (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`). */
  code: string;
  /** What failed, for a person, naming the origin when given (no secret). */
  message: string;
  /** How to fix it. Never "turn verification off". */
  fix: string;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const HOSTNAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const NOT_TLS_MESSAGE = /wrong version number|packet length too long|http request/i;

/** How deep the cause chain is searched (`fetch failed` -> cause -> ...). */
const MAX_DEPTH = 8;

/**
 * Finds a TLS failure in `error` or its cause chain (also the members of an `AggregateError`)
 * and names it: untrusted certificate, expired certificate, host name mismatch, or plain HTTP on
 * an `https://` address. `undefined` when the failure is not about TLS.
 *
 * @param error - what a request (fetch, node:https) failed with.
 * @param origin - the origin the request went to, named in the message.
 */
export function describeTlsFailure(error: unknown, origin?: string): TlsFailure | undefined {
  const found = findTlsCode(error, 0, new Set());
  if (found === undefined) return undefined;
  const at = origin === undefined ? 'the server' : origin;
  switch (found.kind) {
    case 'untrusted-certificate':
      return {
        ...found,
        message: `TLS failed: the certificate of ${at} is not trusted (${found.code}).`,
        fix: 'Check that the endpoint is the real Azure resource. If a corporate proxy or private CA signs the traffic, give Node.js its CA certificate: NODE_EXTRA_CA_CERTS=/path/to/ca.pem (or start Node.js with --use-system-ca). Certificate verification is never turned off.',
      };
    case 'expired-certificate':
      return {
        ...found,
        message: `TLS failed: the certificate of ${at} has expired or is not valid yet (${found.code}).`,
        fix: "Check this machine's clock; if it is right, the server (or a proxy in between) presents an outdated certificate.",
      };
    case 'hostname-mismatch':
      return {
        ...found,
        message: `TLS failed: the certificate of ${at} is for another host name (${found.code}).`,
        fix: 'Use the endpoint exactly as the Azure portal shows it (Keys and Endpoint), e.g. https://<resource>.openai.azure.com; an IP address or alias does not match the certificate.',
      };
    case 'not-tls':
      return {
        ...found,
        message: `TLS failed: ${at} answered in plain HTTP on an https:// address (${found.code}).`,
        fix: 'Check the port of the endpoint: https:// needs a TLS port. Only a local emulator on 127.0.0.1 speaks plain http://, and must be addressed as http://.',
      };
    default:
      return {
        ...found,
        message: `TLS failed with ${at} (${found.code}).`,
        fix: 'Check the endpoint and any proxy between this machine and Azure; Node.js needs TLS 1.2 or later with a certificate it trusts.',
      };
  }
}

function findTlsCode(
  error: unknown,
  depth: number,
  seen: Set<unknown>,
): { kind: TlsFailureKind; code: string } | undefined {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH || seen.has(error)) {
    return undefined;
  }
  seen.add(error);
  const code = (error as { code?: unknown }).code;
  const message = (error as { message?: unknown }).message;
  if (typeof code === 'string') {
    if (UNTRUSTED.has(code)) return { kind: 'untrusted-certificate', code };
    if (EXPIRED.has(code)) return { kind: 'expired-certificate', code };
    if (HOSTNAME.has(code)) return { kind: 'hostname-mismatch', code };
    if (NOT_TLS.has(code)) return { kind: 'not-tls', code };
    if (code === 'EPROTO' && typeof message === 'string' && NOT_TLS_MESSAGE.test(message)) {
      return { kind: 'not-tls', code };
    }
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return { kind: 'other', code };
  }
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const member of nested) {
      const found = findTlsCode(member, depth + 1, seen);
      if (found !== undefined) return found;
    }
  }
  return findTlsCode((error as { cause?: unknown }).cause, depth + 1, seen);
}
