import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorAnswer } from './azure-errors.js';
import { EmulatorError } from './emulator-error.js';
import type { GatewayOptions } from './types.js';

/** The gateway mode after checking: a normalized prefix (`/my-prefix`) and the key. */
export interface ResolvedGateway {
  pathPrefix: string;
  subscriptionKey: string;
}

/** The header API Management reads the subscription key from. */
export const SUBSCRIPTION_KEY_HEADER = 'ocp-apim-subscription-key';

/** Checks the `gateway` option (throws `EmulatorError` naming the field). */
export function resolveGateway(gateway: GatewayOptions | undefined): ResolvedGateway | undefined {
  if (gateway === undefined) return undefined;
  const fail = (field: string, message: string, fix: string) =>
    new EmulatorError({ message: `startEmulator: ${message}`, field, fix });
  if (typeof gateway !== 'object' || gateway === null) {
    throw fail(
      'gateway',
      'gateway must be { pathPrefix, subscriptionKey }.',
      "Pass e.g. gateway: { pathPrefix: '/my-prefix', subscriptionKey: 'key' }.",
    );
  }
  const prefix = typeof gateway.pathPrefix === 'string' ? gateway.pathPrefix.trim() : '';
  const normalized = `/${prefix.replace(/^\/+|\/+$/g, '')}`;
  if (normalized === '/' || !/^\/[A-Za-z0-9._~\-/]+$/.test(normalized)) {
    throw fail(
      'gateway.pathPrefix',
      'gateway.pathPrefix must be a non-empty URL path such as /my-prefix.',
      "Pass e.g. pathPrefix: '/my-prefix'.",
    );
  }
  if (typeof gateway.subscriptionKey !== 'string' || gateway.subscriptionKey.trim() === '') {
    throw fail(
      'gateway.subscriptionKey',
      'gateway.subscriptionKey must be a non-empty string.',
      "Pass e.g. subscriptionKey: 'my-subscription-key'.",
    );
  }
  return { pathPrefix: normalized, subscriptionKey: gateway.subscriptionKey };
}

/** The path below the gateway prefix, or `undefined` when the path is not under it. */
export function stripGatewayPrefix(path: string, gateway: ResolvedGateway): string | undefined {
  if (path === gateway.pathPrefix) return '/';
  return path.startsWith(`${gateway.pathPrefix}/`)
    ? path.slice(gateway.pathPrefix.length)
    : undefined;
}

function apimError(status: number, message: string): ErrorAnswer {
  return { status, body: { statusCode: status, message } };
}

/** API Management's 404 for a path no API is published under. */
export function gatewayNotFound(): ErrorAnswer {
  return apimError(404, 'Resource not found');
}

/** API Management's subscription-key check: the 401 to answer, or `undefined` when the key is right. */
export function checkSubscriptionKey(
  req: IncomingMessage,
  gateway: ResolvedGateway,
): ErrorAnswer | undefined {
  const given = req.headers[SUBSCRIPTION_KEY_HEADER];
  if (typeof given !== 'string' || given === '') {
    return apimError(
      401,
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    );
  }
  const a = Buffer.from(given);
  const b = Buffer.from(gateway.subscriptionKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return apimError(
      401,
      'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    );
  }
  return undefined;
}
