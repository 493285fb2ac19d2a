import type {
  ChatResponse,
  FinishReason,
  ResponseMetadata,
  StreamErrorInfo,
  ToolCall,
  Usage,
} from '../types.js';
import { describeIncomplete } from './incomplete-answer.js';
import { describeType, finiteNumber, isRecord, type JsonRecord } from './json-guards.js';
import { type MapOutputOptions, type MappedOutput, mapOutputItems } from './output-items.js';
import { ResponseFailedError } from './response-failed-error.js';
import { ResponseParseError } from './response-parse-error.js';

/** What the caller knows about the request a response answers. */
export interface ResponseParseContext {
  /** The Azure deployment the request went to. */
  deployment: string;
  /** The model the caller asked for (used when Azure does not report one). */
  model: string;
  /** Azure's request id (`apim-request-id` / `x-request-id` response header). */
  requestId?: string | undefined;
  /** The `x-ms-client-request-id` the request was sent with (`metadata.client_request_id`). */
  clientRequestId?: string | undefined;
  /** The tool names the request offered (a tool really named `parallel` is then not unwrapped). */
  toolNames?: ReadonlySet<string> | undefined;
}

/**
 * Parses an Azure OpenAI Responses API response (the JSON body, as an unknown value) into an
 * Amplifier ChatResponse. Only the fields it needs are validated, so new Azure fields never
 * break parsing; unknown or malformed output items are kept in `metadata.unknown_output_items`.
 *
 * - content blocks in output order (text with `item_id`, reasoning as thinking blocks with
 *   `content: [encrypted_content, id]`, tool calls);
 * - `tool_calls` with decoded arguments (invalid JSON: `{}` + `raw_arguments` + `parse_error`),
 *   `parallel` wrappers unwrapped into calls with ids `<call_id>_<n>`;
 * - `finish_reason`: `tool_calls`, `length` (incomplete: max_output_tokens), `content_filter`
 *   (incomplete: content_filter, or a blocked completion filter), else `stop`;
 * - `usage` with reasoning and cache read tokens; `metadata` with response id, deployment,
 *   model, request id, status and Azure's content-filter results.
 *
 * @throws ResponseParseError when the payload is not a response object with an `output` list,
 * or is not finished (`queued` / `in_progress`).
 * @throws ResponseFailedError when the response `status` is `failed` or `cancelled`.
 */
export function parseResponse(response: unknown, context: ResponseParseContext): ChatResponse {
  if (!isRecord(response)) {
    throw new ResponseParseError({
      message: `Azure OpenAI returned a response that is not a JSON object (got ${describeType(response)}).`,
      path: '',
      deployment: context.deployment,
      model: context.model,
      requestId: context.requestId,
      fix: 'Check that the endpoint is an Azure OpenAI resource and the request used the Responses API.',
    });
  }
  const responseId = typeof response.id === 'string' ? response.id : undefined;
  const status = typeof response.status === 'string' ? response.status : undefined;
  if (status === 'failed' || status === 'cancelled') {
    throw new ResponseFailedError({
      error: errorInfo(response.error, responseId, status),
      deployment: context.deployment,
      model: context.model,
      requestId: context.requestId,
    });
  }
  if (status === 'queued' || status === 'in_progress') {
    throw new ResponseParseError({
      message: `Azure OpenAI response ${responseId ?? ''} is not finished (status "${status}").`,
      path: 'status',
      responseId,
      deployment: context.deployment,
      model: context.model,
      requestId: context.requestId,
      fix: 'Do not send background: true; the provider expects a finished response.',
    });
  }
  if (!Array.isArray(response.output)) {
    throw new ResponseParseError({
      message: `Azure OpenAI response ${responseId ?? ''} has no output list (output is ${describeType(response.output)}).`,
      path: 'output',
      responseId,
      deployment: context.deployment,
      model: context.model,
      requestId: context.requestId,
      fix: 'Check that the endpoint is an Azure OpenAI resource and the request used the Responses API.',
    });
  }
  const options: MapOutputOptions = { toolNames: context.toolNames };
  return buildChatResponse(response, mapOutputItems(response.output, options), context);
}

/**
 * Builds the ChatResponse of a finished response object from its mapped output (shared by
 * {@link parseResponse} and the stream accumulator, so both give the same answer).
 * @internal
 */
