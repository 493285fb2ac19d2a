import { jsonValueDepth, MAX_JSON_DEPTH } from '@amplifier-azure-openai/config/keys';
import type {
  FunctionTool,
  ResponseCreateParamsNonStreaming,
} from 'openai/resources/responses/responses';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { describeType, isRecord } from '../response/json-guards.js';
import type { ToolChoice, ToolSpec } from '../types.js';
import { hostedToolChoice } from './native-tools.js';

/** The `tool_choice` values the Responses API accepts for function tools. */
export type ResponsesToolChoice = NonNullable<ResponseCreateParamsNonStreaming['tool_choice']>;

const EMPTY_OBJECT_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'object',
  properties: {},
});

/**
 * Maps Amplifier tool specs (`parameters`, or the `input_schema` form) to Responses function
 * tools: `{ type: 'function', name, description, parameters, strict }`. A spec without a schema
 * gets an empty object schema.
 *
 * @throws InvalidRequestError (`param` = `tools[i].name`) when a spec has no name, or
 *   (`tools[i].parameters`) when its schema nests deeper than `MAX_JSON_DEPTH` (64).
 */
export function mapTools(tools: readonly ToolSpec[]): FunctionTool[] {
  const mapped: FunctionTool[] = [];
  for (let i = 0; i < tools.length; i++) {
    const spec = tools[i] as unknown;
    if (!isRecord(spec) || typeof spec.name !== 'string' || spec.name === '') {
      const got = isRecord(spec) ? describeType(spec.name) : describeType(spec);
      throw new InvalidRequestError({
        message: `Invalid chat request: tools[${i}].name must be a non-empty string, got ${got}`,
        code: 'invalid_chat_request',
        param: `tools[${i}].name`,
        fix: 'Give every tool a name: { name, description?, parameters }.',
      });
    }
    const schema = isRecord(spec.parameters)
      ? spec.parameters
      : isRecord(spec.input_schema)
        ? spec.input_schema
        : EMPTY_OBJECT_SCHEMA;
    if (jsonValueDepth(schema) > MAX_JSON_DEPTH) {
      throw new InvalidRequestError({
        message: `Invalid chat request: the schema of tools[${i}] (${spec.name}) nests objects/arrays more than ${MAX_JSON_DEPTH} levels deep`,
        code: 'invalid_chat_request',
        param: `tools[${i}].parameters`,
        fix: `Flatten the tool schema: at most ${MAX_JSON_DEPTH} levels of nesting are accepted.`,
      });
    }
    const tool: FunctionTool = {
      type: 'function',
      name: spec.name,
      parameters: schema as Record<string, unknown>,
      strict: spec.strict === true,
    };
    if (typeof spec.description === 'string' && spec.description !== '') {
      tool.description = spec.description;
    }
    mapped.push(tool);
  }
  return mapped;
}

/**
 * Maps an Amplifier `tool_choice` to the Responses one: `auto` / `none` / `required` pass
 * through (`any` means `required`), any other string names a function, and the object forms
 * `{ type: 'function', name }`, `{ type: 'function', function: { name } }` and
 * `{ type: 'tool', name }` name a function; `{ type: 'web_search_preview' }` (or another hosted
 * tool type) and `{ type: 'mcp', server_label, name? }` force a hosted tool. Returns `undefined`
 * plus a warning for anything else.
 */
export function mapToolChoice(
  choice: ToolChoice,
  warnings: string[],
): ResponsesToolChoice | undefined {
  if (typeof choice === 'string') {
    if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
    if (choice === 'any') return 'required';
    if (choice === '') return undefined;
    return { type: 'function', name: choice };
  }
  if (isRecord(choice)) {
    const type = choice.type;
    if (type === 'auto' || type === 'none' || type === 'required') return type;
    if (type === 'any') return 'required';
    if (type === 'function' || type === 'tool') {
      const name =
        typeof choice.name === 'string'
          ? choice.name
          : isRecord(choice.function) && typeof choice.function.name === 'string'
            ? choice.function.name
            : undefined;
      if (name !== undefined && name !== '') return { type: 'function', name };
    }
    const hosted = hostedToolChoice(choice);
    if (hosted !== undefined) return hosted;
  }
  warnings.push(
    `tool_choice ${JSON.stringify(choice) ?? String(choice)} is not understood and was not sent; use "auto", "none", "required" or a tool name.`,
  );
  return undefined;
}
