/** How a deployment of the emulated Azure OpenAI resource behaves. */
export interface DeploymentConfig {
  /** The model family reported in responses (`model` field), e.g. `gpt-5`. */
  model: string;
  /** Whether the model is a reasoning model (reasoning item first, temperature/top_p rejected). */
  reasoning?: boolean | undefined;
  /**
   * The `reasoning.effort` values the model takes (default: by model family, e.g. GPT-5
   * minimal..high, GPT-5.1 none..high, GPT-5.2+ none..xhigh); others are answered with 400.
   */
  reasoningEfforts?: readonly string[] | undefined;
  /** Extra delay before answering any request to this deployment, in milliseconds. */
  latencyMs?: number | undefined;
  /** Delay between streamed events for this deployment, in milliseconds (overrides `streamDelayMs`). */
  streamDelayMs?: number | undefined;
  /** Faults armed for this deployment only (the `deployment` field is filled in for you). */
  faults?: readonly FaultSpec[] | undefined;
  /** Polls a background response of this deployment needs to finish (overrides `backgroundPolls`). */
  backgroundPolls?: number | undefined;
  /** Background responses of this deployment end `failed` with this error instead of completing. */
  backgroundFailure?: BackgroundFailure | undefined;
  /**
   * The hosted tools the deployment offers (`web_search`, `web_search_preview`, `file_search`,
   * `code_interpreter`, `image_generation`, `mcp`); declaring another one is answered with 400.
   * Default: all of them.
   */
  hostedTools?: readonly string[] | undefined;
}

/** The status of a background response (`background: true`). */
export type BackgroundStatus =
  | 'queued'
  | 'in_progress'
  | 'completed'
  | 'incomplete'
  | 'failed'
  | 'cancelled';

/** The error a failing background response reports (`response.error`). */
export interface BackgroundFailure {
  code: string;
  message: string;
}

/** What one background response did (see `Emulator.backgroundResponses()`). */
export interface BackgroundResponseInfo {
  /** The response id (`resp_...`). */
  id: string;
  deployment: string;
  status: BackgroundStatus;
  /** `GET /responses/{id}` requests answered. */
  polls: number;
  /** `POST /responses/{id}/cancel` requests answered. */
  cancelRequests: number;
}

/** A deployment's rate limit in the emulator (Azure: tokens and requests per minute). */
export interface DeploymentQuota {
  /** Tokens per window, counted on arrival as Azure estimates them (prompt + `max_output_tokens`). */
  tpm?: number | undefined;
  /** Requests per window. */
  rpm?: number | undefined;
  /** The window in milliseconds. Default 60000 (Azure's minute); shorten it for fast tests. */
  windowMs?: number | undefined;
}

/** Where a fault applies: every fault can be limited to a deployment and counted. */
export interface FaultBase {
  /** How many matching requests the fault applies to: a count (default 1) or `'always'`. */
  times?: number | 'always' | undefined;
  /** Only requests to this deployment (body `model`) are affected. */
  deployment?: string | undefined;
}

/** 429 with `retry-after-ms`, `x-ms-retry-after-ms` and `retry-after` headers and Azure's body. */
export interface RateLimitFault extends FaultBase {
  kind: 'rate-limit';
  /** The wait the service asks for, in milliseconds (default 1000). */
  retryAfterMs?: number | undefined;
  /**
   * Send no `retry-after`, `retry-after-ms` or `x-ms-retry-after-ms` header (Azure does this for
   * some token-rate 429s): only the rate-limit headers tell the wait.
   */
  omitRetryAfter?: boolean | undefined;
  /** `x-ratelimit-reset-requests` value, as sent (e.g. `1s`, `20ms`, `6m0s` or seconds `55`). */
  resetRequests?: string | undefined;
  /** `x-ratelimit-reset-tokens` value, as sent (e.g. `1s`, `20ms`, `6m0s` or seconds `55`). */
  resetTokens?: string | undefined;
}

/** A 5xx answer: 500 (Azure's internal error body), 502 or 503 (service unavailable body). */
export interface ServerErrorFault extends FaultBase {
  kind: 'server-error';
  /** The HTTP status (default 500). */
  status?: 500 | 502 | 503 | 504 | undefined;
}

/** One content-filter category of Azure's `content_filter_result`. */
export type ContentFilterCategory = 'hate' | 'sexual' | 'violence' | 'self_harm' | 'jailbreak';

