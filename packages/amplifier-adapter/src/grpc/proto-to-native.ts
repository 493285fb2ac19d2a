import { jsonTextDepth, MAX_JSON_DEPTH } from '@amplifier-azure-openai/config';
import type {
  ChatRequest,
  ChatResponse,
  ContentBlock,
  FinishReason,
  ImageSource,
  Message,
  ResponseFormat,
  Role,
  ToolCall,
  ToolSpec,
  Usage,
  Visibility,
} from '../provider-shapes.js';
import { ProtoConversionError } from './proto-conversion-error.js';
import type {
  ProtoChatRequest,
  ProtoChatResponse,
  ProtoContentBlock,
  ProtoMessage,
  ProtoResponseFormat,
  ProtoToolCall,
  ProtoUsage,
} from './proto-types.js';
import { toolArgumentsToNative } from './tool-arguments.js';

/*
 * gRPC (amplifier.module proto) -> native Amplifier shapes. Follows the kernel's own conversions:
 * proto3 scalars carry no presence, so 0 / "" / false mean "not set"; `*_json` fields hold JSON.
 * Invalid JSON where the value matters (tool input/arguments/output, schemas, metadata) is a
 * ProtoConversionError naming the field (the server answers INVALID_ARGUMENT).
 */

const ROLES: Readonly<Record<string, Role>> = {
  ROLE_SYSTEM: 'system',
  ROLE_USER: 'user',
  ROLE_ASSISTANT: 'assistant',
  ROLE_TOOL: 'tool',
  ROLE_FUNCTION: 'function',
  ROLE_DEVELOPER: 'developer',
};
const ROLE_NUMBERS: readonly string[] = [
  'ROLE_UNSPECIFIED',
  'ROLE_SYSTEM',
  'ROLE_USER',
  'ROLE_ASSISTANT',
  'ROLE_TOOL',
  'ROLE_FUNCTION',
  'ROLE_DEVELOPER',
];

const VISIBILITIES: Readonly<Record<string, Visibility>> = {
  VISIBILITY_LLM_ONLY: 'internal',
  VISIBILITY_ALL: 'developer',
  VISIBILITY_USER_ONLY: 'user',
};
const VISIBILITY_NUMBERS: readonly string[] = [
  'VISIBILITY_UNSPECIFIED',
  'VISIBILITY_ALL',
  'VISIBILITY_LLM_ONLY',
  'VISIBILITY_USER_ONLY',
];

function enumName(value: string | number | undefined, names: readonly string[]): string {
  if (typeof value === 'number') return names[value] ?? String(value);
  return value ?? names[0] ?? '';
}

/**
 * Converts a proto `Role` (name or number) to the native role.
 *
 * @throws {@link ProtoConversionError} for `ROLE_UNSPECIFIED` or an unknown value.
 */
export function protoRoleToNative(role: string | number | undefined, field = 'role'): Role {
  const name = enumName(role, ROLE_NUMBERS);
  const native = ROLES[name];
  if (native === undefined) {
    throw new ProtoConversionError({
      field,
      message: `role ${name || '(unset)'} is not a conversation role; use ROLE_SYSTEM, ROLE_DEVELOPER, ROLE_USER, ROLE_ASSISTANT, ROLE_TOOL or ROLE_FUNCTION.`,
    });
  }
  return native;
}

function visibilityToNative(value: string | number | undefined): Visibility | undefined {
  return VISIBILITIES[enumName(value, VISIBILITY_NUMBERS)];
}

/**
 * Parses a `*_json` field. Empty text yields `empty`.
 *
 * @throws {@link ProtoConversionError} naming `field` when the text is not valid JSON or nests
 *   objects/arrays deeper than `MAX_JSON_DEPTH` (64).
 */
export function parseJsonField(text: string | undefined, field: string, empty: unknown): unknown {
  if (text === undefined || text === '') return empty;
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw new ProtoConversionError({
      field,
      message: `nests objects/arrays more than ${MAX_JSON_DEPTH} levels deep; flatten it (the limit guards the server's stack).`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ProtoConversionError({
      field,
      message: `is not valid JSON (${(cause as Error).message}); send a JSON document (or an empty string).`,
      cause,
    });
  }
}

function parseJsonObject(
  text: string | undefined,
  field: string,
  empty: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const value = parseJsonField(text, field, empty);
  if (value === empty) return empty;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtoConversionError({
      field,
      message: `must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : typeof value}.`,
    });
  }
  return value as Record<string, unknown>;
}

