import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import type { ModelCapabilities } from '@amplifier-azure-openai/deployments';
import type {
  ResponseCreateParamsNonStreaming,
  ResponseFormatTextConfig,
} from 'openai/resources/responses/responses';
import type { ReasoningEffort as ResponsesReasoningEffort } from 'openai/resources/shared';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { describeType, isRecord } from '../response/json-guards.js';
import type { ChatRequest, ResponseFormat } from '../types.js';
import { messagesToInput, type ToolSequenceRepair } from './messages-to-input.js';
import { type NativeToolsConfig, nativeToolsFor } from './native-tools.js';
import { applyRequestOptions, type RequestOptionsConfig } from './request-options.js';
import { mapToolChoice, mapTools } from './tools.js';

/** The configuration fields the request builder reads (a full `AzureOpenAIConfig` fits). */
export type RequestConfig = Pick<
  AzureOpenAIConfig,
  'maxTokens' | 'temperature' | 'topP' | 'reasoningEffort' | 'reasoningSummary' | 'store'
> &
  RequestOptionsConfig &
  NativeToolsConfig;

/** The capability fields the request builder reads (a full `ModelCapabilities` fits). */
export type RequestCapabilities = Pick<
  ModelCapabilities,
  'known' | 'reasoning' | 'supportsTemperature' | 'maxOutputTokens' | 'reasoningEfforts'
>;

/** Everything besides the chat request that decides the Responses request body. */
export interface RequestContext {
  /** The Azure deployment name: what goes in the body's `model`. */
  deployment: string;
  /** What the deployment's model can do (from `@amplifier-azure-openai/deployments`). */
  capabilities: RequestCapabilities;
  /** The provider configuration (from `@amplifier-azure-openai/config`). */
  config: RequestConfig;
  /**
   * Body parameters this deployment rejected before (e.g. `temperature`, `top_p`,
   * `reasoning`, `reasoning.summary`, `reasoning.effort`, `include`, `max_output_tokens`,
   * `parallel_tool_calls`): never sent again.
   */
  omitParameters?: ReadonlySet<string> | undefined;
  /**
   * The response id to chain from (only used when `config.store` is true; decide it with a
   * {@link ConversationChain}). With it, only the messages after the last assistant turn are sent.
   */
  previousResponseId?: string | undefined;
}

/** A Responses API request body plus what the builder had to change. */
export interface BuiltRequest {
  /** The non-streaming body; set `stream: true` on a copy to stream. */
  body: ResponseCreateParamsNonStreaming;
  /** Human-readable notes on what was dropped, clamped or synthesised. */
  warnings: string[];
  /** Tool calls without a result that got a synthesised error result. */
  repairs: ToolSequenceRepair[];
}

/** Azure's smallest accepted `max_output_tokens`. */
export const MIN_OUTPUT_TOKENS = 16;

const REASONING_EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
const REASONING_SUMMARIES = new Set(['auto', 'concise', 'detailed']);
const NO_OMISSIONS: ReadonlySet<string> = new Set();

/**
 * Builds the Azure OpenAI Responses API request body for an Amplifier chat request. Pure: the
 * request is not modified and nothing is cloned beyond the new body.
 *
 * - `model` is the deployment; system messages become `instructions`; messages become input
 *   items (see {@link messagesToInput});
 * - tools become function tools (`parameters` or `input_schema`, `strict`), with `tool_choice`
 *   and `parallel_tool_calls` passed through; hosted tools (`native_tools`, config or per
 *   request) follow them (see {@link nativeToolsFor});
 * - `max_output_tokens` (never `max_tokens`) from the request, else the config; clamped to the
 *   model's known maximum and Azure's minimum of 16;
 * - `temperature` / `top_p` only for models that accept them and when not in `omitParameters`;
 * - `reasoning: { effort, summary }` and `include: ['reasoning.encrypted_content']` for
 *   reasoning models, and reasoning items sent back only to them; `store` from the config
 *   (default false, stateless);
 * - `response_format` json / json_schema becomes `text.format`;
 * - `previous_response_id` only when `store` is true.
 *
 * @throws InvalidRequestError (`code: 'invalid_chat_request'`, `param` = path of the bad value)
 * for requests that cannot be mapped (no messages array, unknown role, tool without a name, ...).
 */
