import { describeTlsFailure } from '@amplifier-azure-openai/auth';
import type { AzureOpenAIErrorOptions } from './azure-openai-error.js';
import { RedirectRefusedError } from './redirect-refused-error.js';
import { TlsError } from './tls-error.js';

/**
 * A {@link TlsError} when a connection failure was TLS (untrusted certificate, host name
 * mismatch, plain HTTP on an https address), else `undefined`.
 */
export function tlsErrorOf(
  error: unknown,
  endpoint: string | undefined,
  base: AzureOpenAIErrorOptions,
): TlsError | undefined {
  const failure = describeTlsFailure(error, endpoint);
  if (failure === undefined) return undefined;
  return new TlsError({
    ...base,
    code: `tls_${failure.kind.replace(/-/g, '_')}`,
    tlsFailure: failure.kind,
    message: failure.message,
    fix: failure.fix,
    cause: error,
  });
}

/**
 * The {@link RedirectRefusedError} for a 3xx answer (the SDK's client never follows redirects):
 * names the origin of `location` (never its path or query, which may carry anything).
 */
export function redirectRefusedErrorOf(
  status: number,
  location: string | null | undefined,
  endpoint: string | undefined,
  common: AzureOpenAIErrorOptions,
): RedirectRefusedError {
  const locationOrigin = originOf(location, endpoint);
  const from = endpoint ?? 'Azure OpenAI';
  return new RedirectRefusedError({
    ...common,
    code: 'redirect_refused',
    locationOrigin,
    message: `${from} answered with a redirect (HTTP ${status}) to ${locationOrigin ?? 'an unknown location'}; not followed: credentials are never sent to another address.`,
    fix: 'Set `azure_endpoint` to the resource endpoint exactly as the Azure portal shows it (Keys and Endpoint), without a proxy or gateway that redirects.',
  });
}

function originOf(
  location: string | null | undefined,
  base: string | undefined,
): string | undefined {
  if (typeof location !== 'string' || location === '') return undefined;
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an invalid location';
  }
}
