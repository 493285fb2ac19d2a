import type {
  ServerUnaryCall,
  ServiceDefinition,
  sendUnaryData,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { describe, expect, it, vi } from 'vitest';
import { guardRequestDecoding } from './guard-request-decoding.js';
import { loadServiceDefinitions } from './load-proto.js';

type Unary = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => void;

function setup() {
  const { moduleLifecycle } = loadServiceDefinitions();
  const handler = vi.fn<Unary>((_call, callback) => callback(null, {}));
  const implementation: UntypedServiceImplementation = { Mount: handler };
  const [definition, guarded] = guardRequestDecoding(moduleLifecycle, implementation);
  return { moduleLifecycle, implementation, handler, definition, guarded };
}

function method(definition: ServiceDefinition, name: string) {
  const value = definition[name];
  if (value === undefined) throw new Error(`no ${name}`);
  return value;
}

describe('guardRequestDecoding', () => {
  it('passes valid requests through to the handler unchanged', () => {
    const { definition, guarded, handler } = setup();
    const mount = method(definition, 'Mount');
    const request = mount.requestDeserialize(Buffer.alloc(0));
    const callback = vi.fn();
    (guarded.Mount as Unary)({ request } as ServerUnaryCall<unknown, unknown>, callback);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]?.[0].request).toBe(request);
    expect(callback).toHaveBeenCalledWith(null, {});
  });

  it('turns a decode failure into INVALID_ARGUMENT without calling the handler', () => {
    const { definition, guarded, handler } = setup();
    const request = method(definition, 'Mount').requestDeserialize(Buffer.from([0xff, 0xff]));
    const callback = vi.fn();
    (guarded.Mount as Unary)({ request } as ServerUnaryCall<unknown, unknown>, callback);
    expect(handler).not.toHaveBeenCalled();
    const [error, value] = callback.mock.calls[0] ?? [];
    expect(value).toBeNull();
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(
      /^ProtoConversionError: request could not be decoded as amplifier\.module\.MountRequest: /,
    );
    expect(error.metadata.get('x-error-name')).toEqual(['ProtoConversionError']);
  });

  it('leaves its inputs untouched and methods without a handler unwrapped', () => {
    const { moduleLifecycle, implementation, handler, definition, guarded } = setup();
    expect(implementation.Mount).toBe(handler);
    expect(() =>
      method(moduleLifecycle, 'Mount').requestDeserialize(Buffer.from([0xff, 0xff])),
    ).toThrow();
    expect(method(definition, 'HealthCheck')).toBe(method(moduleLifecycle, 'HealthCheck'));
    expect(guarded.HealthCheck).toBeUndefined();
  });
});
