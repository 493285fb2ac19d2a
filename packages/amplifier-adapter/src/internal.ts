/**
 * `amplifier-module-provider-azure-openai/internal`: the pieces the module is made of (proto
 * converters and types, gRPC status mapping, the stdio host), for the sibling packages of this
 * repository. NOT a stable API: names and signatures may change in any release, minor or patch.
 *
 * @packageDocumentation
 */
export { UNAUTHENTICATED_CALL_ERROR } from './grpc/call-authentication.js';
export { configJsonSchema } from './grpc/config-schema.js';
export {
  type ErrorToStatusOptions,
  errorToStatus,
  type GrpcErrorStatus,
  redactSecrets,
} from './grpc/error-to-status.js';
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
export { streamEventToProto } from './grpc/stream-event-to-proto.js';
export {
  type AmplifierErrorKind,
  type ProviderErrorData,
  toProviderErrorData,
} from './stdio/provider-error-data.js';
export {
  createStdioHost,
  STDIO_FORWARDED_EVENTS,
  type StdioHost,
  type StdioHostOptions,
} from './stdio/stdio-host.js';
