import { AsyncLocalStorage } from 'node:async_hooks';
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';
import { describeTlsFailure } from './tls-failure.js';
import type { AbortSignalLike } from './token-credential.js';

/**
 * What one strategy's token fetch gives the HTTP client: the strategy's close signal and the
 * request time bound. Found through {@link AsyncLocalStorage}, not captured by the client,
 * because MSAL keeps the managed-identity source (with the first credential's HTTP client) in a
 * static field for the whole process: a later strategy's requests may run through an earlier
 * strategy's client, so the client must ask "whose request is this?" at send time.
 */
export interface TokenRequestContext {
  /** Aborted when the strategy closes: every request of this fetch is cancelled. */
  signal: AbortSignal;
  /** Each HTTP request of this fetch is cancelled after this many ms without a full answer. */
  timeoutMs: number;
  /** Set by the client when a request of this fetch hit {@link timeoutMs}. */
  timedOut?: { origin: string; timeoutMs: number } | undefined;
  /**
   * Set by the client when a request of this fetch failed in a way the credential library hides
   * behind a generic network error: a refused cross-origin redirect or a TLS failure.
   */
  transportFailure?: Error | undefined;
}

const contextStorage = new AsyncLocalStorage<TokenRequestContext>();

/** Runs `fn` (a credential's getToken) so that the token HTTP client sees `context`. */
export function runWithTokenRequestContext<T>(
  context: TokenRequestContext,
  fn: () => Promise<T>,
): Promise<T> {
  return contextStorage.run(context, fn);
}

/** The part of `@azure/core-rest-pipeline`'s `HttpHeaders` this client reads. */
interface RequestHeadersLike {
  toJSON(options?: { preserveCase?: boolean }): Record<string, string>;
}

/**
 * The part of `@azure/core-rest-pipeline`'s `PipelineRequest` this client reads (structural, so
 * that package is needed neither at run time nor in the type declarations).
 */
export interface TokenPipelineRequest {
  url: string;
  method: string;
  headers: RequestHeadersLike;
  body?: unknown;
  /** Pipeline timeout in ms (0 = none). The shorter of this and the strategy's bound applies. */
  timeout?: number | undefined;
  abortSignal?: AbortSignalLike | undefined;
  allowInsecureConnection?: boolean | undefined;
  /** Set by the pipeline's proxy policy (HTTPS_PROXY / HTTP_PROXY) or by the caller. */
  agent?: http.Agent | undefined;
  tlsSettings?: https.AgentOptions | undefined;
  disableKeepAlive?: boolean | undefined;
}

/** `HttpHeaders` of `@azure/core-rest-pipeline`, structurally (case-insensitive names). */
export class TokenResponseHeaders implements Iterable<[string, string]> {
  readonly #entries = new Map<string, { name: string; value: string }>();

  /** The value of `name`, or `undefined`. */
  get(name: string): string | undefined {
    return this.#entries.get(name.toLowerCase())?.value;
  }
  /** Whether `name` is set. */
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }
  /** Sets `name`. */
  set(name: string, value: string | number | boolean): void {
    this.#entries.set(name.toLowerCase(), { name, value: String(value) });
  }
  /** Removes `name`. */
  delete(name: string): void {
    this.#entries.delete(name.toLowerCase());
  }
  /** A plain object; names lower-cased unless `preserveCase`. */
  toJSON(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [key, entry] of this.#entries) {
      result[options.preserveCase ? entry.name : key] = entry.value;
    }
    return result;
  }
  /** Iterates `[name, value]` pairs (lower-cased names). */
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [key, entry] of this.#entries) yield [key, entry.value];
  }
}

/** The `PipelineResponse` this client returns (bodies are read as text; token answers are small). */
export interface TokenPipelineResponse {
  request: TokenPipelineRequest;
  status: number;
  headers: TokenResponseHeaders;
  bodyAsText: string;
}

/** An `HttpClient` of `@azure/core-rest-pipeline`, structurally. */
export interface TokenHttpClient {
  sendRequest(request: TokenPipelineRequest): Promise<TokenPipelineResponse>;
}

