import { Ajv2020 } from 'ajv/dist/2020.js';
import type { SchemaValidationError, SchemaValidationResult } from './openapi-validator.js';
import { formatAjvErrors } from './openapi-validator.js';

/** The fields the spec requires of hosted tool items sent back in `input`. */
const HOSTED_ITEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  web_search_call: ['id', 'status', 'action'],
  file_search_call: ['id', 'status', 'queries'],
  code_interpreter_call: ['id', 'status', 'container_id', 'code', 'outputs'],
  image_generation_call: ['id', 'status', 'result'],
  mcp_call: ['id', 'server_label', 'name', 'arguments'],
  mcp_list_tools: ['id', 'server_label', 'tools'],
  mcp_approval_request: ['id', 'server_label', 'name', 'arguments'],
  mcp_approval_response: ['approval_request_id', 'approve'],
};

/** The fields the spec requires of hosted tool declarations in `tools`. */
const HOSTED_TOOL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  file_search: ['vector_store_ids'],
  code_interpreter: ['container'],
  mcp: ['server_label'],
};

/**
 * The project's own JSON Schema (2020-12) for a Responses API request body (`POST /responses`),
 * written for this repository so `pnpm test` needs nothing outside it. It covers the shapes this
 * provider sends (messages, function and custom tool calls and outputs, reasoning items, hosted
 * tool items (web search, file search, code interpreter, image generation, MCP) with their
 * required fields, function, custom and hosted tools, tool choice, text format, reasoning
 * options) and the names and types of the other top-level fields; every top-level key it does
 * not list is an error. Other item and tool types are accepted when they carry a string `type`.
 *
 * The conformance run (`pnpm test:conformance`) checks built bodies against the official OpenAPI
 * spec as well (`validateResponsesRequestAgainstSpec`), so a drift of this schema from the spec is
 * caught there.
 */
