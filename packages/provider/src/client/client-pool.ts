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

/** Placeholder the `openai` client needs at construction; never sent (see below). */
const UNUSED_API_KEY = 'amplifier-azure-openai-per-request-auth';

/**
 * The `openai` client without credentials of its own: every request carries the auth strategy's
 * `api-key` or `Authorization` header instead. (Cheaper than `null` default headers, which make the
 * SDK rebuild its header set on every request.) The SDK still checks that one of them is present.
 */
class PerRequestAuthOpenAI extends OpenAI {
  protected override async authHeaders(): Promise<undefined> {
    return undefined;
  }

  /**
   * The credential comes with each request from the auth strategy: `api-key`, `Authorization`,
   * or for an API Management gateway only `Ocp-Apim-Subscription-Key`. A request with none of
   * them is refused before it is sent.
   */
  protected override validateHeaders({ values }: { values: Headers }): void {
    if (
      values.get('api-key') ||
      values.get('authorization') ||
      values.get('ocp-apim-subscription-key')
    ) {
      return;
    }
    throw new Error(
      'Could not resolve authentication method: the request has no api-key, Authorization or Ocp-Apim-Subscription-Key header.',
    );
  }
}

/**
 * Creates the pool. Each client:
 * - talks to `{endpoint}/openai/v1` (v1) or `{endpoint}/openai` with `?api-version=` (dated);
 * - has `maxRetries: 0`: this package owns retries, the SDK never retries behind its back;
 * - has the config `timeout` (seconds) as its per-attempt timeout;
 * - sends NO credential by itself (its own auth headers are disabled), and the provider adds `api-key` (keys) or `Authorization: Bearer` (tokens) to each
 *   request from the auth strategy. The key never goes in a query string;
 * - ignores `OPENAI_*` environment variables (organization, project, base URL).
 */
export function createClientPool(options: ClientPoolOptions): ClientPool {
  const { config } = options;
  const clients = new Map<string, OpenAI>();
  let mainClient: OpenAI | undefined;

  const create = (endpoint: string): OpenAI => {
    const baseURL =
      endpoint === config.azureEndpoint
        ? config.baseUrl
        : `${endpoint}${config.apiSurface === 'v1' ? '/openai/v1' : '/openai'}`;
    return new PerRequestAuthOpenAI({
      apiKey: UNUSED_API_KEY,
      baseURL,
      organization: null,
      project: null,
      webhookSecret: null,
      maxRetries: 0,
      timeout: Math.max(1, Math.round(config.timeout * 1000)),
      ...(options.fetch ? { fetch: options.fetch } : {}),
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