/** Timer functions (tests inject fakes). */
export interface TokenHttpTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createTokenRequestHttpClient}. */
export interface TokenRequestHttpClientOptions {
  /** Bound for requests sent outside any {@link TokenRequestContext}. Default 30 s. */
  defaultTimeoutMs?: number | undefined;
  /** Default: the global timers. */
  timers?: TokenHttpTimers | undefined;
}

/** The default bound of one token HTTP request. */
export const DEFAULT_TOKEN_REQUEST_TIMEOUT_MS = 30_000;

function abortError(message: string): Error {
  return new DOMException(message, 'AbortError');
}

/**
 * A network failure shaped like core-rest-pipeline's `RestError` (matched by name), so the
 * pipeline's retry policy treats it as the default client's errors (ECONNREFUSED is retried).
 */
function networkError(cause: unknown, request: TokenPipelineRequest): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown } | null)?.code;
  const error = new Error(message, { cause }) as Error & { code: string; request: unknown };
  error.name = 'RestError';
  error.code = typeof code === 'string' ? code : 'REQUEST_SEND_ERROR';
  error.request = request;
  return error;
}

/**
 * The error for a 3xx answer whose `Location` is on another origin (scheme, host or port): the
 * pipeline would follow it with the same headers (a managed identity's secret header, a client
 * assertion). Same-origin redirects pass. The message names the origins, never a path or query.
 */
function refuseCrossOriginRedirect(
  from: URL,
  status: number | undefined,
  location: string | undefined,
): Error | undefined {
  if (status === undefined || status < 300 || status > 399 || location === undefined)
    return undefined;
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return redirectRefused(from.origin, 'an invalid location');
  }
  if (target.origin === from.origin) return undefined;
  return redirectRefused(from.origin, target.origin);
}

function redirectRefused(from: string, to: string): Error {
  const error = new Error(
    `Refused to follow a redirect from the token endpoint ${from} to ${to}: credentials are never sent to another origin.`,
  ) as Error & { code: string };
  error.name = 'RedirectRefusedError';
  error.code = 'REDIRECT_REFUSED';
  return error;
}

function bodyOf(body: unknown): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError(
    'The token request HTTP client supports only string and binary request bodies (token requests need nothing else).',
  );
}

function decode(buffer: Buffer, encoding: string | undefined): string {
  const name = encoding?.trim().toLowerCase();
  if (name === 'gzip' || name === 'x-gzip') return zlib.gunzipSync(buffer).toString('utf8');
  if (name === 'deflate') return zlib.inflateSync(buffer).toString('utf8');
  if (name === 'br') return zlib.brotliDecompressSync(buffer).toString('utf8');
  return buffer.toString('utf8');
}

const globalTimers: TokenHttpTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * An `@azure/core-rest-pipeline` `HttpClient` (node:http / node:https, no extra dependency) for
 * the token requests of `@azure/identity` credentials. Each request is cancelled (socket
 * destroyed) when the pipeline's abort signal fires, when the calling strategy's close signal
 * fires, or when it has no full answer after the time bound. It honours the pipeline's proxy
 * agent (`request.agent`) and `tlsSettings`. A redirect to another origin is refused (the request
 * fails with a `RedirectRefusedError` naming both origins): credentials never follow it.
 */
