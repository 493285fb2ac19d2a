import { timingSafeEqual } from 'node:crypto';
import type {
  Metadata,
  ServerUnaryCall,
  ServerWritableStream,
  ServiceDefinition,
  sendUnaryData,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { GrpcErrorStatus } from './error-to-status.js';
import { grpcJs } from './grpc-runtime.js';

/** The error name sent in `x-error-name` when a call lacks the right bearer token. */
export const UNAUTHENTICATED_CALL_ERROR = 'UnauthenticatedCallError';

/** Options of {@link authenticateCalls}. */
export interface CallAuthenticationOptions {
  /** The bearer token every call must carry (`authorization: Bearer <token>`). */
  token: string;
  /** Methods (by name, e.g. `Complete`) that may be called without the token. */
  open?: ReadonlySet<string> | undefined;
}

/** What is wrong with the call's credentials, or `undefined` when it carries the token. */
function problemOf(metadata: Metadata, expected: Buffer): string | undefined {
  const values = metadata.get('authorization');
  if (values.length === 0) return 'the call has no `authorization` metadata';
  if (values.length > 1) return 'the call has more than one `authorization` metadata entry';
  const value = values[0];
  const text = typeof value === 'string' ? value : (value?.toString('utf8') ?? '');
  const match = /^Bearer ([^\s]+)$/i.exec(text.trim());
  if (match === null) return 'the `authorization` metadata is not of the form `Bearer <token>`';
  const given = Buffer.from(match[1] ?? '', 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'the bearer token is wrong';
  }
  return undefined;
}

function unauthenticated(method: string, problem: string): GrpcErrorStatus {
  const { Metadata: MetadataClass, status } = grpcJs();
  const metadata = new MetadataClass();
  metadata.set('x-error-name', UNAUTHENTICATED_CALL_ERROR);
  const details =
    `${UNAUTHENTICATED_CALL_ERROR}: ${method} refused: ${problem}. Send the server's token as ` +
    'gRPC metadata `authorization: Bearer <token>` (serve: AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN or --token-file).';
  return { code: status.UNAUTHENTICATED, details, message: details, metadata };
}

/**
 * Returns a copy of `implementation` whose handlers answer `UNAUTHENTICATED` (metadata
 * `x-error-name: UnauthenticatedCallError`) unless the call carries `authorization: Bearer
 * <token>` (compared in constant time). Methods named in `open` are passed through untouched.
 * The token is never echoed. Unary and server-streaming handlers are wrapped.
 */
export function authenticateCalls(
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
  options: CallAuthenticationOptions,
): UntypedServiceImplementation {
  const expected = Buffer.from(options.token, 'utf8');
  const wrapped: UntypedServiceImplementation = { ...implementation };
  for (const [name, method] of Object.entries(definition)) {
    const handler = implementation[name];
    if (handler === undefined || options.open?.has(name)) continue;
    if (method.responseStream && !method.requestStream) {
      const streaming = handler as (call: ServerWritableStream<unknown, unknown>) => void;
      wrapped[name] = ((call: ServerWritableStream<unknown, unknown>) => {
        const problem = problemOf(call.metadata, expected);
        if (problem === undefined) streaming(call);
        else call.emit('error', unauthenticated(name, problem));
      }) as UntypedHandleCall;
    } else if (!method.responseStream && !method.requestStream) {
      const unary = handler as (
        call: ServerUnaryCall<unknown, unknown>,
        callback: sendUnaryData<unknown>,
      ) => void;
      wrapped[name] = ((
        call: ServerUnaryCall<unknown, unknown>,
        callback: sendUnaryData<unknown>,
      ) => {
        const problem = problemOf(call.metadata, expected);
        if (problem === undefined) unary(call, callback);
        else callback(unauthenticated(name, problem), null);
      }) as UntypedHandleCall;
    } else {
      throw new Error(`authenticateCalls: ${name} streams requests; it is not supported.`);
    }
  }
  return wrapped;
}
