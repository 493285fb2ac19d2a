import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import type { ErrorAnswer } from './azure-errors.js';
import {
  accessDenied,
  contentFiltered,
  contextLengthExceeded,
  deploymentNotFound,
  expiredToken,
  invalidEncryptedContent,
  invalidJson,
  invalidRequest,
  invalidToken,
  methodNotAllowed,
  missingApiVersion,
  rateLimited,
  reasoningItemNotFound,
  resourceNotFound,
  serverError,
  unsupportedApiVersion,
} from './azure-errors.js';
import { DEFAULT_DEPLOYMENTS } from './default-deployments.js';
import { EmulatorError } from './emulator-error.js';
import type { SelectedFault } from './faults.js';
import { FaultBook, parseFaultSpec, TERMINAL_KINDS } from './faults.js';
import { IdFactory } from './ids.js';
import { analyzeInput, planAnswer } from './model.js';
import { maskHeaders, Recorder } from './recorder.js';
import { checkAzureRules } from './request-rules.js';
import { buildResponse } from './response-builder.js';
import { formatSse, responseEvents } from './stream-events.js';
import { normalizeResource, SYSTEM_CLIENT_ID, TokenIssuer } from './token-issuer.js';
import type {
  DeploymentConfig,
  Emulator,
  EmulatorLogger,
  EmulatorOptions,
  FaultKind,
  FaultSpec,
  IssueTokenOptions,
  RecordedAuthMethod,
  RecordedRequest,
} from './types.js';
import { runValidator } from './validation-hook.js';

/** The host the emulator always binds to. */
export const EMULATOR_HOST = '127.0.0.1';

/** Path of the App Service managed-identity endpoint. */
export const IDENTITY_PATH = '/msi/token';

/** The api-version the App Service managed-identity endpoint speaks. */
export const IDENTITY_API_VERSION = '2019-08-01';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MIN_DATED_API_VERSION = '2025-03-01';
const DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/responses$/;
const RESPONSE_FAULT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'rate-limit',
  'server-error',
  'content-filter',
  'context-length-exceeded',
  'incomplete',
  'latency',
  'drop-connection',
  'drop-mid-stream',
  'stream-error',
  'malformed-tool-arguments',
]);
const TOKEN_FAULT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['token-endpoint-error']);

const STREAM_ERROR_MESSAGE =
  'The server had an error while processing your request. Sorry about that!';

const SILENT: EmulatorLogger = { debug() {}, info() {}, warn() {}, error() {} };

function optionError(field: string, message: string, fix: string): EmulatorError {
  return new EmulatorError({ message: `startEmulator: ${message}`, field, fix });
}

function checkNonNegative(value: number | undefined, field: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw optionError(field, `${field} must be a number >= 0.`, `Pass e.g. ${field}: 0.`);
  }
}

function normalizeDeployments(
  deployments: Readonly<Record<string, DeploymentConfig>> | undefined,
): Record<string, DeploymentConfig> {
  if (deployments === undefined) return { ...DEFAULT_DEPLOYMENTS };
  if (typeof deployments !== 'object' || deployments === null) {
    throw optionError(
      'deployments',
      'deployments must be an object of name -> { model, reasoning? }.',
      "Pass e.g. { 'gpt-5': { model: 'gpt-5', reasoning: true } }.",
    );
  }
  const result: Record<string, DeploymentConfig> = {};
  for (const [name, config] of Object.entries(deployments)) {
    if (
      typeof config !== 'object' ||
      config === null ||
      typeof config.model !== 'string' ||
      config.model === ''
    ) {
      throw optionError(
        `deployments.${name}`,
        `deployments.${name}.model must be a non-empty string.`,
        `Pass e.g. { model: 'gpt-5' } for deployment ${name}.`,
      );
    }
    checkNonNegative(config.latencyMs, `deployments.${name}.latencyMs`);
    checkNonNegative(config.streamDelayMs, `deployments.${name}.streamDelayMs`);
    result[name] = { ...config };
  }
  return result;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        tooLarge
          ? 'too-large'
          : chunks.length === 1
            ? (chunks[0] as Buffer)
            : Buffer.concat(chunks),
      ),
    );
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Per-request abort state: set when the client goes away. */
interface RequestState {
  closed: boolean;
  onClose: Array<() => void>;
}