export function buildResponsesRequest(request: ChatRequest, context: RequestContext): BuiltRequest {
  if (!isRecord(request)) {
    throw new InvalidRequestError({
      message: `Invalid chat request: expected an object, got ${describeType(request)}`,
      code: 'invalid_chat_request',
      param: 'request',
      fix: 'Pass { messages: [...] }.',
    });
  }
  const { capabilities, config, deployment } = context;
  const omit = context.omitParameters ?? NO_OMISSIONS;
  const chained =
    config.store &&
    typeof context.previousResponseId === 'string' &&
    context.previousResponseId !== '';

  const mapped = messagesToInput(request.messages, {
    store: config.store,
    onlyAfterLastAssistant: chained,
    reasoningItems: capabilities.reasoning,
  });
  const warnings = mapped.warnings;
  if (!config.store && context.previousResponseId !== undefined) {
    warnings.push(
      'previous_response_id was not sent: responses are not stored (store is false); the full conversation was sent.',
    );
  }

  const body: ResponseCreateParamsNonStreaming = {
    model: deployment,
    input: mapped.input,
    store: config.store,
  };
  if (mapped.instructions !== undefined) body.instructions = mapped.instructions;
  if (chained) body.previous_response_id = context.previousResponseId as string;

  // Tools.
  const tools = request.tools;
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) {
      throw new InvalidRequestError({
        message: `Invalid chat request: tools must be an array, got ${describeType(tools)}`,
        code: 'invalid_chat_request',
        param: 'tools',
        fix: 'Pass tools as a list of { name, description?, parameters }.',
      });
    }
    if (tools.length > 0) {
      body.tools = mapTools(tools);
      if (request.tool_choice !== undefined && request.tool_choice !== null) {
        const choice = mapToolChoice(request.tool_choice, warnings);
        if (choice !== undefined) body.tool_choice = choice;
      }
      if (typeof request.parallel_tool_calls === 'boolean' && !omit.has('parallel_tool_calls')) {
        body.parallel_tool_calls = request.parallel_tool_calls;
      }
    }
  }
  const nativeTools = nativeToolsFor(request, config);
  const noFunctionTools = tools === undefined || tools === null || tools.length === 0;
  if (nativeTools.length > 0) {
    body.tools = [
      ...(body.tools ?? []),
      ...(nativeTools as unknown as NonNullable<typeof body.tools>),
    ];
    // Hosted tools alone: tool_choice (e.g. { type: 'web_search_preview' }) still applies.
    if (noFunctionTools && request.tool_choice !== undefined && request.tool_choice !== null) {
      const choice = mapToolChoice(request.tool_choice, warnings);
      if (choice !== undefined) body.tool_choice = choice;
    }
  }
  if (
    noFunctionTools &&
    nativeTools.length === 0 &&
    request.tool_choice !== undefined &&
    request.tool_choice !== null &&
    request.tool_choice !== 'auto' &&
    request.tool_choice !== 'none'
  ) {
    warnings.push('tool_choice was not sent: the request has no tools.');
  }

  // Output length.
  if (!omit.has('max_output_tokens')) {
    const requested = request.max_output_tokens ?? request.max_tokens;
    let max = isPositiveInteger(requested) ? requested : config.maxTokens;
    if (requested !== undefined && requested !== null && !isPositiveInteger(requested)) {
      warnings.push(
        `max_output_tokens ${String(requested)} is not a positive integer; the configured ${config.maxTokens} was used.`,
      );
    }
    if (capabilities.known && max > capabilities.maxOutputTokens) {
      warnings.push(
        `max_output_tokens ${max} exceeds the model's maximum of ${capabilities.maxOutputTokens}; clamped.`,
      );
      max = capabilities.maxOutputTokens;
    }
    if (max < MIN_OUTPUT_TOKENS) {
      warnings.push(`max_output_tokens ${max} is below Azure's minimum of 16; raised to 16.`);
      max = MIN_OUTPUT_TOKENS;
    }
    body.max_output_tokens = max;
  }

  // Sampling.
  const sampling = !capabilities.reasoning && capabilities.supportsTemperature;
  const temperature = request.temperature ?? config.temperature;
  if (sampling && !omit.has('temperature')) {
    if (typeof temperature === 'number' && Number.isFinite(temperature)) {
      body.temperature = temperature;
    }
  } else if (typeof request.temperature === 'number') {
    warnings.push(
      `temperature was not sent: ${omit.has('temperature') ? 'this deployment rejected it before' : 'the model does not accept it'}.`,
    );
  }
  const topP = request.top_p ?? config.topP;
  if (sampling && !omit.has('top_p')) {
    if (typeof topP === 'number' && Number.isFinite(topP)) body.top_p = topP;
  } else if (typeof request.top_p === 'number') {
    warnings.push(
      `top_p was not sent: ${omit.has('top_p') ? 'this deployment rejected it before' : 'the model does not accept it'}.`,
    );
  }

  // Reasoning.
  if (capabilities.reasoning) {
    if (!omit.has('reasoning')) {
      const reasoning: NonNullable<ResponseCreateParamsNonStreaming['reasoning']> = {};
      const effort = request.reasoning_effort ?? config.reasoningEffort;
      if (effort !== undefined && !omit.has('reasoning.effort')) {
        const taken = capabilities.reasoningEfforts;
        if (REASONING_EFFORTS.has(effort) && taken !== undefined && !taken.includes(effort)) {
          warnings.push(
            `reasoning_effort "${effort}" was not sent: deployment "${deployment}" takes ${taken.join(', ')}.`,
          );
        } else if (REASONING_EFFORTS.has(effort)) {
          reasoning.effort = effort as ResponsesReasoningEffort;
        } else {
          warnings.push(
            `reasoning_effort "${effort}" is not one of none, minimal, low, medium, high, xhigh; not sent.`,
          );
        }
      }
      const summary = request.reasoning_summary ?? config.reasoningSummary ?? 'auto';
      if (!omit.has('reasoning.summary') && REASONING_SUMMARIES.has(summary)) {
        reasoning.summary = summary;
      }
      if (reasoning.effort !== undefined || reasoning.summary !== undefined) {
        body.reasoning = reasoning;
      }
    }
    if (!omit.has('include')) body.include = ['reasoning.encrypted_content'];
  } else if (request.reasoning_effort !== undefined) {
    warnings.push(
      `reasoning_effort was not sent: deployment "${deployment}" is not a reasoning model.`,
    );
  }

  // Output format.
  if (request.response_format !== undefined && request.response_format !== null) {
    const format = mapResponseFormat(request.response_format, warnings);
    if (format !== undefined) body.text = { format };
  }

  applyRequestOptions(body as unknown as Record<string, unknown>, request, config, omit);

  if (Array.isArray(request.stop) && request.stop.length > 0) {
    warnings.push('stop sequences are not supported by the Responses API; not sent.');
  }
  return { body, warnings, repairs: mapped.repairs };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Maps an Amplifier `response_format` to Responses `text.format`: `text` -> `{ type: 'text' }`,
 * `json` -> `{ type: 'json_object' }`, `json_schema` -> `{ type: 'json_schema', name, schema,
 * strict }` (the chat-completions `json_schema: { name, schema, strict }` spelling is accepted).
 */
