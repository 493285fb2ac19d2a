export { type AmplifierTomlOptions, renderAmplifierToml } from './amplifier-toml.js';
export { MODULE_ID, PACKAGE_NAME } from './grpc/lifecycle-service.js';
export { GrpcListenError } from './grpc/listen-error.js';
export { isLoopbackHost } from './grpc/loopback-host.js';
export {
  ProtoConversionError,
  type ProtoConversionErrorOptions,
} from './grpc/proto-conversion-error.js';
export { PROTO_FILE_NAME, protoPath } from './grpc/proto-path.js';
export { PROTO_LOADER_OPTIONS } from './grpc/proto-types.js';
export { NotMountedError } from './grpc/provider-host.js';
export {
  DEFAULT_GRACE_MS,
  DEFAULT_MAX_MESSAGE_BYTES,
  type GrpcServerHandle,
  type GrpcServerOptions,
  GrpcServerOptionsError,
  startGrpcServer,
} from './grpc/start-grpc-server.js';
export { type Logger, silentLogger } from './logger.js';
export type {
  ContributorCallback,
  HookEmitter,
  ModuleCoordinator,
  MountOptions,
} from './module-coordinator.js';
export { type MountCleanup, type MountModuleOptions, mount } from './mount.js';
export {
  OBSERVABILITY_EVENTS_CHANNEL,
  PROVIDER_EVENTS,
  PROVIDER_NAME,
  PROVIDERS_MOUNT_POINT,
} from './provider-events.js';
export type { EventSink, ProviderLike } from './provider-shapes.js';
export {
  SESSION_COST_CHANNEL,
  SESSION_COST_CONTRIBUTOR,
  type SessionCostContribution,
} from './session-cost.js';
export { type RunStdioHostOptions, runStdioHost } from './stdio/run-stdio-host.js';
export { VERSION } from './version.js';