export function createTokenRequestHttpClient(
  options: TokenRequestHttpClientOptions = {},
): TokenHttpClient {
  const timers = options.timers ?? globalTimers;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TOKEN_REQUEST_TIMEOUT_MS;
  let httpAgent: http.Agent | undefined;
  const httpsAgents = new Map<string, https.Agent>();

  const agentFor = (request: TokenPipelineRequest, secure: boolean): http.Agent => {
    if (request.agent !== undefined) return request.agent;
    if (!secure) {
      httpAgent ??= new http.Agent({ keepAlive: true });
      return request.disableKeepAlive ? http.globalAgent : httpAgent;
    }
    if (request.disableKeepAlive && request.tlsSettings === undefined) return https.globalAgent;
    const tls = request.tlsSettings ?? {};
    const key = JSON.stringify([!request.disableKeepAlive, tls]);
    let agent = httpsAgents.get(key);
    if (agent === undefined) {
      agent = new https.Agent({ keepAlive: !request.disableKeepAlive, ...tls });
      httpsAgents.set(key, agent);
    }
    return agent;
  };

  return {
    sendRequest(request) {
      const context = contextStorage.getStore();
      return new Promise<TokenPipelineResponse>((resolve, reject) => {
        const url = new URL(request.url);
        const secure = url.protocol === 'https:';
        if (!secure && !request.allowInsecureConnection) {
          reject(
            new Error(`Cannot connect to ${url.origin} while allowInsecureConnection is false.`),
          );
          return;
        }
        const signals = [request.abortSignal, context?.signal].filter(
          (signal): signal is AbortSignalLike => signal !== undefined,
        );
        if (signals.some(signal => signal.aborted)) {
          reject(abortError('The token request was cancelled before it was sent.'));
          return;
        }
        let body: string | Uint8Array | undefined;
        try {
          body = bodyOf(request.body);
        } catch (error) {
          reject(error);
          return;
        }
        const bound = context?.timeoutMs ?? defaultTimeoutMs;
        const pipelineTimeout = request.timeout ?? 0;
        const timeoutMs = pipelineTimeout > 0 ? Math.min(pipelineTimeout, bound) : bound;

        let settled = false;
        let timer: unknown;
        const onAbort = (): void => fail(abortError('The token request was cancelled.'));
        const cleanup = (): void => {
          settled = true;
          if (timer !== undefined) timers.clearTimeout(timer);
          for (const signal of signals) signal.removeEventListener('abort', onAbort);
        };
        const fail = (error: unknown): void => {
          if (settled) return;
          cleanup();
          outgoing.destroy();
          reject(error);
        };

        const headers = request.headers.toJSON({ preserveCase: true });
        if (
          body !== undefined &&
          !Object.keys(headers).some(h => h.toLowerCase() === 'content-length')
        ) {
          headers['Content-Length'] = String(Buffer.byteLength(body));
        }
        const outgoing = (secure ? https : http).request({
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers,
          agent: agentFor(request, secure),
        });
        for (const signal of signals) signal.addEventListener('abort', onAbort);
        timer = timers.setTimeout(() => {
          if (context !== undefined) context.timedOut = { origin: url.origin, timeoutMs };
          // Not a RestError: the pipeline's retry policy rethrows it at once instead of waiting
          // out the same bound again on every retry.
          const error = new Error(
            `The token request to ${url.origin} got no full answer within ${timeoutMs} ms and was cancelled.`,
          ) as Error & { code: string };
          error.name = 'TimeoutError';
          error.code = 'ETIMEDOUT';
          fail(error);
        }, timeoutMs);
        outgoing.on('error', error => {
          if (context !== undefined && describeTlsFailure(error) !== undefined) {
            context.transportFailure = error;
          }
          fail(networkError(error, request));
        });
        outgoing.on('response', incoming => {
          const refused = refuseCrossOriginRedirect(
            url,
            incoming.statusCode,
            incoming.headers.location,
          );
          if (refused !== undefined) {
            if (context !== undefined) context.transportFailure = refused;
            incoming.resume();
            fail(refused);
            return;
          }
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', error => fail(networkError(error, request)));
          incoming.on('end', () => {
            if (settled) return;
            const responseHeaders = new TokenResponseHeaders();
            for (const [name, value] of Object.entries(incoming.headers)) {
              const first = Array.isArray(value) ? value[0] : value;
              if (first !== undefined) responseHeaders.set(name, first);
            }
            let text: string;
            try {
              text = decode(Buffer.concat(chunks), responseHeaders.get('content-encoding'));
            } catch (error) {
              fail(networkError(error, request));
              return;
            }
            cleanup();
            resolve({
              request,
              status: incoming.statusCode ?? 0,
              headers: responseHeaders,
              bodyAsText: text,
            });
          });
        });
        outgoing.end(body);
      });
    },
  };
}

/** The one client every strategy passes to `@azure/identity` (see {@link TokenRequestContext}). */
export const tokenRequestHttpClient: TokenHttpClient = createTokenRequestHttpClient();