export function buildChatResponse(
  response: JsonRecord,
  mapped: MappedOutput,
  context: ResponseParseContext,
): ChatResponse {
  const status = typeof response.status === 'string' ? response.status : undefined;
  const incompleteReason =
    isRecord(response.incomplete_details) && typeof response.incomplete_details.reason === 'string'
      ? response.incomplete_details.reason
      : undefined;
  const contentFilters = response.content_filters ?? response.content_filter_results;

  const metadata: ResponseMetadata = {
    deployment: context.deployment,
    model: typeof response.model === 'string' ? response.model : context.model,
    requested_model: context.model,
  };
  if (typeof response.id === 'string') metadata.response_id = response.id;
  if (context.requestId !== undefined) metadata.request_id = context.requestId;
  if (context.clientRequestId !== undefined) metadata.client_request_id = context.clientRequestId;
  if (status !== undefined) metadata.status = status;
  if (incompleteReason !== undefined) metadata.incomplete_reason = incompleteReason;
  if (contentFilters !== undefined && contentFilters !== null) {
    metadata.content_filters = contentFilters;
  }
  if (mapped.unknownItems.length > 0) metadata.unknown_output_items = mapped.unknownItems;
  if (mapped.parallelUnwrapped) metadata.parallel_tool_call_unwrapped = true;
  if (mapped.refusals.length > 0) metadata.refusal = mapped.refusals.join('\n');
  if (mapped.annotations.length > 0) metadata.annotations = mapped.annotations;

  const chat: ChatResponse = {
    content: mapped.content,
    finish_reason: finishReason(status, incompleteReason, mapped.toolCalls, contentFilters),
    metadata,
  };
  if (mapped.toolCalls.length > 0) chat.tool_calls = mapped.toolCalls;
  const usage = parseUsage(response.usage);
  if (usage !== undefined) chat.usage = usage;
  if (status === 'incomplete') {
    const incomplete = describeIncomplete(chat, finiteNumber(response.max_output_tokens));
    if (incomplete !== undefined) {
      metadata.incomplete = {
        reason: incomplete.reason,
        reasoning_only: incomplete.reasoningOnly,
        message: incomplete.message,
        fix: incomplete.fix,
      };
    }
  }
  return chat;
}

function finishReason(
  status: string | undefined,
  incompleteReason: string | undefined,
  toolCalls: readonly ToolCall[],
  contentFilters: unknown,
): FinishReason {
  if (status === 'incomplete') {
    return incompleteReason === 'content_filter' ? 'content_filter' : 'length';
  }
  if (completionFiltered(contentFilters)) return 'content_filter';
  return toolCalls.length > 0 ? 'tool_calls' : 'stop';
}

/** True when Azure's content filters blocked (part of) the completion. */
function completionFiltered(filters: unknown): boolean {
  if (!Array.isArray(filters)) return false;
  for (const entry of filters) {
    if (!isRecord(entry) || entry.source_type === 'prompt') continue;
    if (entry.blocked === true) return true;
    const results = entry.content_filter_results;
    if (!isRecord(results)) continue;
    for (const key in results) {
      const result = results[key];
      if (isRecord(result) && result.filtered === true) return true;
    }
  }
  return false;
}

/**
 * Amplifier Usage from Responses usage: `input_tokens` (gross, including cached),
 * `output_tokens`, `total_tokens` (their sum when absent), `reasoning_tokens`
 * (`output_tokens_details.reasoning_tokens`), `cache_read_tokens`
 * (`input_tokens_details.cached_tokens`) and `cache_write_tokens`
 * (`input_tokens_details.cache_write_tokens`), each only when Azure sent it. `undefined` when
 * there is no usage object.
 */
export function parseUsage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const input = finiteNumber(value.input_tokens) ?? 0;
  const output = finiteNumber(value.output_tokens) ?? 0;
  const usage: Usage = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: finiteNumber(value.total_tokens) ?? input + output,
  };
  const reasoning = isRecord(value.output_tokens_details)
    ? finiteNumber(value.output_tokens_details.reasoning_tokens)
    : undefined;
  if (reasoning !== undefined) usage.reasoning_tokens = reasoning;
  const cached = isRecord(value.input_tokens_details)
    ? finiteNumber(value.input_tokens_details.cached_tokens)
    : undefined;
  if (cached !== undefined) usage.cache_read_tokens = cached;
  const written = isRecord(value.input_tokens_details)
    ? finiteNumber(value.input_tokens_details.cache_write_tokens)
    : undefined;
  if (written !== undefined) usage.cache_write_tokens = written;
  return usage;
}

/** Error facts from a Responses `error` object (of a failed response or an `error` event). */
export function errorInfo(
  value: unknown,
  responseId: string | undefined,
  status?: string | undefined,
): StreamErrorInfo {
  const source = isRecord(value) ? value : {};
  const info: StreamErrorInfo = {
    message:
      typeof source.message === 'string' && source.message !== ''
        ? source.message
        : status === 'cancelled'
          ? 'the response was cancelled'
          : 'the response failed without an error message',
  };
  const code =
    typeof source.code === 'string'
      ? source.code
      : status === 'cancelled'
        ? 'cancelled'
        : undefined;
  if (code !== undefined) info.code = code;
  if (typeof source.type === 'string') info.type = source.type;
  if (typeof source.param === 'string') info.param = source.param;
  if (responseId !== undefined) info.response_id = responseId;
  return info;
}

/**
 * The tool calls of a ChatResponse: its `tool_calls`, or, when absent, its `tool_call` content
 * blocks. Never throws; anything malformed is skipped.
 */
export function parseToolCalls(response: ChatResponse): ToolCall[] {
  if (!isRecord(response)) return [];
  if (Array.isArray(response.tool_calls)) return response.tool_calls;
  const calls: ToolCall[] = [];
  if (!Array.isArray(response.content)) return calls;
  for (const block of response.content) {
    if (!isRecord(block) || block.type !== 'tool_call' || typeof block.id !== 'string') continue;
    const call: ToolCall = {
      id: block.id,
      name: typeof block.name === 'string' ? block.name : '',
      arguments: isRecord(block.input) ? block.input : {},
    };
    if (typeof block.raw_arguments === 'string') call.raw_arguments = block.raw_arguments;
    if (typeof block.parse_error === 'string') call.parse_error = block.parse_error;
    if (block.tool_type === 'custom') call.tool_type = 'custom';
    calls.push(call);
  }
  return calls;
}
