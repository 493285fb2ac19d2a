import * as grpc from '@grpc/grpc-js';
import * as protoLoaderModule from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { errorToStatus } from './error-to-status.js';
import { grpcJs, protoLoader } from './grpc-runtime.js';

describe('lazy gRPC loaders', () => {
  it('return the same module instances an import gives (so Metadata is the class grpc-js checks)', () => {
    expect(grpcJs().Metadata).toBe(grpc.Metadata);
    expect(grpcJs().Server).toBe(grpc.Server);
    expect(protoLoader().loadSync).toBe(protoLoaderModule.loadSync);
    expect(errorToStatus(new Error('x')).metadata).toBeInstanceOf(grpc.Metadata);
  });

  it('errorToStatus uses the status codes of grpc-js', () => {
    expect(errorToStatus({ name: 'AuthenticationError', message: 'no' }).code).toBe(
      grpc.status.UNAUTHENTICATED,
    );
    expect(errorToStatus({ name: 'RateLimitError', message: 'slow' }).code).toBe(
      grpc.status.RESOURCE_EXHAUSTED,
    );
    expect(errorToStatus({ name: 'Whatever', message: '?' }).code).toBe(grpc.status.INTERNAL);
  });
});
