import { ConfigError } from '@amplifier-azure-openai/config';

/** Name of the auth package's "no credential configured" error (matched by name across packages). */
const NO_CREDENTIAL_ERROR_NAME = 'NoCredentialConfiguredError';

const CREDENTIAL_HINT =
  'api_key (or AZURE_OPENAI_API_KEY), azure_ad_token (or AZURE_OPENAI_AD_TOKEN), use_managed_identity = true (AZURE_USE_MANAGED_IDENTITY=true) or use_default_credential = true (AZURE_USE_DEFAULT_CREDENTIAL=true)';

/**
 * True when `error` means "the provider is not configured" (no endpoint, or no credential), as
 * opposed to "configured wrongly": the cases where Amplifier modules degrade gracefully.
 */
export function isNotConfigured(error: unknown): boolean {
  if (ConfigError.isInstance(error)) return error.isMissingRequired;
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === NO_CREDENTIAL_ERROR_NAME
  );
}

/** The one-line warning for a not-configured provider, naming what to set (never a secret). */
export function describeNotConfigured(error: unknown): string {
  if (ConfigError.isInstance(error)) {
    const missing = error.problems.map(problem => `${problem.key} (${problem.fix})`).join('; ');
    return `azure-openai provider not mounted: missing ${missing}.`;
  }
  const ways = (error as { ways?: unknown }).ways;
  const options =
    Array.isArray(ways) && ways.length > 0 && ways.every(way => typeof way === 'string')
      ? ways.join('; ')
      : CREDENTIAL_HINT;
  return `azure-openai provider not mounted: no Azure credential configured. Set one of: ${options}.`;
}
