const MARKER = 'amplifier-azure-openai.provider';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options shared by every {@link AzureOpenAIError}. */
export interface AzureOpenAIErrorOptions {
  /** What went wrong, for a person. Never contains a secret. */
  message: string;
  /** HTTP status of Azure's answer, when there was one. */
  status?: number | undefined;
  /** Azure's error code (`error.code`, e.g. `DeploymentNotFound`, `content_filter`). */
  code?: string | undefined;
  /** Azure's request id (`apim-request-id`, else `x-request-id`): quote it to Azure support. */
  requestId?: string | undefined;
  /** The `x-ms-client-request-id` this provider sent with the failed request (a UUID). */
  clientRequestId?: string | undefined;
  /** Which response header set `retryAfterMs` (e.g. `retry-after-ms`, `x-ratelimit-reset-tokens`). */
  retryAfterSource?: string | undefined;
  /** Whether sending the same request again may succeed. Default `false`. */
  retryable?: boolean | undefined;
  /** How long Azure asked to wait before retrying, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The Azure deployment the request went to. */
  deployment?: string | undefined;
  /** The Azure endpoint the request went to (no path, no secret). */
  endpoint?: string | undefined;
  /** The model the caller asked for. */
  model?: string | undefined;
  /** What to do about it. */
  fix?: string | undefined;
  /** The underlying error (for example the `openai` SDK's `APIError`). */
  cause?: unknown;
}

/**
 * Base class of every error the Azure OpenAI provider throws. Check with
 * {@link AzureOpenAIError.isInstance} (or `error.name`), never bare `instanceof`: two copies of the
 * package may be loaded side by side.
 *
 * `toString()`, `toJSON()` and `util.inspect` only show the fields below; request headers and
 * credentials are never stored on the error.
 */
export class AzureOpenAIError extends Error {
  protected readonly [SYMBOL] = true;
  /** HTTP status of Azure's answer, when there was one. */
  readonly status: number | undefined;
  /** Azure's error code. */
  readonly code: string | undefined;
  /** Azure's request id (`apim-request-id`, else `x-request-id`). */
  readonly requestId: string | undefined;
  /**
   * The `x-ms-client-request-id` (a UUID) this provider sent with the failed request. Hand it to
   * Azure support together with {@link AzureOpenAIError.requestId}.
   */
  readonly clientRequestId: string | undefined;
  /** Which response header set {@link AzureOpenAIError.retryAfterMs}, when one did. */
  readonly retryAfterSource: string | undefined;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  /** How long Azure asked to wait before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The Azure deployment the request went to. */
  readonly deployment: string | undefined;
  /** The Azure endpoint the request went to. */
  readonly endpoint: string | undefined;
  /** The model the caller asked for. */
  readonly model: string | undefined;
  /** What to do about it. */
  readonly fix: string | undefined;

  /** @param options - message and context; see {@link AzureOpenAIErrorOptions}. */
  constructor(options: AzureOpenAIErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AzureOpenAIError';
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.clientRequestId = options.clientRequestId;
    this.retryAfterSource = options.retryAfterSource;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.deployment = options.deployment;
    this.endpoint = options.endpoint;
    this.model = options.model;
    this.fix = options.fix;
  }

  /** True when `value` is an {@link AzureOpenAIError} from any copy of this package. */
  static isInstance(value: unknown): value is AzureOpenAIError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  /** @internal */
  protected static hasMarker(value: unknown, marker: string): boolean {
    const symbol = Symbol.for(marker);
    return (
      typeof value === 'object' &&
      value !== null &&
      symbol in value &&
      (value as Record<symbol, unknown>)[symbol] === true
    );
  }

  /** A plain, secret-free summary of the error (used by `JSON.stringify`). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this.details())) {
      if (value !== undefined) json[key] = value;
    }
    return json;
  }

  /** @internal Fields shown by `toJSON`; subclasses add their own. */
  protected details(): Record<string, unknown> {
    return {
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      clientRequestId: this.clientRequestId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      retryAfterSource: this.retryAfterSource,
      deployment: this.deployment,
      endpoint: this.endpoint,
      model: this.model,
      fix: this.fix,
    };
  }
}
