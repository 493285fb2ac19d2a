import type {
  ChatResponse,
  ConfigField,
  ContentBlock,
  ImageSource,
  ModelInfo,
  ProviderInfo,
  ToolCall,
  Usage,
  Visibility,
} from '../provider-shapes.js';
import type {
  ProtoChatResponse,
  ProtoConfigField,
  ProtoConfigFieldType,
  ProtoContentBlock,
  ProtoModelInfo,
  ProtoProviderInfo,
  ProtoToolCall,
  ProtoUsage,
  ProtoVisibility,
} from './proto-types.js';
import { toolArgumentsToProto } from './tool-arguments.js';

/*
 * Native Amplifier shapes -> gRPC (amplifier.module proto), mirroring the kernel's conversions:
 * objects travel as JSON in `*_json` fields, unset optionals as 0 / "" (proto3), int32 counts are
 * clamped, and the response's legacy `content` field carries the native blocks as a JSON array
 * (what kernels that predate `content_blocks` read) next to the typed `content_blocks`.
 */

const INT32_MAX = 2_147_483_647;

const VISIBILITIES: Readonly<Record<Visibility, ProtoVisibility>> = {
  internal: 'VISIBILITY_LLM_ONLY',
  developer: 'VISIBILITY_ALL',
  user: 'VISIBILITY_USER_ONLY',
};

const FIELD_TYPES: Readonly<Record<string, ProtoConfigFieldType>> = {
  text: 'CONFIG_FIELD_TYPE_STRING',
  string: 'CONFIG_FIELD_TYPE_STRING',
  choice: 'CONFIG_FIELD_TYPE_STRING',
  url: 'CONFIG_FIELD_TYPE_STRING',
  secret: 'CONFIG_FIELD_TYPE_SECRET',
  boolean: 'CONFIG_FIELD_TYPE_BOOLEAN',
  number: 'CONFIG_FIELD_TYPE_NUMBER',
  integer: 'CONFIG_FIELD_TYPE_NUMBER',
};

/** Clamps a count to a non-negative int32 (proto `int32` fields). */
export function toInt32(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(Math.trunc(value), INT32_MAX);
}

