import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './authenticate.js';
import {
  contentFiltered,
  contextLengthExceeded,
  deploymentNotFound,
  invalidEncryptedContent,
  invalidJson,
  invalidRequest,
  methodNotAllowed,
  missingApiVersion,
  previousResponseNotFound,
  rateLimited,
  reasoningItemNotFound,
  serverError,
  unsupportedApiVersion,
} from './azure-errors.js';
import { checkBackgroundRequest } from './background-request.js';
import { outputText } from './continuation.js';
import type { EmulatorContext } from './emulator-context.js';
import { EmulatorError } from './emulator-error.js';
import type { SelectedFault } from './faults.js';
import { parseFaultSpec, TERMINAL_KINDS } from './faults.js';
import { planHostedItems } from './hosted-tools.js';
import type { RequestState } from './http-io.js';
import { answerError, MAX_BODY_BYTES, readBody, sendJson } from './http-io.js';
import { ISSUED_ITEMS } from './item-registry.js';
import { analyzeInput, planAnswer } from './model.js';
import { maskHeaders } from './recorder.js';
import { checkAzureRules } from './request-rules.js';
import { buildResponse } from './response-builder.js';
import { formatSse, responseEvents } from './stream-events.js';
import { streamFailureEvents } from './stream-failure-events.js';
import type { FaultKind, FaultSpec } from './types.js';
import { runValidator } from './validation-hook.js';

const MIN_DATED_API_VERSION = '2025-03-01';
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

/** Stored response ids remembered per emulator; the oldest are forgotten first. */
const MAX_STORED_RESPONSES = 100_000;

/** Where a Responses request arrived. */
export interface ResponsesRoute {
  path: string;
  query: Record<string, string>;
  surface: 'v1' | 'dated';
  /** The deployment named by the path (`/openai/deployments/{name}/responses`), if any. */
  pathDeployment: string | undefined;
  /** Came through the gateway mode with a valid subscription key. */
  viaGateway?: boolean | undefined;
}

/** Serves `POST .../responses`: checks, faults, the deterministic answer, JSON or SSE. */
export async function handleResponses(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ResponsesRoute,
  requestId: string,
  state: RequestState,
): Promise<void> {
  const { path, query, surface, pathDeployment } = route;
  const {
    recorder,
    now,
    deployments,
    faults,
    validateRequest,
    globalLatency,
    globalStreamDelay,
    ids,
    includeContentFilters,
  } = ctx;
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
  // Behind a gateway, a request without its own credential uses the gateway's (APIM's identity).
  const auth =
    route.viaGateway === true &&
    req.headers['api-key'] === undefined &&
    req.headers.authorization === undefined
      ? { method: 'apim-subscription-key' as const }
      : authenticate(ctx, req, surface);
  record.auth = auth.method;
  record.clientId = auth.clientId;
  if (auth.fault !== undefined) record.faults.push(auth.fault);
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
      invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter'),
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
  const backgroundError = checkBackgroundRequest(bodyObject);
  if (backgroundError !== undefined) return answerError(res, record, backgroundError);
  const store = bodyObject.store !== false;
  const pairingError = ISSUED_ITEMS.check(bodyObject.input, store);
  if (pairingError !== undefined) return answerError(res, record, pairingError);
  const previousResponseId = bodyObject.previous_response_id;
  if (
    typeof previousResponseId === 'string' &&
    previousResponseId !== '' &&
    !ctx.storedResponses.has(previousResponseId)
  ) {
    return answerError(res, record, previousResponseNotFound(previousResponseId));
  }

  if (!ctx.limiter.empty) {
    const quota = ctx.limiter.admit(deploymentName, bodyObject, apiVersion ?? 'v1');
    if (quota.refusal !== undefined) return answerError(res, record, quota.refusal);
    for (const [name, value] of Object.entries(quota.headers)) res.setHeader(name, value);
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
    await ctx.sleep(delay, state);
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
          rateLimited(spec.retryAfterMs ?? 1000, apiVersion ?? 'v1', spec),
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
  // Chained with no new user message: go on from what the stored response was asked and said.
  const transcript =
    typeof previousResponseId === 'string'
      ? ctx.storedResponses.get(previousResponseId)
      : undefined;
  if (transcript !== undefined && !analysis.hasUserMessage) {
    analysis.lastUserText = transcript.userText;
    analysis.trailingAssistantText = transcript.said + analysis.trailingAssistantText;
  }
  const plan = planAnswer(bodyObject, analysis, reasoning);
  const hosted =
    plan.calls.length === 0 && analysis.trailingOutputs.length === 0
      ? planHostedItems(bodyObject, analysis.lastUserText, ids)
      : undefined;
  if (hosted !== undefined) {
    plan.text = hosted.awaitingApproval ? undefined : `${hosted.note} ${plan.text ?? ''}`.trim();
  }
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
    hostedItems: hosted?.items,
  });
  ISSUED_ITEMS.remember(response.output);
  if (store) {
    ctx.storedResponses.set(response.id, {
      userText: analysis.lastUserText,
      said:
        (plan.continues === true ? analysis.trailingAssistantText : '') +
        outputText(response.output),
    });
    if (ctx.storedResponses.size > MAX_STORED_RESPONSES) {
      const oldest = ctx.storedResponses.keys().next().value;
      if (oldest !== undefined) ctx.storedResponses.delete(oldest);
    }
  }

  if (bodyObject.background === true) {
    record.status = 200;
    const polls = deployment.backgroundPolls ?? ctx.backgroundPolls;
    sendJson(
      res,
      200,
      ctx.background.start(response, deploymentName, polls, deployment.backgroundFailure),
    );
    return;
  }
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
    if (sequence === errorAfter && streamError !== undefined) {
      for (const failure of streamFailureEvents(streamError, response)) {
        pending += formatSse(failure, sequence);
        sequence += 1;
      }
      res.end(pending);
      return;
    }
    if (eventDelay > 0 && sequence > 0) {
      await flush();
      await ctx.sleep(eventDelay, state);
      if (state.closed) return;
    }
    pending += formatSse(event, sequence);
    sequence += 1;
    if (pending.length >= 16_384 || sequence <= 2) await flush();
  }
  res.end(pending);
}
