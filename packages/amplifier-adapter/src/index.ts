export { type AmplifierTomlOptions, renderAmplifierToml } from './amplifier-toml.js';
export { UNAUTHENTICATED_CALL_ERROR } from './grpc/call-authentication.js';
export { configJsonSchema } from './grpc/config-schema.js';
export {
  type ErrorToStatusOptions,
  errorToStatus,
  type GrpcErrorStatus,
  redactSecrets,
} from './grpc/error-to-status.js';
export { MODULE_ID, PACKAGE_NAME } from './grpc/lifecycle-service.js';
export { GrpcListenError } from './grpc/listen-error.js';
export { isLoopbackHost } from './grpc/loopback-host.js';
export { CONFIG_JSON_KEY, mountConfigToNative } from './grpc/mount-config.js';
export {
  nativeChatResponseToProto,
  nativeConfigFieldToProto,
  nativeContentBlockToProto,
  nativeModelInfoToProto,
  nativeProviderInfoToProto,
  nativeToolCallToProto,
  nativeUsageToProto,
} from './grpc/native-to-proto.js';
export {
  ProtoConversionError,
  type ProtoConversionErrorOptions,
} from './grpc/proto-conversion-error.js';
export { PROTO_FILE_NAME, protoPath } from './grpc/proto-path.js';
export {
  parseJsonField,
  protoChatRequestToNative,
  protoChatResponseToNative,
  protoContentBlockToNative,
  protoMessageToNative,
  protoRoleToNative,
  protoToolCallToNative,
  protoUsageToNative,
} from './grpc/proto-to-native.js';
export type {
  ProtoChatRequest,
  ProtoChatResponse,
  ProtoConfigField,
  ProtoConfigFieldType,
  ProtoContentBlock,
  ProtoDegradation,
  ProtoHealthCheckResponse,
  ProtoHealthStatus,
  ProtoMessage,
  ProtoModelInfo,
  ProtoModuleInfo,
  ProtoMountRequest,
  ProtoMountResponse,
  ProtoProviderInfo,
  ProtoResponseFormat,
  ProtoRole,
  ProtoToolCall,
  ProtoToolSpec,
  ProtoUsage,
  ProtoVisibility,
} from './grpc/proto-types.js';
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
export { streamEventToProto } from './grpc/stream-event-to-proto.js';
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
  type AmplifierErrorKind,
  type ProviderErrorData,
  toProviderErrorData,
} from './stdio/provider-error-data.js';
export { type RunStdioHostOptions, runStdioHost } from './stdio/run-stdio-host.js';
export {
  createStdioHost,
  STDIO_FORWARDED_EVENTS,
  type StdioHost,
  type StdioHostOptions,
} from './stdio/stdio-host.js';
export {
  createTestCoordinator,
  type RecordedEvent,
  type TestCoordinator,
  type TestHookHandler,
  type TestHooks,
} from './test-coordinator.js';
export { VERSION } from './version.js';
