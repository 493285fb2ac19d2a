import { AzureAuthError } from './azure-auth-error.js';

const NO_CREDENTIAL_MARKER = Symbol.for('amplifier-azure-openai.auth-error.no-credential');

/** Every way to configure a credential, one line each (also in the error message). */
export const CREDENTIAL_CONFIGURATION_WAYS: readonly string[] = Object.freeze([
  'API key: api_key in the provider config, or env AZURE_OPENAI_API_KEY (or AZURE_OPENAI_KEY)',
  'Microsoft Entra ID token: azure_ad_token, or env AZURE_OPENAI_AD_TOKEN',
  'managed identity: use_managed_identity = true, or env AZURE_USE_MANAGED_IDENTITY=true (user-assigned: also managed_identity_client_id, or env AZURE_MANAGED_IDENTITY_CLIENT_ID)',
  'DefaultAzureCredential: use_default_credential = true, or env AZURE_USE_DEFAULT_CREDENTIAL=true (optionally with managed_identity_client_id)',
  'API Management gateway: apim_subscription_key, or env AZURE_APIM_SUBSCRIPTION_KEY (sent as Ocp-Apim-Subscription-Key; the gateway authenticates to Azure)',
  'in code: pass `credential` (any TokenCredential) or `tokenProvider` (an async function returning a token) to createAuthStrategy',
]);

const LOCAL_ROUTE =
  'For local development: run `az login`, then set use_default_credential = true (or AZURE_USE_DEFAULT_CREDENTIAL=true).';

/** Constructor options of {@link NoCredentialConfiguredError}. */
export interface NoCredentialConfiguredErrorOptions {
  /** Extra hints about near misses (e.g. a client id set without use_managed_identity). */
  hints?: readonly string[] | undefined;
}

/**
 * No authentication method is configured. The message lists every way to configure one and the
 * `az login` + `use_default_credential` route for local development.
 */
export class NoCredentialConfiguredError extends AzureAuthError {
  /** Stable error name. */
  override readonly name: string = 'NoCredentialConfiguredError';
  /** Every way to configure a credential. */
  readonly ways: readonly string[] = CREDENTIAL_CONFIGURATION_WAYS;
  /** Near-miss hints found in the options. */
  readonly hints: readonly string[];

  /** @param options - optional hints. */
  constructor(options: NoCredentialConfiguredErrorOptions = {}) {
    const hints = options.hints ?? [];
    super({
      message: [
        'No Azure OpenAI credential is configured. Configure one of:',
        ...CREDENTIAL_CONFIGURATION_WAYS.map(way => `  - ${way}`),
        ...hints.map(hint => `Note: ${hint}`),
      ].join('\n'),
      method: 'none',
      code: 'no-credential',
      fix: `Set one of the options above. ${LOCAL_ROUTE}`,
    });
    this.hints = Object.freeze([...hints]);
    Object.defineProperty(this, NO_CREDENTIAL_MARKER, { value: true });
  }

  /** True for a {@link NoCredentialConfiguredError} from any copy of this package. */
  static override isInstance(value: unknown): value is NoCredentialConfiguredError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[NO_CREDENTIAL_MARKER] === true
    );
  }

  /** A JSON view (no secrets). */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), ways: this.ways, hints: this.hints };
  }
}
