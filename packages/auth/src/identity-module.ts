import type { AuthMethod } from './auth-method.js';
import { methodLabel } from './auth-method.js';
import { AzureAuthError } from './azure-auth-error.js';
import type { TokenCredentialLike } from './token-credential.js';

/**
 * An `HttpClient` of `@azure/core-rest-pipeline` (`sendRequest(PipelineRequest)` resolving to a
 * `PipelineResponse`), typed opaquely so that neither this package's code nor its declarations
 * need that package, while the real credential constructors still fit {@link IdentityModule}.
 * This package passes its own (see `AuthStrategy.close()`).
 */
export interface IdentityHttpClientLike {
  /** Sends one pipeline request (a `PipelineRequest`), resolving to a `PipelineResponse`. */
  sendRequest(request: unknown): Promise<never>;
}

/** Options this package passes to `ManagedIdentityCredential`. */
export interface ManagedIdentityCredentialOptionsLike {
  /** Client id of a user-assigned identity. */
  clientId?: string;
  /**
   * The `HttpClient` (`@azure/core-rest-pipeline` shape) the credential sends its token requests
   * with: this package passes its own, whose requests are cancelled by `AuthStrategy.close()` and
   * after `tokenRequestTimeoutSeconds`.
   */
  httpClient?: IdentityHttpClientLike;
}

/** Options this package passes to `DefaultAzureCredential`. */
export interface DefaultAzureCredentialOptionsLike {
  /** Client id of a user-assigned identity for the managed-identity link of the chain. */
  managedIdentityClientId?: string;
  /** As {@link ManagedIdentityCredentialOptionsLike.httpClient}, for every link that sends HTTP. */
  httpClient?: IdentityHttpClientLike;
}

/**
 * The part of `@azure/identity` this package uses, described structurally so that neither
 * this package's code nor its type declarations need `@azure/identity` installed.
 */
export interface IdentityModule {
  /** `ManagedIdentityCredential` from `@azure/identity`. */
  ManagedIdentityCredential: new (
    options?: ManagedIdentityCredentialOptionsLike,
  ) => TokenCredentialLike;
  /** `DefaultAzureCredential` from `@azure/identity`. */
  DefaultAzureCredential: new (
    options?: DefaultAzureCredentialOptionsLike,
  ) => TokenCredentialLike;
}

/** The optional package's name. */
export const IDENTITY_PACKAGE = '@azure/identity';

/**
 * Loads `@azure/identity` with a real dynamic `import()` (kept as `import()` in both the ESM and
 * the CommonJS build), so it is only resolved when a credential method is actually used.
 */
export async function defaultLoadIdentity(): Promise<IdentityModule> {
  const loaded: unknown = await import('@azure/identity');
  return loaded as IdentityModule;
}

function errorProperty(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

/** True when `error` says the package could not be found (ESM or CommonJS flavour). */
export function isModuleNotFoundError(error: unknown): boolean {
  const code = errorProperty(error, 'code');
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  const message = errorProperty(error, 'message');
  return (
    typeof message === 'string' &&
    /cannot find (module|package)/i.test(message) &&
    message.includes(IDENTITY_PACKAGE)
  );
}

function isIdentityModule(value: unknown): value is IdentityModule {
  return (
    typeof errorProperty(value, 'ManagedIdentityCredential') === 'function' &&
    typeof errorProperty(value, 'DefaultAzureCredential') === 'function'
  );
}

/**
 * Calls `load` and checks the result; a missing package becomes an {@link AzureAuthError} with
 * code `identity-package-missing` that says how to install it.
 */
export async function loadIdentityModule(
  load: () => Promise<IdentityModule>,
  method: AuthMethod,
): Promise<IdentityModule> {
  let loaded: unknown;
  try {
    loaded = await load();
  } catch (error) {
    if (isModuleNotFoundError(error)) {
      throw new AzureAuthError({
        message: `The ${methodLabel(method)} method needs the optional package ${IDENTITY_PACKAGE}, which is not installed.`,
        method,
        code: 'identity-package-missing',
        fix: `Install it next to this package: npm install ${IDENTITY_PACKAGE} (or pnpm add ${IDENTITY_PACKAGE}, or yarn add ${IDENTITY_PACKAGE}). Or use an API key (api_key / AZURE_OPENAI_API_KEY) instead, which needs no extra package.`,
        cause: error,
      });
    }
    throw new AzureAuthError({
      message: `The ${methodLabel(method)} method could not load ${IDENTITY_PACKAGE}.`,
      method,
      code: 'identity-package-failed',
      fix: `Reinstall it (npm install ${IDENTITY_PACKAGE}@^4 or pnpm add ${IDENTITY_PACKAGE}@^4) and check the cause.`,
      cause: error,
    });
  }
  // A CommonJS interop namespace may nest the exports under `default`.
  const candidate = isIdentityModule(loaded) ? loaded : errorProperty(loaded, 'default');
  if (!isIdentityModule(candidate)) {
    throw new AzureAuthError({
      message: `The loaded ${IDENTITY_PACKAGE} does not export ManagedIdentityCredential and DefaultAzureCredential.`,
      method,
      code: 'identity-package-failed',
      fix: `Install a supported version: npm install ${IDENTITY_PACKAGE}@^4 (or pnpm add ${IDENTITY_PACKAGE}@^4).`,
    });
  }
  return candidate;
}