/** A content-filter 400 (`code: 'content_filter'`) with Azure's `innererror.content_filter_result`. */
export interface ContentFilterFault extends FaultBase {
  kind: 'content-filter';
  /** The category that triggered (default `violence`). */
  category?: ContentFilterCategory | undefined;
  /** The severity reported for the triggering category (default `high`; ignored for jailbreak). */
  severity?: 'low' | 'medium' | 'high' | undefined;
}

/** A 400 `context_length_exceeded` answer. */
export interface ContextLengthFault extends FaultBase {
  kind: 'context-length-exceeded';
}

/** A 200 answer whose status is `incomplete` with `incomplete_details.reason`. */
export interface IncompleteFault extends FaultBase {
  kind: 'incomplete';
  /** Why the answer stopped (default `max_output_tokens`). */
  reason?: 'max_output_tokens' | 'content_filter' | undefined;
}

/** Delay before answering (abortable: a client disconnect stops the timer). */
export interface LatencyFault extends FaultBase {
  kind: 'latency';
  /** The delay in milliseconds. */
  ms: number;
}

/** The socket is destroyed after the request was read, before any answer byte. */
export interface DropConnectionFault extends FaultBase {
  kind: 'drop-connection';
}

/** A streamed answer sends some events, then the socket is destroyed. Non-streaming: same as drop-connection. */
export interface DropMidStreamFault extends FaultBase {
  kind: 'drop-mid-stream';
  /** How many SSE events are sent before the drop (default 3). */
  afterEvents?: number | undefined;
}

/** A streamed answer sends some events, then an SSE `error` event and/or `response.failed`, then ends. */
export interface StreamErrorFault extends FaultBase {
  kind: 'stream-error';
  /** How many SSE events are sent before the failure (default 3). */
  afterEvents?: number | undefined;
  /**
   * The error code (default `server_error`), e.g. `rate_limit_exceeded`, `insufficient_quota`,
   * `context_length_exceeded`, `content_filter`.
   */
  code?: string | undefined;
  /** The error message (default: one fitting the code). */
  message?: string | undefined;
  /**
   * What is sent: `error` (an `error` event with the fields at the top level and in a nested
   * `error` object; the default), `flat-error` (top-level fields only, as the OpenAPI spec shows),
   * `response.failed` (only the failed response), or `both` (`error`, then `response.failed`, as
   * OpenAI sends for `insufficient_quota`).
   */
  event?: 'error' | 'flat-error' | 'response.failed' | 'both' | undefined;
}

/**
 * Azure revokes the bearer token of the next token-authenticated request: that request gets a
 * 401 (`InvalidAuthenticationToken`) and the same token is refused from then on; a new token
 * (from the identity endpoint or `issueToken()`) is accepted.
 */
export interface RevokeTokenFault extends FaultBase {
  kind: 'revoke-token';
}

/** Function-call arguments in the answer are cut short, so they are not valid JSON. */
export interface MalformedToolArgumentsFault extends FaultBase {
  kind: 'malformed-tool-arguments';
}

/** The managed-identity token endpoint answers with an error status. */
export interface TokenEndpointFault extends FaultBase {
  kind: 'token-endpoint-error';
  /** The HTTP status (default 500). */
  status?: number | undefined;
}

/** A scripted fault. Send one per request as JSON in the `x-emulator-fault` header, or arm it with `addFault`. */
export type FaultSpec =
  | RateLimitFault
  | ServerErrorFault
  | ContentFilterFault
  | ContextLengthFault
  | IncompleteFault
  | LatencyFault
  | DropConnectionFault
  | DropMidStreamFault
  | StreamErrorFault
  | MalformedToolArgumentsFault
  | TokenEndpointFault
  | RevokeTokenFault;

/** The kinds of fault the emulator knows. */
export type FaultKind = FaultSpec['kind'];

/** How a request authenticated. */
export type RecordedAuthMethod =
  | 'api-key'
  | 'bearer-api-key'
  | 'bearer-token'
  | 'apim-subscription-key'
  | 'identity-header'
  | 'none'
  | 'invalid';