/**
 * Decodes tool call arguments leniently (see `toolArgumentsToNative`), but first refuses text
 * nesting deeper than `MAX_JSON_DEPTH`, like every other `*_json` field: that guards the server's
 * stack, it is not a malformed answer of the model.
 *
 * @throws {@link ProtoConversionError} naming `field`.
 */
function toolArgumentsWithinDepth(text: string | undefined, field: string) {
  if (text !== undefined && jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw new ProtoConversionError({
      field,
      message: `nests objects/arrays more than ${MAX_JSON_DEPTH} levels deep; flatten it (the limit guards the server's stack).`,
    });
  }
  return toolArgumentsToNative(text);
}

/** JSON when it parses, the raw text otherwise (for opaque reasoning payloads). */
function lenientJson(text: string): unknown {
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Thinking `content` travels as JSON (a list, normally); anything else is kept as text. */
function thinkingContent(text: string): readonly unknown[] | string {
  const value = lenientJson(text);
  return Array.isArray(value) || typeof value === 'string' ? value : text;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

function withVisibility<T extends ContentBlock>(block: T, visibility: Visibility | undefined): T {
  return visibility === undefined ? block : { ...block, visibility };
}

function decodeImageData(data: Uint8Array | string | undefined): string | undefined {
  if (data === undefined || data.length === 0) return undefined;
  return typeof data === 'string' ? data : Buffer.from(data).toString('base64');
}

/**
 * Converts a proto `ContentBlock` to a native content block.
 *
 * @throws {@link ProtoConversionError} when no block is set or a JSON field is invalid.
 */
export function protoContentBlockToNative(block: ProtoContentBlock, field: string): ContentBlock {
  const visibility = visibilityToNative(block.visibility);
  if (block.text_block) {
    return withVisibility({ type: 'text', text: block.text_block.text ?? '' }, visibility);
  }
  if (block.thinking_block) {
    const { thinking, signature, content } = block.thinking_block;
    return withVisibility(
      {
        type: 'thinking',
        thinking: thinking ?? '',
        ...(nonEmpty(signature) === undefined ? {} : { signature }),
        ...(nonEmpty(content) === undefined ? {} : { content: thinkingContent(content ?? '') }),
      },
      visibility,
    );
  }
  if (block.redacted_thinking_block) {
    return withVisibility(
      { type: 'redacted_thinking', data: block.redacted_thinking_block.data ?? '' },
      visibility,
    );
  }
  if (block.tool_call_block) {
    const { id, name, input_json } = block.tool_call_block;
    const decoded = toolArgumentsWithinDepth(input_json, `${field}.tool_call_block.input_json`);
    return withVisibility(
      {
        type: 'tool_call',
        id: id ?? '',
        name: name ?? '',
        input: decoded.arguments,
        ...(decoded.parse_error === undefined
          ? {}
          : { raw_arguments: decoded.raw_arguments, parse_error: decoded.parse_error }),
      },
      visibility,
    );
  }
  if (block.tool_result_block) {
    const { tool_call_id, output_json } = block.tool_result_block;
    return withVisibility(
      {
        type: 'tool_result',
        tool_call_id: tool_call_id ?? '',
        output: parseJsonField(output_json, `${field}.tool_result_block.output_json`, ''),
      },
      visibility,
    );
  }
  if (block.image_block) {
    const { media_type, data, source_json } = block.image_block;
    let source = parseJsonObject(source_json, `${field}.image_block.source_json`, undefined) as
      | ImageSource
      | undefined;
    if (source === undefined) {
      const base64 = decodeImageData(data);
      if (base64 === undefined) {
        throw new ProtoConversionError({
          field: `${field}.image_block`,
          message:
            'has neither source_json nor data; send the image source as JSON or the image bytes with media_type.',
        });
      }
      source = { type: 'base64', media_type: media_type ?? '', data: base64 };
    }
    return withVisibility({ type: 'image', source }, visibility);
  }
  if (block.reasoning_block) {
    return withVisibility(
      {
        type: 'reasoning',
        content: (block.reasoning_block.content ?? []).map(lenientJson),
        summary: (block.reasoning_block.summary ?? []).map(lenientJson),
      },
      visibility,
    );
  }
  throw new ProtoConversionError({
    field,
    message:
      'has no block set; set one of text_block, thinking_block, redacted_thinking_block, tool_call_block, tool_result_block, image_block, reasoning_block.',
  });
}

/**
 * Converts a proto `Message` to a native message.
 *
 * @throws {@link ProtoConversionError} for an unset role or content, or invalid JSON.
 */
export function protoMessageToNative(message: ProtoMessage, field = 'message'): Message {
  const role = protoRoleToNative(message.role, `${field}.role`);
  let content: Message['content'];
  if (typeof message.text_content === 'string' && message.content !== 'block_content') {
    content = message.text_content;
  } else if (message.block_content) {
    content = (message.block_content.blocks ?? []).map((block, index) =>
      protoContentBlockToNative(block, `${field}.block_content.blocks[${index}]`),
    );
  } else {
    throw new ProtoConversionError({
      field: `${field}.content`,
      message: 'is not set; set text_content or block_content.',
    });
  }
  const metadata = parseJsonObject(message.metadata_json, `${field}.metadata_json`, undefined);
  return {
    role,
    content,
    ...(nonEmpty(message.name) === undefined ? {} : { name: message.name }),
    ...(nonEmpty(message.tool_call_id) === undefined ? {} : { tool_call_id: message.tool_call_id }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

function responseFormatToNative(
  format: ProtoResponseFormat | null | undefined,
): ResponseFormat | undefined {
  if (!format) return undefined;
  if (format.json_schema) {
    const schema =
      parseJsonObject(
        format.json_schema.schema_json,
        'response_format.json_schema.schema_json',
        {},
      ) ?? {};
    return format.json_schema.strict
      ? { type: 'json_schema', schema, strict: true }
      : { type: 'json_schema', schema };
  }
  if (format.json) return { type: 'json' };
  if (format.text) return { type: 'text' };
  return undefined;
}

function toolChoiceToNative(text: string | undefined): ChatRequest['tool_choice'] {
  if (text === undefined || text === '') return undefined;
  if (text.trimStart().startsWith('{')) {
    return parseJsonObject(text, 'tool_choice', undefined);
  }
  return text;
}

/**
 * Converts a proto `ChatRequest` to the native request. Zero/empty scalars mean "not set"
 * (so a temperature of exactly 0 cannot be expressed over gRPC, as in the kernel's own bridge).
 *
 * @throws {@link ProtoConversionError} naming the field for invalid input.
 */
export function protoChatRequestToNative(request: ProtoChatRequest): ChatRequest {
  const messages = (request.messages ?? []).map((message, index) =>
    protoMessageToNative(message, `messages[${index}]`),
  );
  const tools: ToolSpec[] = (request.tools ?? []).map((tool, index) => {
    if (nonEmpty(tool.name) === undefined) {
      throw new ProtoConversionError({
        field: `tools[${index}].name`,
        message: 'is empty; every tool needs a name.',
      });
    }
    return {
      name: tool.name ?? '',
      parameters:
        parseJsonObject(tool.parameters_json, `tools[${index}].parameters_json`, {}) ?? {},
      ...(nonEmpty(tool.description) === undefined ? {} : { description: tool.description }),
    };
  });
  const native: ChatRequest = { messages };
  if (tools.length > 0) native.tools = tools;
  const responseFormat = responseFormatToNative(request.response_format);
  if (responseFormat !== undefined) native.response_format = responseFormat;
  if (request.temperature) native.temperature = request.temperature;
  if (request.top_p) native.top_p = request.top_p;
  if (request.max_output_tokens) native.max_output_tokens = request.max_output_tokens;
  if (nonEmpty(request.conversation_id)) native.conversation_id = request.conversation_id;
  if (request.stream) native.stream = true;
  const metadata = parseJsonObject(request.metadata_json, 'metadata_json', undefined);
  if (metadata !== undefined) native.metadata = metadata;
  if (nonEmpty(request.model)) native.model = request.model;
  const toolChoice = toolChoiceToNative(request.tool_choice);
  if (toolChoice !== undefined) native.tool_choice = toolChoice;
  if (request.stop && request.stop.length > 0) native.stop = [...request.stop];
  if (nonEmpty(request.reasoning_effort)) native.reasoning_effort = request.reasoning_effort;
  if (request.timeout) native.timeout = request.timeout;
  return native;
}

/**
 * Converts a proto `ToolCallMessage` to a native tool call.
 *
 * `arguments_json` that is not a JSON object (the raw text of malformed arguments) becomes
 * `arguments: {}` with `raw_arguments` and `parse_error`, never an exception.
 *
 * @throws {@link ProtoConversionError} when `arguments_json` nests deeper than 64 levels.
 */
export function protoToolCallToNative(call: ProtoToolCall, field = 'tool_call'): ToolCall {
  const decoded = toolArgumentsWithinDepth(call.arguments_json, `${field}.arguments_json`);
  return {
    id: call.id ?? '',
    name: call.name ?? '',
    arguments: decoded.arguments,
    ...(decoded.parse_error === undefined
      ? {}
      : { raw_arguments: decoded.raw_arguments, parse_error: decoded.parse_error }),
  };
}

/** Converts a proto `Usage` (prompt/completion/cache_creation tokens) to native usage. */
export function protoUsageToNative(usage: ProtoUsage): Usage {
  const native: Usage = {
    input_tokens: usage.prompt_tokens ?? 0,
    output_tokens: usage.completion_tokens ?? 0,
    total_tokens: usage.total_tokens ?? 0,
  };
  if (typeof usage.reasoning_tokens === 'number') native.reasoning_tokens = usage.reasoning_tokens;
  if (typeof usage.cache_read_tokens === 'number')
    native.cache_read_tokens = usage.cache_read_tokens;
  if (typeof usage.cache_creation_tokens === 'number') {
    native.cache_write_tokens = usage.cache_creation_tokens;
  }
  return native;
}

function legacyContentToNative(text: string): ContentBlock[] {
  if (text === '') return [];
  const parsed = lenientJson(text);
  if (Array.isArray(parsed)) return parsed as ContentBlock[];
  return [{ type: 'text', text }];
}

/**
 * Converts a proto `ChatResponse` to the native response (for `ParseToolCalls`). Content comes
 * from `content_blocks`, or from the legacy `content` field (a JSON array of native blocks, or
 * plain text) when there are no typed blocks.
 *
 * @throws {@link ProtoConversionError} naming the field for invalid JSON.
 */
export function protoChatResponseToNative(response: ProtoChatResponse): ChatResponse {
  const blocks = response.content_blocks ?? [];
  const content =
    blocks.length > 0
      ? blocks.map((block, index) => protoContentBlockToNative(block, `content_blocks[${index}]`))
      : legacyContentToNative(response.content ?? '');
  const native: ChatResponse = { content };
  const calls = response.tool_calls ?? [];
  if (calls.length > 0) {
    native.tool_calls = calls.map((call, index) =>
      protoToolCallToNative(call, `tool_calls[${index}]`),
    );
  }
  if (response.usage) native.usage = protoUsageToNative(response.usage);
  if (response.degradation) {
    native.degradation = {
      requested: response.degradation.requested ?? '',
      actual: response.degradation.actual ?? '',
      reason: response.degradation.reason ?? '',
    };
  }
  if (nonEmpty(response.finish_reason)) {
    native.finish_reason = response.finish_reason as FinishReason;
  }
  const metadata = parseJsonObject(response.metadata_json, 'metadata_json', undefined);
  if (metadata !== undefined) {
    // usage.cost_usd rides in metadata_json (see nativeChatResponseToProto): put it back.
    const { cost_usd: cost, ...rest } = metadata;
    if (typeof cost === 'string' && native.usage !== undefined) {
      native.usage.cost_usd = cost;
      native.metadata = rest;
    } else native.metadata = metadata;
  }
  return native;
}