/** Starts an emulated Azure OpenAI resource on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw optionError(
      'port',
      `port must be an integer from 0 to 65535, got ${String(port)}.`,
      'Pass port: 0 for a free port.',
    );
  }
  if (
    options.apiKey !== undefined &&
    (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
  ) {
    throw optionError(
      'apiKey',
      'apiKey must be a non-empty string.',
      'Pass a key, or leave apiKey out for a random one.',
    );
  }
  if (
    options.identityHeader !== undefined &&
    (typeof options.identityHeader !== 'string' || options.identityHeader === '')
  ) {
    throw optionError(
      'identityHeader',
      'identityHeader must be a non-empty string.',
      'Leave identityHeader out for a random one.',
    );
  }
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  if (
    typeof tokenLifetimeSeconds !== 'number' ||
    !Number.isFinite(tokenLifetimeSeconds) ||
    tokenLifetimeSeconds <= 0
  ) {
    throw optionError(
      'tokenLifetimeSeconds',
      'tokenLifetimeSeconds must be a number > 0.',
      'Pass e.g. tokenLifetimeSeconds: 3600.',
    );
  }
  checkNonNegative(options.latencyMs, 'latencyMs');
  checkNonNegative(options.streamDelayMs, 'streamDelayMs');
  const maxRecorded = options.maxRecordedRequests ?? 1000;
  if (!Number.isInteger(maxRecorded) || maxRecorded < 0) {
    throw optionError(
      'maxRecordedRequests',
      'maxRecordedRequests must be an integer >= 0.',
      'Pass e.g. 10000.',
    );
  }
  const userAssigned = new Set<string>();
  for (const id of options.userAssignedClientIds ?? []) {
    if (typeof id !== 'string' || id === '') {
      throw optionError(
        'userAssignedClientIds',
        'userAssignedClientIds must hold non-empty strings.',
        'Pass the client ids of the user-assigned identities.',
      );
    }
    userAssigned.add(id);
  }
  if (options.validateRequest !== undefined && typeof options.validateRequest !== 'function') {
    throw optionError(
      'validateRequest',
      'validateRequest must be a function (body) => result.',
      'Pass e.g. validateResponsesRequest from @amplifier-azure-openai/test-utils.',
    );
  }
  const deployments = normalizeDeployments(options.deployments);
  const faults = new FaultBook();
  const armInitial = (): void => {
    (options.faults ?? []).forEach((spec, i) => {
      faults.add(parseFaultSpec(spec, `faults[${i}]`));
    });
    for (const [name, config] of Object.entries(deployments)) {
      (config.faults ?? []).forEach((spec, i) => {
        faults.add({
          ...parseFaultSpec(spec, `deployments.${name}.faults[${i}]`),
          deployment: name,
        });
      });
    }
  };
  armInitial();

  const now = options.now ?? Date.now;
  const logger = options.logger ?? SILENT;
  const apiKey = options.apiKey ?? randomBytes(16).toString('hex');
  const identityHeader = options.identityHeader ?? randomBytes(16).toString('hex');
  const globalLatency = options.latencyMs ?? 0;
  const globalStreamDelay = options.streamDelayMs ?? 0;
  const includeContentFilters = options.contentFilters !== false;
  const validateRequest = options.validateRequest;
  const ids = new IdFactory();
  const tokens = new TokenIssuer(now);
  const recorder = new Recorder(maxRecorded);
  const tokenCounts = new Map<string, number>();
  let tokenTotal = 0;
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number, state: RequestState): Promise<void> =>
    new Promise(resolve => {
      if (state.closed) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
      state.onClose.push(() => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      });
    });

  const answerError = (
    res: ServerResponse,
    record: RecordedRequest | undefined,
    error: ErrorAnswer,
  ): void => {
    if (record !== undefined) record.status = error.status;
    sendJson(res, error.status, error.body, error.headers);
  };

  const authenticate = (
    req: IncomingMessage,
    surface: 'v1' | 'dated',
  ): {
    method: RecordedAuthMethod;
    clientId?: string | undefined;
    error?: ErrorAnswer | undefined;
  } => {
    const keyHeader = req.headers['api-key'];
    if (typeof keyHeader === 'string') {
      return safeEqual(keyHeader, apiKey)
        ? { method: 'api-key' }
        : { method: 'invalid', error: accessDenied() };
    }
    const authorization = req.headers.authorization;
    if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) {
      const token = authorization.replace(/^bearer\s+/i, '').trim();
      if (surface === 'v1' && safeEqual(token, apiKey)) return { method: 'bearer-api-key' };
      const check = tokens.verify(token);
      if (check.ok) {
        return {
          method: 'bearer-token',
          clientId: check.claims.idtyp === 'user' ? check.claims.appid : undefined,
        };
      }
      return {
        method: 'invalid',
        error: check.reason === 'expired' ? expiredToken() : invalidToken(),
      };
    }
    return { method: 'none', error: accessDenied() };
  };

  const handleIdentity = async (
    req: IncomingMessage,
    res: ServerResponse,
    query: Record<string, string>,
    requestId: string,
  ): Promise<void> => {
    req.resume();
    const record = recorder.add({
      method: req.method ?? 'GET',
      path: IDENTITY_PATH,
      query,
      headers: maskHeaders(req.headers),
      body: undefined,
      surface: 'identity',
      auth: 'none',
      timestamp: now(),
      status: 0,
      faults: [],
      requestId,
      stream: false,
    });
    if (req.method !== 'GET') {
      answerError(res, record, methodNotAllowed(req.method ?? ''));
      return;
    }
    const secret = req.headers['x-identity-header'];
    if (typeof secret !== 'string' || !safeEqual(secret, identityHeader)) {
      record.auth = secret === undefined ? 'none' : 'invalid';
      answerError(res, record, {
        status: 401,
        body: {
          error: {
            code: 'UnauthorizedRequest',
            message: 'The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.',
          },
        },
      });
      return;
    }
    record.auth = 'identity-header';
    if (query['api-version'] !== IDENTITY_API_VERSION) {
      answerError(res, record, {
        status: 400,
        body: {
          error: {
            code: 'InvalidApiVersion',
            message: `The api-version '${query['api-version'] ?? ''}' is not supported. Use api-version=${IDENTITY_API_VERSION}.`,
          },
        },
      });
      return;
    }
    const resource = query.resource;
    if (resource === undefined || resource === '') {
      answerError(res, record, {
        status: 400,
        body: {
          error: {
            code: 'InvalidRequest',
            message: 'Required query parameter resource is missing.',
          },
        },
      });
      return;
    }
    const userId = query.client_id ?? query.clientid ?? query.object_id ?? query.mi_res_id;
    record.clientId = userId;
    if (userId !== undefined && !userAssigned.has(userId)) {
      answerError(res, record, {
        status: 400,
        body: {
          statusCode: 400,
          message: 'Unable to load the proper Managed Identity.',
          correlationId: requestId,
        },
      });
      return;
    }
    if (!faults.empty) {
      const fault = faults.select(undefined, [], TOKEN_FAULT_KINDS).get('token-endpoint-error');
      if (fault !== undefined && fault.spec.kind === 'token-endpoint-error') {
        fault.consume();
        record.faults.push('token-endpoint-error');
        const status = fault.spec.status ?? 500;
        answerError(res, record, {
          status,
          body: {
            error: {
              code: status >= 500 ? 'InternalServerError' : 'BadRequest',
              message: `The managed identity endpoint failed (emulated fault, status ${status}).`,
            },
          },
        });
        return;
      }
    }
    const { token, expiresOn } = tokens.issue({
      audience: resource,
      lifetimeSeconds: tokenLifetimeSeconds,
      clientId: userId,
    });
    tokenTotal += 1;
    const key = userId ?? 'system';
    tokenCounts.set(key, (tokenCounts.get(key) ?? 0) + 1);
    record.status = 200;
    sendJson(res, 200, {
      access_token: token,
      expires_on: String(expiresOn),
      resource: normalizeResource(resource),
      token_type: 'Bearer',
      client_id: userId ?? SYSTEM_CLIENT_ID,
    });
  };

  const handleResponses = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: Record<string, string>,
    surface: 'v1' | 'dated',
    pathDeployment: string | undefined,
    requestId: string,
    state: RequestState,
  ): Promise<void> => {
    const raw = await readBody(req);
    let body: unknown;
    let parseError: string | undefined;
    let rawText: string | undefined;
    if (raw !== 'too-large' && raw.length > 0) {
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch (error) {
        parseError = error instanceof Error ? error.message : String(error);
        rawText = text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
      }
    }
    const bodyObject =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : undefined;
    const deploymentName =
      pathDeployment ?? (typeof bodyObject?.model === 'string' ? bodyObject.model : undefined);
    const record = recorder.add({
      method: req.method ?? 'POST',
      path,
      query,
      headers: maskHeaders(req.headers),
      body,
      rawBody: rawText,
      surface,
      deployment: deploymentName,
      auth: 'none',
      timestamp: now(),
      status: 0,
      faults: [],
      requestId,
      stream: bodyObject?.stream === true,
    });
    if (req.method !== 'POST') return answerError(res, record, methodNotAllowed(req.method ?? ''));
    const apiVersion = query['api-version'];
    if (surface === 'dated') {
      if (apiVersion === undefined || apiVersion === '')
        return answerError(res, record, missingApiVersion());
      if (apiVersion.slice(0, 10) < MIN_DATED_API_VERSION) {
        return answerError(res, record, unsupportedApiVersion(apiVersion));
      }
    }
    const auth = authenticate(req, surface);
    record.auth = auth.method;
    record.clientId = auth.clientId;
    if (auth.error !== undefined) return answerError(res, record, auth.error);
    if (raw === 'too-large') {
      return answerError(res, record, {
        status: 413,
        body: {
          error: {
            code: 'RequestEntityTooLarge',
            message: `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
          },
        },
      });
    }
    if (parseError !== undefined) return answerError(res, record, invalidJson(parseError));
    if (bodyObject === undefined) {
      return answerError(
        res,
        record,
        invalidRequest('The request body must be a JSON object.', null, 'invalid_type'),
      );
    }
    if (deploymentName === undefined) {
      return answerError(
        res,
        record,
        invalidRequest(
          "Missing required parameter: 'model'.",
          'model',
          'missing_required_parameter',
        ),
      );
    }
    const deployment = Object.hasOwn(deployments, deploymentName)
      ? deployments[deploymentName]
      : undefined;
    if (deployment === undefined) return answerError(res, record, deploymentNotFound());

    let headerFaults: FaultSpec[] = [];
    const faultHeader = req.headers['x-emulator-fault'];
    if (typeof faultHeader === 'string' && faultHeader !== '') {
      try {
        const parsed: unknown = JSON.parse(faultHeader);
        headerFaults = (Array.isArray(parsed) ? parsed : [parsed]).map((spec, i) =>
          parseFaultSpec(spec, `x-emulator-fault[${i}]`),
        );
      } catch (error) {
        const message = EmulatorError.isInstance(error)
          ? `${error.message} ${error.fix}`
          : 'it is not valid JSON.';
        return answerError(
          res,
          record,
          invalidRequest(
            `Invalid x-emulator-fault header: ${message}`,
            null,
            'invalid_emulator_fault',
          ),
        );
      }
    }

    const ruleError = checkAzureRules(bodyObject, deployment);
    if (ruleError !== undefined) return answerError(res, record, ruleError);
    if (validateRequest !== undefined) {
      const hookError = runValidator(validateRequest, body);
      if (hookError !== undefined) return answerError(res, record, hookError);
    }
    const analysis = analyzeInput(bodyObject.input);
    if (analysis.reasoning.total > 0) record.reasoningInputs = analysis.reasoning;
    if (analysis.foreignReasoningId !== undefined) {
      return answerError(res, record, invalidEncryptedContent(analysis.foreignReasoningId));
    }
    if (bodyObject.store === false && analysis.reasoningWithoutContentId !== undefined) {
      return answerError(res, record, reasoningItemNotFound(analysis.reasoningWithoutContentId));
    }

    const selected: Map<FaultKind, SelectedFault> =
      faults.empty && headerFaults.length === 0
        ? new Map()
        : faults.select(deploymentName, headerFaults, RESPONSE_FAULT_KINDS);
    const use = <K extends FaultKind>(kind: K): Extract<FaultSpec, { kind: K }> | undefined => {
      const fault = selected.get(kind);
      if (fault === undefined) return undefined;
      fault.consume();
      record.faults.push(kind);
      return fault.spec as Extract<FaultSpec, { kind: K }>;
    };

    const latencyFault = use('latency');
    const delay = globalLatency + (deployment.latencyMs ?? 0) + (latencyFault?.ms ?? 0);
    if (delay > 0) {
      await sleep(delay, state);
      if (state.closed) return;
    }

    let terminal: FaultKind | undefined;
    for (const kind of selected.keys()) {
      if (TERMINAL_KINDS.has(kind)) {
        terminal = kind;
        break;
      }
    }
    if (terminal !== undefined) {
      const spec = use(terminal) as FaultSpec;
      switch (spec.kind) {
        case 'drop-connection':
          req.socket.destroy();
          return;
        case 'rate-limit':
          return answerError(
            res,
            record,
            rateLimited(spec.retryAfterMs ?? 1000, apiVersion ?? 'v1'),
          );
        case 'server-error':
          return answerError(res, record, serverError(spec.status ?? 500));
        case 'content-filter':
          return answerError(
            res,
            record,
            contentFiltered(spec.category ?? 'violence', spec.severity ?? 'high'),
          );
        case 'context-length-exceeded':
          return answerError(res, record, contextLengthExceeded());
        default:
          break;
      }
    }
    const incomplete = use('incomplete');
    const malformed = use('malformed-tool-arguments');
    const dropMidStream = use('drop-mid-stream');
    const streamError = use('stream-error');

    const reasoningOptions =
      typeof bodyObject.reasoning === 'object' && bodyObject.reasoning !== null
        ? (bodyObject.reasoning as Record<string, unknown>)
        : {};
    const reasoning = deployment.reasoning === true && reasoningOptions.effort !== 'none';
    const plan = planAnswer(bodyObject, analysis, reasoning);
    const response = buildResponse({
      ids,
      body: bodyObject,
      model: deployment.model,
      reasoning,
      plan,
      nowSeconds: Math.floor(now() / 1000),
      bodyBytes: raw.length,
      inputItemCount: analysis.itemCount,
      incompleteFault:
        incomplete === undefined ? undefined : (incomplete.reason ?? 'max_output_tokens'),
      malformedArguments: malformed !== undefined,
      contentFilters: includeContentFilters,
    });

    if (bodyObject.stream !== true) {
      if (dropMidStream !== undefined) {
        req.socket.destroy();
        return;
      }
      record.status = 200;
      sendJson(res, 200, response);
      return;
    }

    record.status = 200;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    const dropAfter = dropMidStream === undefined ? -1 : (dropMidStream.afterEvents ?? 3);
    const errorAfter = streamError === undefined ? -1 : (streamError.afterEvents ?? 3);
    const eventDelay = deployment.streamDelayMs ?? globalStreamDelay;
    // Without a per-event delay, events are written in batches of about 16 KB (one syscall
    // each, not one per delta); clients see the same bytes, cut at other places.
    let pending = '';
    const flush = async (): Promise<void> => {
      if (pending === '') return;
      const chunk = pending;
      pending = '';
      if (!res.write(chunk)) {
        await new Promise<void>(resolve => {
          res.once('drain', resolve);
          state.onClose.push(resolve);
        });
      }
    };
    let sequence = 0;
    for (const event of responseEvents(response)) {
      if (state.closed) return;
      if (sequence === dropAfter) {
        await flush();
        await new Promise<void>(resolve => res.write('', () => resolve()));
        req.socket.destroy();
        return;
      }
      if (sequence === errorAfter) {
        pending += formatSse(
          {
            type: 'error',
            code: 'server_error',
            message: STREAM_ERROR_MESSAGE,
            param: null,
            // The SDK's stream reader throws APIError on `error`; the spec's fields stay top-level.
            error: {
              type: 'server_error',
              code: 'server_error',
              message: STREAM_ERROR_MESSAGE,
              param: null,
            },
          },
          sequence,
        );
        res.end(pending);
        return;
      }
      if (eventDelay > 0 && sequence > 0) {
        await flush();
        await sleep(eventDelay, state);
        if (state.closed) return;
      }
      pending += formatSse(event, sequence);
      sequence += 1;
      if (pending.length >= 16_384 || sequence <= 2) await flush();
    }
    res.end(pending);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = ids.requestId();
    res.setHeader('apim-request-id', requestId);
    res.setHeader('x-request-id', requestId);
    const state: RequestState = { closed: false, onClose: [] };
    res.once('close', () => {
      state.closed = true;
      for (const fn of state.onClose) fn();
      state.onClose.length = 0;
    });
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query: Record<string, string> = {};
    if (q !== -1) {
      for (const [key, value] of new URLSearchParams(url.slice(q + 1))) query[key] = value;
    }
    if (path === '/openai/v1/responses') {
      return handleResponses(req, res, path, query, 'v1', undefined, requestId, state);
    }
    if (path === '/openai/responses') {
      return handleResponses(req, res, path, query, 'dated', undefined, requestId, state);
    }
    const match = DEPLOYMENT_PATH.exec(path);
    if (match !== null) {
      return handleResponses(
        req,
        res,
        path,
        query,
        'dated',
        decodeURIComponent(match[1] ?? ''),
        requestId,
        state,
      );
    }
    if (path === IDENTITY_PATH || path === `${IDENTITY_PATH}/`) {
      return handleIdentity(req, res, query, requestId);
    }
    req.resume();
    if (path === '/emulator/health' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok', deployments: Object.keys(deployments) });
      return;
    }
    const record = recorder.add({
      method: req.method ?? 'GET',
      path,
      query,
      headers: maskHeaders(req.headers),
      body: undefined,
      surface: 'other',
      auth: 'none',
      timestamp: now(),
      status: 0,
      faults: [],
      requestId,
      stream: false,
    });
    answerError(res, record, resourceNotFound());
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('emulator: request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) sendJson(res, 500, serverError(500).body);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new EmulatorError({
          message: `startEmulator: cannot listen on ${EMULATOR_HOST}:${port}: ${error.message}`,
          field: 'port',
          fix: 'Pass another port, or port: 0 for a free one.',
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, EMULATOR_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${EMULATOR_HOST}:${boundPort}`;
  const identityEndpoint = `${url}${IDENTITY_PATH}`;
  logger.info('emulator: listening', { url });

  let closing: Promise<void> | undefined;
  const emulator: Emulator = {
    url,
    port: boundPort,
    apiKey,
    identityEndpoint,
    identityHeader,
    deployments,
    recorder,
    env: () => ({
      AZURE_OPENAI_ENDPOINT: url,
      AZURE_OPENAI_API_KEY: apiKey,
      IDENTITY_ENDPOINT: identityEndpoint,
      IDENTITY_HEADER: identityHeader,
    }),
    tokenRequests: (clientId?: string) =>
      clientId === undefined ? tokenTotal : (tokenCounts.get(clientId) ?? 0),
    issueToken: (issueOptions: IssueTokenOptions = {}) =>
      tokens.issue({
        audience: issueOptions.audience ?? 'https://cognitiveservices.azure.com',
        lifetimeSeconds: issueOptions.lifetimeSeconds ?? tokenLifetimeSeconds,
        clientId: issueOptions.clientId,
      }).token,
    addFault: (fault: FaultSpec) => {
      faults.add(parseFaultSpec(fault));
    },
    clearFaults: () => {
      faults.clear();
    },
    resetFaults: () => {
      faults.clear();
      armInitial();
    },
    pendingFaults: () => faults.pending(),
    close: () => {
      closing ??= new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
      });
      return closing;
    },
  };
  const redacted = (): Record<string, string> => ({
    url,
    identityEndpoint,
    apiKey: '[REDACTED]',
    identityHeader: '[REDACTED]',
  });
  Object.defineProperty(emulator, 'toJSON', { enumerable: false, value: redacted });
  Object.defineProperty(emulator, inspect.custom, {
    enumerable: false,
    value: () => `Emulator ${inspect(redacted())}`,
  });
  return emulator;
}