/** The emulator's notes about `reasoning` input items that came back. */
export interface RecordedReasoningInputs {
  /** Reasoning items in the input. */
  total: number;
  /** Items whose `encrypted_content` the emulator issued and recognised. */
  recognized: number;
  /** Items whose `encrypted_content` was present but not the emulator's. */
  unrecognized: number;
  /** Items without `encrypted_content`. */
  withoutEncryptedContent: number;
}

/** One request as the emulator saw it (secrets masked). */
export interface RecordedRequest {
  /** Sequence number of the request within this emulator, from 1. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /**
   * Lower-cased request headers; `api-key`, `authorization`, `x-identity-header` and
   * `ocp-apim-subscription-key` are masked.
   */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when absent or not JSON). */
  body: unknown;
  /** The raw body when it was not valid JSON. */
  rawBody?: string | undefined;
  /** `v1`, `dated`, `identity` (managed-identity endpoint) or `other`. */
  surface: 'v1' | 'dated' | 'identity' | 'other';
  /** The deployment named by the body's `model` (or the path), when any. */
  deployment?: string | undefined;
  /** How the request authenticated. */
  auth: RecordedAuthMethod;
  /** The user-assigned client id of the bearer token or token request, when any. */
  clientId?: string | undefined;
  /** `Date.now()`-style timestamp (from the emulator clock) when the request arrived. */
  timestamp: number;
  /** The status code answered (0 when the connection was dropped or is still open). */
  status: number;
  /** The fault kinds applied to this request. */
  faults: FaultKind[];
  /** The `apim-request-id` answered. */
  requestId: string;
  /** Whether the body asked for streaming. */
  stream: boolean;
  /** What the emulator noticed about reasoning input items (responses requests only). */
  reasoningInputs?: RecordedReasoningInputs | undefined;
}

/** Result of a `validateRequest` hook: `true`/`undefined` is valid, anything else describes the problem. */
export type RequestValidationResult =
  | boolean
  | undefined
  | null
  | string
  | {
      valid?: boolean | undefined;
      ok?: boolean | undefined;
      errors?: readonly unknown[] | null | undefined;
      param?: string | undefined;
      message?: string | undefined;
    };

/** Validates a parsed Responses request body (e.g. `validateResponsesRequest` from test-utils). */
export type RequestValidator = (body: unknown) => RequestValidationResult;

/** A structural logger; the emulator is silent by default. */
export interface EmulatorLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port (default 0: a free port). The host is always 127.0.0.1. */
  port?: number | undefined;
  /** The resource's API key (default: random per instance). */
  apiKey?: string | undefined;
  /** The `X-IDENTITY-HEADER` secret of the managed-identity endpoint (default: random). */
  identityHeader?: string | undefined;
  /** Deployments by name (default: `DEFAULT_DEPLOYMENTS`). Replaces the defaults when given. */
  deployments?: Readonly<Record<string, DeploymentConfig>> | undefined;
  /** Faults armed from the start (same as calling `addFault` for each). */
  faults?: readonly FaultSpec[] | undefined;
  /**
   * Per-deployment rate limits enforced like Azure's (sliding windows shared by every client):
   * over the quota, requests get Azure's 429 with `retry-after-ms`/`retry-after`; answers carry
   * `x-ratelimit-*` headers. Default: none (unlimited).
   */
  quotas?: Readonly<Record<string, DeploymentQuota>> | undefined;
  /** Lifetime of issued Entra tokens in seconds (default 3600). */
  tokenLifetimeSeconds?: number | undefined;
  /** Client ids of the user-assigned identities the token endpoint knows (default: none). */
  userAssignedClientIds?: readonly string[] | undefined;
  /** Validates each parsed Responses body; a failure is answered with 400 naming the field. */
  validateRequest?: RequestValidator | undefined;
  /** Delay before answering every Responses request, in milliseconds (default 0). */
  latencyMs?: number | undefined;
  /**
   * How many `GET /responses/{id}` polls a background response (`background: true`) needs: the
   * earlier polls answer `in_progress`, this one the final status (default 2). Counted, not timed,
   * so tests are deterministic.
   */
  backgroundPolls?: number | undefined;
  /** Delay between streamed events, in milliseconds (default 0: as fast as the socket takes them). */
  streamDelayMs?: number | undefined;
  /** Keep at most this many recorded requests (oldest dropped first; default 1000; 0 records nothing, for benchmarks). */
  maxRecordedRequests?: number | undefined;
  /** Include Azure's `content_filters` annotations in responses (default true). */
  contentFilters?: boolean | undefined;
  /** Clock in milliseconds since the epoch (tests; default `Date.now`). */
  now?: (() => number) | undefined;
  /** Logger (default silent). */
  logger?: EmulatorLogger | undefined;
  /**
   * Serve like an Azure API Management gateway in front of Azure OpenAI: every API path lives
   * under `pathPrefix` (e.g. `/my-prefix/openai/v1/responses`) and needs the
   * `Ocp-Apim-Subscription-Key` header (401 in APIM's format otherwise). A request with a valid
   * subscription key and no `api-key` / `Authorization` is let through (the gateway authenticates
   * to Azure itself); one that does send them is checked as usual. Default: no gateway.
   */
  gateway?: GatewayOptions | undefined;
}

