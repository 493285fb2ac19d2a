import type {
  MethodDefinition,
  ServerUnaryCall,
  ServerWritableStream,
  ServiceDefinition,
  sendUnaryData,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { errorToStatus } from './error-to-status.js';

const DECODE_FAILURE = Symbol('amplifier-azure-openai.request-decode-failure');

/** What a guarded `requestDeserialize` returns instead of throwing. */
interface DecodeFailure {
  readonly [DECODE_FAILURE]: string;
}

function isDecodeFailure(value: unknown): value is DecodeFailure {
  return typeof value === 'object' && value !== null && DECODE_FAILURE in value;
}

type AnyMethod = MethodDefinition<unknown, unknown>;

/** `amplifier.module.ChatRequest` from proto-loader's `requestType`, else a description from the path. */
function requestTypeName(method: AnyMethod): string {
  const type = (method as { requestType?: { type?: { name?: unknown } } }).requestType?.type;
  const name = type?.name;
  if (typeof name !== 'string' || name === '') return `the request of ${method.path}`;
  // path: /<package>.<Service>/<Method>
  const service = method.path.split('/')[1] ?? '';
  const pkg = service.includes('.') ? service.slice(0, service.lastIndexOf('.')) : '';
  return pkg === '' ? name : `${pkg}.${name}`;
}

function decodeErrorStatus(failure: DecodeFailure) {
  return errorToStatus({ name: 'ProtoConversionError', message: failure[DECODE_FAILURE] });
}

function guardDeserialize(method: AnyMethod): AnyMethod['requestDeserialize'] {
  const deserialize = method.requestDeserialize;
  const typeName = requestTypeName(method);
  return (bytes: Buffer) => {
    try {
      return deserialize(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failure: DecodeFailure = {
        [DECODE_FAILURE]:
          `request could not be decoded as ${typeName}: ${reason}. ` +
          `Send a message serialized from amplifier_module.proto.`,
      };
      return failure;
    }
  };
}

function guardHandler(method: AnyMethod, handler: UntypedHandleCall): UntypedHandleCall {
  if (method.responseStream) {
    const streaming = handler as (call: ServerWritableStream<unknown, unknown>) => void;
    return ((call: ServerWritableStream<unknown, unknown>) => {
      if (isDecodeFailure(call.request)) call.emit('error', decodeErrorStatus(call.request));
      else streaming(call);
    }) as UntypedHandleCall;
  }
  const unary = handler as (
    call: ServerUnaryCall<unknown, unknown>,
    callback: sendUnaryData<unknown>,
  ) => void;
  return ((call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    if (isDecodeFailure(call.request)) callback(decodeErrorStatus(call.request), null);
    else unary(call, callback);
  }) as UntypedHandleCall;
}

/**
 * Returns copies of a service definition and its implementation in which request bytes that do
 * not decode as the method's request message are answered `INVALID_ARGUMENT`
 * (`ProtoConversionError: request could not be decoded as <MessageType>: <reason>`, metadata
 * `x-error-name: ProtoConversionError`) instead of grpc-js's `INTERNAL` "Error deserializing
 * request". Applies to unary and server-streaming methods (the ones with a single request);
 * client-streaming methods keep grpc-js's behaviour. Valid requests cost one `try` and one
 * property check. The inputs are not modified.
 */
export function guardRequestDecoding(
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
): [ServiceDefinition, UntypedServiceImplementation] {
  const guardedDefinition: Record<string, AnyMethod> = {};
  const guardedImplementation: UntypedServiceImplementation = { ...implementation };
  for (const [name, value] of Object.entries(definition)) {
    const method = value as AnyMethod;
    const originalName = (method as { originalName?: unknown }).originalName;
    const handler =
      implementation[name] ??
      (typeof originalName === 'string' ? implementation[originalName] : undefined);
    if (method.requestStream || handler === undefined) {
      guardedDefinition[name] = method;
      continue;
    }
    guardedDefinition[name] = { ...method, requestDeserialize: guardDeserialize(method) };
    guardedImplementation[name] = guardHandler(method, handler);
  }
  return [guardedDefinition as ServiceDefinition, guardedImplementation];
}
