/**
 * TypeScript views of the `amplifier.module` proto messages this package serves, as
 * `@grpc/proto-loader` presents them with `keepCase`, `enums: String`, `longs: Number`,
 * `defaults: true` and `oneofs: true` (see {@link PROTO_LOADER_OPTIONS}). Fields are optional
 * because a message being built may leave them unset (proto3 default).
 */

/** `amplifier.module.Role` names. */
export type ProtoRole =
  | 'ROLE_UNSPECIFIED'
  | 'ROLE_SYSTEM'
  | 'ROLE_USER'
  | 'ROLE_ASSISTANT'
  | 'ROLE_TOOL'
  | 'ROLE_FUNCTION'
  | 'ROLE_DEVELOPER';

/** `amplifier.module.Visibility` names. */
export type ProtoVisibility =
  | 'VISIBILITY_UNSPECIFIED'
  | 'VISIBILITY_ALL'
  | 'VISIBILITY_LLM_ONLY'
  | 'VISIBILITY_USER_ONLY';

/** `amplifier.module.ConfigFieldType` names. */
export type ProtoConfigFieldType =
  | 'CONFIG_FIELD_TYPE_UNSPECIFIED'
  | 'CONFIG_FIELD_TYPE_STRING'
  | 'CONFIG_FIELD_TYPE_NUMBER'
  | 'CONFIG_FIELD_TYPE_BOOLEAN'
  | 'CONFIG_FIELD_TYPE_SECRET';

/** `amplifier.module.HealthStatus` names. */
export type ProtoHealthStatus =
  | 'HEALTH_STATUS_UNSPECIFIED'
  | 'HEALTH_STATUS_SERVING'
  | 'HEALTH_STATUS_NOT_SERVING'
  | 'HEALTH_STATUS_UNKNOWN';

/** `amplifier.module.ContentBlock`. Exactly one block field is set. */
export interface ProtoContentBlock {
  text_block?: { text?: string } | null | undefined;
  thinking_block?: { thinking?: string; signature?: string; content?: string } | null | undefined;
  redacted_thinking_block?: { data?: string } | null | undefined;
  tool_call_block?: { id?: string; name?: string; input_json?: string } | null | undefined;
  tool_result_block?: { tool_call_id?: string; output_json?: string } | null | undefined;
  image_block?:
    | { media_type?: string; data?: Uint8Array | string; source_json?: string }
    | null
    | undefined;
  reasoning_block?: { content?: string[]; summary?: string[] } | null | undefined;
  visibility?: ProtoVisibility | number | undefined;
  /** Name of the set `block` field (decoded messages only). */
  block?: string | undefined;
}

/** `amplifier.module.Message`. */
export interface ProtoMessage {
  role?: ProtoRole | number | undefined;
  text_content?: string | null | undefined;
  block_content?: { blocks?: ProtoContentBlock[] } | null | undefined;
  name?: string | undefined;
  tool_call_id?: string | undefined;
  metadata_json?: string | undefined;
  /** Name of the set `content` field (decoded messages only). */
  content?: string | undefined;
}

/** `amplifier.module.ToolSpecProto`. */
export interface ProtoToolSpec {
  name?: string | undefined;
  description?: string | undefined;
  parameters_json?: string | undefined;
}

/** `amplifier.module.ResponseFormat`. */
export interface ProtoResponseFormat {
  text?: boolean | null | undefined;
  json?: boolean | null | undefined;
  json_schema?: { schema_json?: string; strict?: boolean } | null | undefined;
  /** Name of the set `format` field (decoded messages only). */
  format?: string | undefined;
}

/** `amplifier.module.ChatRequest`. */
export interface ProtoChatRequest {
  messages?: ProtoMessage[] | undefined;
  tools?: ProtoToolSpec[] | undefined;
  response_format?: ProtoResponseFormat | null | undefined;
  temperature?: number | undefined;
  top_p?: number | undefined;
  max_output_tokens?: number | undefined;
  conversation_id?: string | undefined;
  stream?: boolean | undefined;
  metadata_json?: string | undefined;
  model?: string | undefined;
  tool_choice?: string | undefined;
  stop?: string[] | undefined;
  reasoning_effort?: string | undefined;
  timeout?: number | undefined;
}

/** `amplifier.module.ToolCallMessage`. */
export interface ProtoToolCall {
  id?: string | undefined;
  name?: string | undefined;
  arguments_json?: string | undefined;
}

/** `amplifier.module.Usage`. */
export interface ProtoUsage {
  prompt_tokens?: number | undefined;
  completion_tokens?: number | undefined;
  total_tokens?: number | undefined;
  reasoning_tokens?: number | null | undefined;
  cache_read_tokens?: number | null | undefined;
  cache_creation_tokens?: number | null | undefined;
}

/** `amplifier.module.Degradation`. */
export interface ProtoDegradation {
  requested?: string | undefined;
  actual?: string | undefined;
  reason?: string | undefined;
}

/** `amplifier.module.ChatResponse`. */
export interface ProtoChatResponse {
  content?: string | undefined;
  tool_calls?: ProtoToolCall[] | undefined;
  usage?: ProtoUsage | null | undefined;
  degradation?: ProtoDegradation | null | undefined;
  finish_reason?: string | undefined;
  metadata_json?: string | undefined;
  content_blocks?: ProtoContentBlock[] | undefined;
}

/** `amplifier.module.ModelInfo`. */
export interface ProtoModelInfo {
  id: string;
  display_name: string;
  context_window: number;
  max_output_tokens: number;
  capabilities: string[];
  defaults_json: string;
}

/** `amplifier.module.ConfigField`. */
export interface ProtoConfigField {
  id: string;
  display_name: string;
  field_type: ProtoConfigFieldType;
  prompt: string;
  env_var: string;
  choices: string[];
  required: boolean;
  default_value: string;
  show_when: Record<string, string>;
  requires_model: boolean;
}

/** `amplifier.module.ProviderInfo`. */
export interface ProtoProviderInfo {
  id: string;
  display_name: string;
  credential_env_vars: string[];
  capabilities: string[];
  defaults_json: string;
  config_fields: ProtoConfigField[];
}

/** `amplifier.module.ModuleInfo`. */
export interface ProtoModuleInfo {
  id: string;
  name: string;
  version: string;
  module_type: 'MODULE_TYPE_PROVIDER';
  mount_point: string;
  description: string;
  config_schema_json: string;
  capabilities: string[];
  author: string;
}

/** `amplifier.module.MountRequest`. */
export interface ProtoMountRequest {
  config?: Record<string, string> | undefined;
  module_id?: string | undefined;
}

/** `amplifier.module.MountResponse`. */
export interface ProtoMountResponse {
  success: boolean;
  error: string;
  status: ProtoHealthStatus;
}

/** `amplifier.module.HealthCheckResponse`. */
export interface ProtoHealthCheckResponse {
  status: ProtoHealthStatus;
  message: string;
}

/** `@grpc/proto-loader` options the server loads its proto with (and the shapes above assume). */
export const PROTO_LOADER_OPTIONS = Object.freeze({
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