/** The API Management gateway mode of the emulator (see {@link EmulatorOptions.gateway}). */
export interface GatewayOptions {
  /** The path prefix, e.g. `/my-prefix` (a leading `/` is added, a trailing one removed). */
  pathPrefix: string;
  /** The subscription key the gateway accepts. */
  subscriptionKey: string;
}

/** Options of `Emulator.issueToken`. */
export interface IssueTokenOptions {
  /** Lifetime in seconds (default: the emulator's `tokenLifetimeSeconds`). Negative issues an expired token. */
  lifetimeSeconds?: number | undefined;
  /** The identity's client id (default: the system-assigned identity). */
  clientId?: string | undefined;
  /** Audience (default `https://cognitiveservices.azure.com`). Tokens for other audiences are rejected. */
  audience?: string | undefined;
}

/** The request recorder of an emulator. */
export interface EmulatorRecorder {
  /** Every request so far, oldest first. */
  readonly requests: RecordedRequest[];
  /** The recorded Responses requests (`POST .../responses`) only. */
  responsesRequests(): RecordedRequest[];
  /** The last recorded request, if any. */
  last(): RecordedRequest | undefined;
  /** Forget every recorded request. */
  clear(): void;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>`: use as the Azure endpoint. */
  readonly url: string;
  /** The port the server listens on. */
  readonly port: number;
  /** The Azure endpoint to configure: `url`, plus the gateway path prefix in gateway mode. */
  readonly endpoint: string;
  /** The resource's API key. */
  readonly apiKey: string;
  /** The App Service managed-identity endpoint (`IDENTITY_ENDPOINT`). */
  readonly identityEndpoint: string;
  /** The managed-identity secret header (`IDENTITY_HEADER`). */
  readonly identityHeader: string;
  /** The deployments served. */
  readonly deployments: Readonly<Record<string, DeploymentConfig>>;
  /** Ready-to-use environment variables (`AZURE_OPENAI_ENDPOINT`, `AZURE_OPENAI_API_KEY`, `IDENTITY_ENDPOINT`, `IDENTITY_HEADER`). */
  env(): Record<string, string>;
  /** Every request received, secrets masked. */
  readonly recorder: EmulatorRecorder;
  /** How many managed-identity tokens were issued (all identities, or one client id; `'system'` for the system identity). */
  tokenRequests(clientId?: string): number;
  /** Issue an Entra token the emulator accepts as `Authorization: Bearer`. */
  issueToken(options?: IssueTokenOptions): string;
  /** Arm a fault. */
  addFault(fault: FaultSpec): void;
  /** Disarm every fault, including those configured in the options. */
  clearFaults(): void;
  /** Disarm every fault, then re-arm those configured in the options (`faults`, `deployments[].faults`). */
  resetFaults(): void;
  /** Faults still armed (copies). */
  pendingFaults(): FaultSpec[];
  /** Forgets every response id issued so far: `previous_response_id` naming one now fails (expiry). */
  forgetResponses(): void;
  /**
   * HTTP requests being answered now (from arrival until the response closes) and the most at
   * once since start: what a client-side concurrency limit must keep down.
   */
  requestConcurrency(): { inFlight: number; peak: number };
  /**
   * The background responses (`background: true`) this emulator created, with their status, polls
   * and cancel requests, oldest first.
   */
  backgroundResponses(): BackgroundResponseInfo[];
  /** Stop listening, close keep-alive connections and clear timers. Idempotent. */
  close(): Promise<void>;
}
