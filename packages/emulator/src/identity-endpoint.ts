import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from './azure-errors.js';
import type { EmulatorContext } from './emulator-context.js';
import { answerError, safeEqual, sendJson } from './http-io.js';
import { maskHeaders } from './recorder.js';
import { normalizeResource, SYSTEM_CLIENT_ID } from './token-issuer.js';
import type { FaultKind } from './types.js';

/** Path of the App Service managed-identity endpoint. */
export const IDENTITY_PATH = '/msi/token';

/** The api-version the App Service managed-identity endpoint speaks. */
export const IDENTITY_API_VERSION = '2019-08-01';

const TOKEN_FAULT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['token-endpoint-error']);

/** Serves `GET /msi/token` like App Service's managed-identity endpoint (api-version 2019-08-01). */
export async function handleIdentity(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: Record<string, string>,
  requestId: string,
): Promise<void> {
  const {
    recorder,
    now,
    identityHeader,
    userAssigned,
    faults,
    tokens,
    tokenLifetimeSeconds,
    tokenStats,
  } = ctx;
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
  tokenStats.total += 1;
  const key = userId ?? 'system';
  tokenStats.byClient.set(key, (tokenStats.byClient.get(key) ?? 0) + 1);
  record.status = 200;
  sendJson(res, 200, {
    access_token: token,
    expires_on: String(expiresOn),
    resource: normalizeResource(resource),
    token_type: 'Bearer',
    client_id: userId ?? SYSTEM_CLIENT_ID,
  });
}