export const RESPONSES_REQUEST_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['model'],
  additionalProperties: false,
  properties: {
    model: { type: 'string', minLength: 1 },
    input: {
      anyOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/$defs/inputItem' } }],
    },
    instructions: { type: ['string', 'null'] },
    tools: { type: 'array', items: { $ref: '#/$defs/tool' } },
    tool_choice: {
      anyOf: [
        { enum: ['auto', 'none', 'required'] },
        {
          type: 'object',
          required: ['type'],
          properties: { type: { type: 'string' }, name: { type: 'string', minLength: 1 } },
          if: { properties: { type: { enum: ['function', 'custom'] } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { required: ['type', 'name'] },
        },
      ],
    },
    parallel_tool_calls: { type: ['boolean', 'null'] },
    max_output_tokens: { type: ['integer', 'null'], minimum: 1 },
    max_tool_calls: { type: ['integer', 'null'], minimum: 1 },
    temperature: { type: ['number', 'null'], minimum: 0, maximum: 2 },
    top_p: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    top_logprobs: { type: ['integer', 'null'], minimum: 0, maximum: 20 },
    reasoning: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        effort: { enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', null] },
        summary: { enum: ['auto', 'concise', 'detailed', null] },
        generate_summary: { enum: ['auto', 'concise', 'detailed', null] },
      },
    },
    text: {
      type: 'object',
      additionalProperties: false,
      properties: {
        format: { $ref: '#/$defs/textFormat' },
        verbosity: { enum: ['low', 'medium', 'high', null] },
      },
    },
    store: { type: ['boolean', 'null'] },
    stream: { type: ['boolean', 'null'] },
    stream_options: { type: ['object', 'null'] },
    include: { type: ['array', 'null'], items: { type: 'string' } },
    metadata: {
      type: ['object', 'null'],
      additionalProperties: { type: 'string', maxLength: 512 },
      maxProperties: 16,
    },
    previous_response_id: { type: ['string', 'null'] },
    conversation: { type: ['string', 'object', 'null'] },
    truncation: { enum: ['auto', 'disabled', null] },
    service_tier: { enum: ['auto', 'default', 'flex', 'scale', 'priority', null] },
    background: { type: ['boolean', 'null'] },
    user: { type: 'string' },
    safety_identifier: { type: 'string' },
    prompt: { type: ['object', 'null'] },
    prompt_cache_key: { type: 'string' },
    prompt_cache_retention: { type: ['string', 'null'] },
    prompt_cache_options: { type: ['object', 'null'] },
    context_management: { type: ['array', 'object', 'null'] },
    moderation: { type: ['object', 'string', 'null'] },
  },
  $defs: {
    contentPart: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string' } },
      allOf: [
        {
          if: { properties: { type: { enum: ['input_text', 'output_text', 'summary_text'] } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { required: ['text'], properties: { text: { type: 'string' } } },
        },
        {
          if: { properties: { type: { const: 'input_image' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            properties: {
              image_url: { type: ['string', 'null'] },
              file_id: { type: ['string', 'null'] },
              detail: { enum: ['low', 'high', 'auto', 'original'] },
            },
            anyOf: [{ required: ['image_url'] }, { required: ['file_id'] }],
          },
        },
        {
          if: { properties: { type: { const: 'refusal' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { required: ['refusal'], properties: { refusal: { type: 'string' } } },
        },
      ],
    },
    message: {
      type: 'object',
      required: ['role', 'content'],
      properties: {
        type: { const: 'message' },
        id: { type: 'string' },
        status: { enum: ['in_progress', 'completed', 'incomplete'] },
        role: { enum: ['user', 'assistant', 'system', 'developer'] },
        content: {
          anyOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/$defs/contentPart' } }],
        },
      },
    },
    inputItem: {
      type: 'object',
      allOf: [
        {
          if: { not: { required: ['type'] } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { $ref: '#/$defs/message' },
        },
        {
          if: { required: ['type'], properties: { type: { const: 'message' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { $ref: '#/$defs/message' },
        },
        {
          if: { required: ['type'], properties: { type: { const: 'function_call' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required: ['call_id', 'name', 'arguments'],
            properties: {
              call_id: { type: 'string', minLength: 1 },
              name: { type: 'string', minLength: 1 },
              arguments: { type: 'string' },
            },
          },
        },
        {
          if: { required: ['type'], properties: { type: { const: 'custom_tool_call' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required: ['call_id', 'name', 'input'],
            properties: {
              call_id: { type: 'string', minLength: 1 },
              name: { type: 'string', minLength: 1 },
              input: { type: 'string' },
            },
          },
        },
        {
          if: {
            required: ['type'],
            properties: { type: { enum: ['function_call_output', 'custom_tool_call_output'] } },
          },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required: ['call_id', 'output'],
            properties: {
              call_id: { type: 'string', minLength: 1 },
              output: {
                anyOf: [
                  { type: 'string' },
                  { type: 'array', items: { $ref: '#/$defs/contentPart' } },
                ],
              },
            },
          },
        },
        {
          if: { required: ['type'], properties: { type: { const: 'reasoning' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required: ['id', 'summary'],
            properties: {
              id: { type: 'string', minLength: 1 },
              summary: { type: 'array', items: { $ref: '#/$defs/contentPart' } },
              encrypted_content: { type: ['string', 'null'] },
            },
          },
        },
        ...Object.entries(HOSTED_ITEM_FIELDS).map(([type, required]) => ({
          if: { required: ['type'], properties: { type: { const: type } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required,
            properties: { id: { type: 'string', minLength: 1 } },
          },
        })),
      ],
      properties: { type: { type: 'string', minLength: 1 } },
    },
    tool: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', minLength: 1 } },
      allOf: [
        {
          if: { properties: { type: { const: 'function' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required: ['name'],
            additionalProperties: false,
            properties: {
              type: true,
              name: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_-]+$' },
              description: { type: ['string', 'null'] },
              parameters: { type: ['object', 'null'] },
              strict: { type: ['boolean', 'null'] },
            },
          },
        },
        ...Object.entries(HOSTED_TOOL_FIELDS).map(([type, required]) => ({
          if: { properties: { type: { const: type } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: { required },
        })),
        {
          if: { properties: { type: { const: 'custom' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
          then: {
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1 },
              description: { type: 'string' },
              format: { type: 'object' },
            },
          },
        },
      ],
    },
    textFormat: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['text', 'json_object', 'json_schema'] } },
      if: { properties: { type: { const: 'json_schema' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
      then: {
        required: ['name', 'schema'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_-]+$' },
          schema: { type: 'object' },
          description: { type: 'string' },
          strict: { type: ['boolean', 'null'] },
        },
      },
    },
  },
});

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/**
 * Validates one Responses API request body against the project's own
 * {@link RESPONSES_REQUEST_SCHEMA}; needs nothing outside the repository (use it in `pnpm test`,
 * e.g. as the emulator's `validateRequest` hook). A top-level `max_tokens` is named with the fix.
 *
 * @example
 * ```ts
 * expect(validateResponsesRequest({ model: 'gpt-5', input: 'hi' }).errors).toEqual([]);
 * ```
 */
export function validateResponsesRequest(body: unknown): SchemaValidationResult {
  compiled ??= new Ajv2020({ strict: false, allErrors: true, logger: false }).compile(
    RESPONSES_REQUEST_SCHEMA,
  );
  if (compiled(body) === true) return { valid: true, errors: [] };
  const errors: SchemaValidationError[] = formatAjvErrors(compiled.errors).map(error =>
    error.path === '/max_tokens'
      ? {
          path: error.path,
          message: `${error.message} (the Responses API uses max_output_tokens)`,
        }
      : error,
  );
  return { valid: false, errors };
}