export function mapResponseFormat(
  format: ResponseFormat,
  warnings: string[],
): ResponseFormatTextConfig | undefined {
  const value = format as unknown;
  if (!isRecord(value)) {
    warnings.push(`response_format ${describeType(value)} is not understood; not sent.`);
    return undefined;
  }
  switch (value.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const nested = isRecord(value.json_schema) ? value.json_schema : undefined;
      const schema = isRecord(value.schema) ? value.schema : nested?.schema;
      if (!isRecord(schema)) {
        throw new InvalidRequestError({
          message:
            'Invalid chat request: response_format.schema must be a JSON Schema object for type "json_schema"',
          code: 'invalid_chat_request',
          param: 'response_format.schema',
          fix: 'Pass { type: "json_schema", schema: { type: "object", ... }, strict?: true }.',
        });
      }
      const name = value.name ?? nested?.name;
      const strict = value.strict ?? nested?.strict;
      const description = value.description ?? nested?.description;
      const config: ResponseFormatTextConfig = {
        type: 'json_schema',
        name: typeof name === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(name) ? name : 'response',
        schema,
      };
      if (typeof strict === 'boolean') config.strict = strict;
      if (typeof description === 'string') config.description = description;
      return config;
    }
    default:
      warnings.push(
        `response_format type ${JSON.stringify(value.type) ?? 'undefined'} is not understood; not sent.`,
      );
      return undefined;
  }
}
