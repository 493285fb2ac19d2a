import type { AuthMethod } from './auth-method.js';
import type { AuthOptions, SecretLike } from './auth-options.js';
import { NoCredentialConfiguredError } from './no-credential-configured-error.js';

/** The outcome of {@link selectAuthMethod}. */
export interface AuthMethodSelection {
  /** The chosen method. */
  method: AuthMethod;
  /** Why it was chosen and which lower-priority settings were ignored. */
  reason: string;
  /** The settings that were set but ignored (config key names). */
  ignored: readonly string[];
}

/** Reads a string-or-SecretLike value; empty or whitespace counts as unset. */
export function readSecretValue(value: string | SecretLike | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text =
    typeof value === 'string'
      ? value
      : typeof (value as SecretLike).reveal === 'function'
        ? (value as SecretLike).reveal()
        : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** Reads the client id; empty or whitespace counts as unset. */
export function readClientId(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

interface Candidate {
  method: AuthMethod;
  key: string;
  present: boolean;
  why: string;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Picks exactly one method in priority order: api key, static Entra ID token, a programmatic
 * credential, a programmatic token provider, managed identity, DefaultAzureCredential.
 * @throws NoCredentialConfiguredError when none is configured.
 */
export function selectAuthMethod(options: AuthOptions): AuthMethodSelection {
  const clientId = readClientId(options.managedIdentityClientId);
  const hasSubscriptionKey = readSecretValue(options.apimSubscriptionKey) !== undefined;
  const identityWhy = clientId
    ? `user-assigned identity with client id ${clientId} (managed_identity_client_id or AZURE_MANAGED_IDENTITY_CLIENT_ID)`
    : 'system-assigned identity (no managed_identity_client_id)';
  const candidates: Candidate[] = [
    {
      method: 'api-key',
      key: 'api_key',
      present: readSecretValue(options.apiKey) !== undefined,
      why: 'api_key is set (config or AZURE_OPENAI_API_KEY / AZURE_OPENAI_KEY)',
    },
    {
      method: 'azure-ad-token',
      key: 'azure_ad_token',
      present: readSecretValue(options.azureAdToken) !== undefined,
      why: 'azure_ad_token is set (config or AZURE_OPENAI_AD_TOKEN)',
    },
    {
      method: 'token-credential',
      key: 'credential',
      present: options.credential !== undefined && options.credential !== null,
      why: 'a TokenCredential was passed in code (options.credential), which ranks above use_managed_identity and use_default_credential',
    },
    {
      method: 'token-provider',
      key: 'tokenProvider',
      present: options.tokenProvider !== undefined && options.tokenProvider !== null,
      why: 'a token provider function was passed in code (options.tokenProvider), which ranks above use_managed_identity and use_default_credential',
    },
    {
      method: 'managed-identity',
      key: 'use_managed_identity',
      present: options.useManagedIdentity === true,
      why: `use_managed_identity is true (config or AZURE_USE_MANAGED_IDENTITY); ${identityWhy}`,
    },
    {
      method: 'default-credential',
      key: 'use_default_credential',
      present: options.useDefaultCredential === true,
      why: clientId
        ? `use_default_credential is true (config or AZURE_USE_DEFAULT_CREDENTIAL); managed identity client id ${clientId} is passed to DefaultAzureCredential`
        : 'use_default_credential is true (config or AZURE_USE_DEFAULT_CREDENTIAL)',
    },
    {
      method: 'apim-subscription-key',
      key: 'apim_subscription_key',
      present: hasSubscriptionKey,
      why: 'only apim_subscription_key is set (config or AZURE_APIM_SUBSCRIPTION_KEY): the API Management gateway authenticates to Azure OpenAI itself',
    },
  ];
  const index = candidates.findIndex(candidate => candidate.present);
  const chosen = candidates[index];
  if (chosen === undefined) {
    const hints: string[] = [];
    if (clientId) {
      hints.push(
        'managed_identity_client_id is set, but neither use_managed_identity nor use_default_credential is true; set one of them to use that identity.',
      );
    }
    if (typeof options.apiKey === 'string' || typeof options.azureAdToken === 'string') {
      hints.push('api_key or azure_ad_token is set but empty.');
    }
    throw new NoCredentialConfiguredError({ hints });
  }
  const ignored = candidates
    .slice(index + 1)
    .filter(candidate => candidate.present && candidate.method !== 'apim-subscription-key')
    .map(candidate => candidate.key);
  if (clientId && chosen.method !== 'managed-identity' && chosen.method !== 'default-credential') {
    ignored.push('managed_identity_client_id');
  }
  const along =
    hasSubscriptionKey && chosen.method !== 'apim-subscription-key'
      ? '; the API Management subscription key (apim_subscription_key) is sent too, as Ocp-Apim-Subscription-Key'
      : '';
  const reason =
    ignored.length === 0
      ? `${chosen.method}: ${chosen.why}${along}`
      : `${chosen.method}: ${chosen.why}; ${joinNames(ignored)} ${ignored.length === 1 ? 'was' : 'were'} ignored${along}`;
  return { method: chosen.method, reason, ignored };
}
