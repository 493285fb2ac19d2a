import OpenAI from 'openai';
import { VERSION } from '../version.js';

/** The slice of the provider config the client pool reads. */
export interface ClientPoolConfig {
  /** Normalised endpoint of the main resource (`https://x.openai.azure.com`). */
  readonly azureEndpoint: string;
  /** `v1` (`{endpoint}/openai/v1`) or `dated` (`{endpoint}/openai?api-version=...`). */
  readonly apiSurface: 'v1' | 'dated';
  /** The dated api-version (dated surface only). */
  readonly apiVersion?: string | undefined;
  /** Base URL of the main resource (`{endpoint}/openai/v1` or `{endpoint}/openai`). */
  readonly baseUrl: string;
  /** Request timeout, seconds. */
  readonly timeout: number;
}

/** Options of {@link createClientPool}. */
export interface ClientPoolOptions {
  config: ClientPoolConfig;
  /** A `fetch` implementation for the `openai` client. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
}

/**
 * One `openai` client per Azure endpoint, created on first use and reused (the HTTP keep-alive
 * pool of `fetch` is shared by all requests to it).
 */
export interface ClientPool {
  /** The client for `endpoint` (default: the main `azureEndpoint`). */
  get(endpoint?: string | undefined): OpenAI;
  /** How many clients exist. */
  readonly size: number;
  /** Forgets every client. Idempotent. */
  close(): void;
}

/**
 * Placeholder the `openai` client needs at construction. It never leaves the process: the pool's
 * `fetch` (see {@link credentialGuardFetch}) removes the `Authorization` header the SDK builds from
 * it, and refuses a request that carries no credential of the provider's own.
 */
const UNUSED_API_KEY = 'amplifier-azure-openai-per-request-auth';
const PLACEHOLDER_AUTHORIZATION = `Bearer ${UNUSED_API_KEY}`;

/**
 * The `fetch` each client gets (the SDK's documented `fetch` option), around the caller's or the
 * global one. It enforces two rules on every request, whatever options a call passes:
 * - the credential is the provider's own per-request `api-key` or `Authorization` header: the
 *   SDK's placeholder bearer is removed, and a request with no real credential (`api-key`,
 *   `Authorization` or an API Management `Ocp-Apim-Subscription-Key`) is refused;
 * - `redirect: 'manual'`: a 3xx answer comes back to the provider (which refuses it with a
 *   `RedirectRefusedError`), so credentials never follow a redirect to another origin.
 */
export function credentialGuardFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => {
    // The SDK builds a fresh Headers object for every request: adjusted in place.
    const headers = init?.headers instanceof Headers ? init.headers : new Headers(init?.headers);
    if (headers.get('authorization') === PLACEHOLDER_AUTHORIZATION) {
      // An API Management gateway may take only its subscription key.
      if (!headers.has('api-key') && !headers.has('ocp-apim-subscription-key')) {
        return Promise.reject(
          new Error(
            'Could not resolve authentication method: the request has no api-key, Authorization or Ocp-Apim-Subscription-Key header of the provider.',
          ),
        );
      }
      headers.delete('authorization');
    }
    return inner(input, { ...init, headers, redirect: 'manual' });
  }) as typeof fetch;
}

/**
 * Creates the pool. Each client:
 * - talks to `{endpoint}/openai/v1` (v1) or `{endpoint}/openai` with `?api-version=` (dated);
 * - has `maxRetries: 0`: this package owns retries, the SDK never retries behind its back;
 * - has the config `timeout` (seconds) as its per-attempt timeout;
 * - sends NO credential by itself: the provider adds `api-key` (keys) or `Authorization: Bearer`
 *   (tokens) to each request from the auth strategy (see {@link credentialGuardFetch}). The key
 *   never goes in a query string;
 * - never follows a redirect (`redirect: 'manual'`);
 * - ignores `OPENAI_*` environment variables (organization, project, admin key, base URL).
 */
export function createClientPool(options: ClientPoolOptions): ClientPool {
  const { config } = options;
  const clients = new Map<string, OpenAI>();
  let mainClient: OpenAI | undefined;
  const guardedFetch = credentialGuardFetch(options.fetch);

  const create = (endpoint: string): OpenAI => {
    const baseURL =
      endpoint === config.azureEndpoint
        ? config.baseUrl
        : `${endpoint}${config.apiSurface === 'v1' ? '/openai/v1' : '/openai'}`;
    return new OpenAI({
      apiKey: UNUSED_API_KEY,
      adminAPIKey: null,
      baseURL,
      organization: null,
      project: null,
      webhookSecret: null,
      maxRetries: 0,
      timeout: Math.max(1, Math.round(config.timeout * 1000)),
      fetch: guardedFetch,
      ...(config.apiSurface === 'dated' && config.apiVersion
        ? { defaultQuery: { 'api-version': config.apiVersion } }
        : {}),
      defaultHeaders: { 'User-Agent': `amplifier-azure-openai/${VERSION}` },
    });
  };

  return {
    get(endpoint) {
      if (endpoint === undefined || endpoint === config.azureEndpoint) {
        mainClient ??= create(config.azureEndpoint);
        return mainClient;
      }
      let client = clients.get(endpoint);
      if (client === undefined) {
        client = create(endpoint);
        clients.set(endpoint, client);
      }
      return client;
    },
    get size() {
      return clients.size + (mainClient === undefined ? 0 : 1);
    },
    close() {
      clients.clear();
      mainClient = undefined;
    },
  };
}

/** Azure's request id of a response: `apim-request-id`, else `x-request-id`. */
export function readRequestId(headers: Headers | undefined): string | undefined {
  if (headers === undefined) return undefined;
  return headers.get('apim-request-id') ?? headers.get('x-request-id') ?? undefined;
}