function json(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function visibilityToProto(visibility: unknown): ProtoVisibility {
  return typeof visibility === 'string' && visibility in VISIBILITIES
    ? VISIBILITIES[visibility as Visibility]
    : 'VISIBILITY_UNSPECIFIED';
}

function imageBytes(source: ImageSource): Buffer {
  return source.type === 'base64' && typeof source.data === 'string'
    ? Buffer.from(source.data, 'base64')
    : Buffer.alloc(0);
}

/**
 * Converts a native content block to a proto `ContentBlock`; `undefined` for a block type the
 * proto has no message for (it still travels in the response's JSON `content` field).
 */
export function nativeContentBlockToProto(block: ContentBlock): ProtoContentBlock | undefined {
  const visibility = visibilityToProto(block.visibility);
  switch (block.type) {
    case 'text':
      return { text_block: { text: block.text }, visibility };
    case 'thinking':
      return {
        thinking_block: {
          thinking: block.thinking,
          signature: block.signature ?? '',
          content: json(block.content),
        },
        visibility,
      };
    case 'redacted_thinking':
      return { redacted_thinking_block: { data: block.data }, visibility };
    case 'tool_call':
      return {
        tool_call_block: {
          id: block.id,
          name: block.name,
          input_json: toolArgumentsToProto(block.input, block.raw_arguments, block.parse_error),
        },
        visibility,
      };
    case 'tool_result':
      return {
        tool_result_block: {
          tool_call_id: block.tool_call_id,
          output_json: json(block.output ?? null),
        },
        visibility,
      };
    case 'image': {
      const mediaType = block.source.type === 'base64' ? block.source.media_type : '';
      return {
        image_block: {
          media_type: typeof mediaType === 'string' ? mediaType : '',
          data: imageBytes(block.source),
          source_json: json(block.source),
        },
        visibility,
      };
    }
    case 'reasoning':
      return {
        reasoning_block: {
          content: (block.content ?? []).map(item => JSON.stringify(item)),
          summary: (block.summary ?? []).map(item => JSON.stringify(item)),
        },
        visibility,
      };
    default:
      return undefined;
  }
}

/**
 * Converts a native tool call to a proto `ToolCallMessage`: `arguments` as `arguments_json`, or,
 * when the arguments did not decode, the raw text the model sent (never `{}`).
 */
export function nativeToolCallToProto(call: ToolCall): ProtoToolCall {
  return {
    id: call.id,
    name: call.name,
    arguments_json: toolArgumentsToProto(call.arguments, call.raw_arguments, call.parse_error),
  };
}

/**
 * Converts native usage to proto `Usage`: input/output tokens become prompt/completion tokens,
 * cache writes become `cache_creation_tokens`; optional counts are sent only when known.
 */
export function nativeUsageToProto(usage: Usage): ProtoUsage {
  const proto: ProtoUsage = {
    prompt_tokens: toInt32(usage.input_tokens),
    completion_tokens: toInt32(usage.output_tokens),
    total_tokens: toInt32(usage.total_tokens),
  };
  if (usage.reasoning_tokens !== undefined)
    proto.reasoning_tokens = toInt32(usage.reasoning_tokens);
  if (usage.cache_read_tokens !== undefined)
    proto.cache_read_tokens = toInt32(usage.cache_read_tokens);
  if (usage.cache_write_tokens !== undefined) {
    proto.cache_creation_tokens = toInt32(usage.cache_write_tokens);
  }
  return proto;
}

/** The metadata key that carries `usage.cost_usd`: the proto's `Usage` has no cost field. */
export const COST_METADATA_KEY = 'cost_usd';

/** The response metadata, plus `cost_usd` (a decimal string) when the usage has one. */
function metadataWithCost(response: ChatResponse): Record<string, unknown> | undefined {
  const cost = response.usage?.cost_usd;
  if (cost === undefined) return response.metadata;
  return { ...response.metadata, [COST_METADATA_KEY]: cost };
}

/**
 * Converts a native response to a proto `ChatResponse` (typed blocks and legacy JSON content).
 * `usage.cost_usd` travels as `cost_usd` in `metadata_json` (proto `Usage` cannot carry it).
 */
export function nativeChatResponseToProto(response: ChatResponse): ProtoChatResponse {
  const proto: ProtoChatResponse = {
    content: JSON.stringify(response.content ?? []),
    content_blocks: (response.content ?? [])
      .map(nativeContentBlockToProto)
      .filter((block): block is ProtoContentBlock => block !== undefined),
    tool_calls: (response.tool_calls ?? []).map(nativeToolCallToProto),
    finish_reason: response.finish_reason ?? '',
    metadata_json: json(metadataWithCost(response)),
  };
  if (response.usage) proto.usage = nativeUsageToProto(response.usage);
  if (response.degradation) {
    proto.degradation = {
      requested: response.degradation.requested,
      actual: response.degradation.actual,
      reason: response.degradation.reason,
    };
  }
  return proto;
}

/** Converts a native `ModelInfo` to proto (`defaults` as `defaults_json`; cost fields have no proto field). */
export function nativeModelInfoToProto(model: ModelInfo): ProtoModelInfo {
  return {
    id: model.id,
    display_name: model.display_name,
    context_window: toInt32(model.context_window),
    max_output_tokens: toInt32(model.max_output_tokens),
    capabilities: [...(model.capabilities ?? [])],
    defaults_json: JSON.stringify(model.defaults ?? {}),
  };
}

function stringValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Converts a native `ConfigField` to proto: `text`/`choice` become STRING (choices kept), `secret`
 * SECRET, `boolean` BOOLEAN, `number` NUMBER; `default` and `show_when` values become strings.
 */
export function nativeConfigFieldToProto(field: ConfigField): ProtoConfigField {
  return {
    id: field.id,
    display_name: field.display_name,
    field_type: FIELD_TYPES[field.field_type] ?? 'CONFIG_FIELD_TYPE_UNSPECIFIED',
    prompt: field.prompt ?? '',
    env_var: field.env_var ?? '',
    choices: [...(field.choices ?? [])],
    required: field.required === true,
    default_value: stringValue(field.default),
    show_when: Object.fromEntries(
      Object.entries(field.show_when ?? {}).map(([key, value]) => [key, stringValue(value)]),
    ),
    requires_model: field.requires_model === true,
  };
}

/** Converts native `ProviderInfo` to proto (`defaults` as `defaults_json`). */
export function nativeProviderInfoToProto(info: ProviderInfo): ProtoProviderInfo {
  return {
    id: info.id,
    display_name: info.display_name,
    credential_env_vars: [...(info.credential_env_vars ?? [])],
    capabilities: [...(info.capabilities ?? [])],
    defaults_json: JSON.stringify(info.defaults ?? {}),
    config_fields: (info.config_fields ?? []).map(nativeConfigFieldToProto),
  };
}
