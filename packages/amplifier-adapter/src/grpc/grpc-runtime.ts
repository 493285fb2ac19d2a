import { createRequire } from 'node:module';
import type * as GrpcJs from '@grpc/grpc-js';
import type * as ProtoLoader from '@grpc/proto-loader';

/**
 * Lazy, synchronous loaders for `@grpc/grpc-js` and `@grpc/proto-loader`.
 *
 * Both packages are CommonJS only and together take about 200 ms to load, so the barrel must not
 * import them: hosts that only call `mount()` in process never need them. They are `require`d on
 * first use (from `startGrpcServer`, `errorToStatus`, ...) through `createRequire(import.meta.url)`,
 * which works in the ESM build, the CommonJS build (tsup's `shims` provide `import.meta.url`) and
 * from source, and returns the same module instance an `import` would (the packages have no ESM
 * entry), so `Metadata` objects made here are the ones the server expects.
 */
let requireHere: NodeJS.Require | undefined;
let grpcModule: typeof GrpcJs | undefined;
let protoLoaderModule: typeof ProtoLoader | undefined;

function load(specifier: string): unknown {
  requireHere ??= createRequire(import.meta.url);
  return requireHere(specifier);
}

/** `@grpc/grpc-js`, loaded on first call. */
export function grpcJs(): typeof GrpcJs {
  grpcModule ??= load('@grpc/grpc-js') as typeof GrpcJs;
  return grpcModule;
}

/** `@grpc/proto-loader`, loaded on first call. */
export function protoLoader(): typeof ProtoLoader {
  protoLoaderModule ??= load('@grpc/proto-loader') as typeof ProtoLoader;
  return protoLoaderModule;
}
