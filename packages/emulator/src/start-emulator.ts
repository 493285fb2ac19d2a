import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { resourceNotFound, serverError } from './azure-errors.js';
import {
  BackgroundResponses,
  handleBackgroundRoute,
  isBackgroundPath,
} from './background-responses.js';
import type { EmulatorContext } from './emulator-context.js';
import { EmulatorError } from './emulator-error.js';
import { resolveOptions } from './emulator-options.js';
import { FaultBook, parseFaultSpec } from './faults.js';
import { checkSubscriptionKey, gatewayNotFound, stripGatewayPrefix } from './gateway.js';
import type { RequestState } from './http-io.js';
import { answerError, sendJson, sleepFor } from './http-io.js';
import { handleIdentity, IDENTITY_PATH } from './identity-endpoint.js';
import { IdFactory } from './ids.js';
import { QuotaLimiter } from './quota-limiter.js';
import { maskHeaders, Recorder } from './recorder.js';
import { handleResponses } from './responses-endpoint.js';
import { TokenIssuer } from './token-issuer.js';
import type { Emulator, EmulatorOptions, FaultSpec, IssueTokenOptions } from './types.js';

/** The host the emulator always binds to. */
export const EMULATOR_HOST = '127.0.0.1';

const DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/responses$/;

/** Starts an emulated Azure OpenAI resource on 127.0.0.1; throws `EmulatorError` for bad options. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const { port, apiKey, identityHeader, deployments, tokenLifetimeSeconds, logger, now } = resolved;
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
  const timers = new Set<NodeJS.Timeout>();
  const ctx: EmulatorContext = {
    ...resolved,
    ids: new IdFactory(),
    tokens: new TokenIssuer(now),
    recorder: new Recorder(resolved.maxRecorded),
    faults,
    limiter: new QuotaLimiter(resolved.quotas, now),
    tokenStats: { total: 0, byClient: new Map() },
    storedResponses: new Map(),
    background: new BackgroundResponses(),
    timers,
    sleep: (ms: number, state: RequestState) => sleepFor(ms, state, timers),
  };
  const { ids, recorder, tokens } = ctx;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = ids.requestId();
    res.setHeader('apim-request-id', requestId);
    res.setHeader('x-request-id', requestId);
    const clientRequestId = req.headers['x-ms-client-request-id'];
    if (typeof clientRequestId === 'string')
      res.setHeader('x-ms-client-request-id', clientRequestId);
    const state: RequestState = { closed: false, onClose: [] };
    res.once('close', () => {
      state.closed = true;
      for (const fn of state.onClose) fn();
      state.onClose.length = 0;
    });
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path = q === -1 ? url : url.slice(0, q);
    const query: Record<string, string> = {};
    if (q !== -1) {
      for (const [key, value] of new URLSearchParams(url.slice(q + 1))) query[key] = value;
    }
    let viaGateway = false;
    const { gateway } = ctx;
    if (gateway !== undefined && path !== '/emulator/health' && !path.startsWith(IDENTITY_PATH)) {
      const below = stripGatewayPrefix(path, gateway);
      const refusal = below === undefined ? gatewayNotFound() : checkSubscriptionKey(req, gateway);
      if (refusal !== undefined) {
        req.resume();
        const record = recorder.add({
          method: req.method ?? 'GET',
          path,
          query,
          headers: maskHeaders(req.headers),
          body: undefined,
          surface: 'other',
          auth: 'invalid',
          timestamp: now(),
          status: 0,
          faults: [],
          requestId,
          stream: false,
        });
        return answerError(res, record, refusal);
      }
      path = below as string;
      viaGateway = true;
    }
    if (path === '/openai/v1/responses') {
      return handleResponses(
        ctx,
        req,
        res,
        { path, query, surface: 'v1', pathDeployment: undefined, viaGateway },
        requestId,
        state,
      );
    }
    if (path === '/openai/responses') {
      return handleResponses(
        ctx,
        req,
        res,
        { path, query, surface: 'dated', pathDeployment: undefined, viaGateway },
        requestId,
        state,
      );
    }
    const match = DEPLOYMENT_PATH.exec(path);
    if (match !== null) {
      return handleResponses(
        ctx,
        req,
        res,
        {
          path,
          query,
          surface: 'dated',
          pathDeployment: decodeURIComponent(match[1] ?? ''),
          viaGateway,
        },
        requestId,
        state,
      );
    }
    if (isBackgroundPath(path)) {
      return handleBackgroundRoute(ctx, req, res, path, query, requestId, viaGateway);
    }
    if (path === IDENTITY_PATH || path === `${IDENTITY_PATH}/`) {
      return handleIdentity(ctx, req, res, query, requestId);
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

  const load = { inFlight: 0, peak: 0 };
  const server: Server = createServer((req, res) => {
    load.inFlight++;
    load.peak = Math.max(load.peak, load.inFlight);
    res.once('close', () => load.inFlight--);
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
    endpoint: ctx.gateway === undefined ? url : `${url}${ctx.gateway.pathPrefix}`,
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
      clientId === undefined ? ctx.tokenStats.total : (ctx.tokenStats.byClient.get(clientId) ?? 0),
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
    forgetResponses: () => ctx.storedResponses.clear(),
    requestConcurrency: () => ({ inFlight: load.inFlight, peak: load.peak }),
    backgroundResponses: () => ctx.background.list(),
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
