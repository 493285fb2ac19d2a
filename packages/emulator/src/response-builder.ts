import type { HostedItem } from './hosted-tools.js';
import type { IdFactory } from './ids.js';
import type { ModelPlan } from './model.js';
import { countWords } from './model.js';
import { encryptReasoning } from './reasoning-content.js';

type JsonObject = Record<string, unknown>;

/** A reasoning output item. */
export interface ReasoningItem {
  id: string;
  type: 'reasoning';
  encrypted_content?: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
}

/** A message output item. */
export interface MessageItem {
  id: string;
  type: 'message';
  status: 'completed' | 'incomplete';
  content: Array<{ type: 'output_text'; annotations: []; logprobs: []; text: string }>;
  role: 'assistant';
}

/** A function-call output item. */
export interface FunctionCallItem {
  id: string;
  type: 'function_call';
  status: 'completed';
  arguments: string;
  call_id: string;
  name: string;
}

/** Any output item the emulator produces. */
export type OutputItem = ReasoningItem | MessageItem | FunctionCallItem | HostedItem;

/** The Responses `usage` object. */
export interface Usage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** A Response object as Azure returns it. */
export interface ResponseObject extends JsonObject {
  id: string;
  object: 'response';
  created_at: number;
  status: 'completed' | 'incomplete' | 'in_progress';
  output: OutputItem[];
  usage: Usage | null;
  incomplete_details: { reason: string } | null;
}

/** Everything the builder needs for one answer. */
export interface BuildContext {
  ids: IdFactory;
  body: JsonObject;
  model: string;
  reasoning: boolean;
  plan: ModelPlan;
  nowSeconds: number;
  /** Request body size in bytes (input tokens = ceil(bytes / 4)). */
  bodyBytes: number;
  inputItemCount: number;
  incompleteFault?: 'max_output_tokens' | 'content_filter' | undefined;
  malformedArguments: boolean;
  contentFilters: boolean;
  /** Hosted tool items (web search, code interpreter, MCP, ...), placed after the reasoning item. */
  hostedItems?: readonly HostedItem[] | undefined;
}

const SAFE = { filtered: false, severity: 'safe' } as const;
const NOT_DETECTED = { filtered: false, detected: false } as const;
const PROMPT_FILTER = Object.freeze({
  blocked: false,
  source_type: 'prompt',
  content_filter_raw: null,
  content_filter_results: {
    hate: SAFE,
    jailbreak: NOT_DETECTED,
    self_harm: SAFE,
    sexual: SAFE,
    violence: SAFE,
  },
  content_filter_offsets: { start_offset: 0, end_offset: 0, check_offset: 0 },
});

function completionFilter(filtered: boolean, endOffset: number): JsonObject {
  return {
    blocked: filtered,
    source_type: 'completion',
    content_filter_raw: null,
    content_filter_results: {
      hate: SAFE,
      self_harm: SAFE,
      sexual: SAFE,
      violence: filtered ? { filtered: true, severity: 'medium' } : SAFE,
      protected_material_code: NOT_DETECTED,
      protected_material_text: NOT_DETECTED,
    },
    content_filter_offsets: { start_offset: 0, end_offset: endOffset, check_offset: 0 },
  };
}

function firstWords(text: string, count: number): string {
  if (count <= 0) return '';
  const re = /\s*\S+/g;
  let end = 0;
  for (let i = 0; i < count; i += 1) {
    const m = re.exec(text);
    if (m === null) break;
    end = m.index + m[0].length;
  }
  return text.slice(0, end).trimStart();
}

function callTokens(name: string, args: string): number {
  return Math.ceil((name.length + args.length) / 4) + 2;
}

/** The request echo fields of a Response object. */
function echoFields(context: BuildContext): JsonObject {
  const { body } = context;
  const reasoning =
    typeof body.reasoning === 'object' && body.reasoning !== null
      ? (body.reasoning as JsonObject)
      : {};
  const text = typeof body.text === 'object' && body.text !== null ? (body.text as JsonObject) : {};
  return {
    background: body.background === true,
    error: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: context.model,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    prompt_cache_retention: null,
    reasoning: context.reasoning
      ? { effort: reasoning.effort ?? 'medium', summary: reasoning.summary ?? null }
      : { effort: null, summary: null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: text.format ?? { type: 'text' }, verbosity: text.verbosity ?? 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

/** Builds the final Response object for a plan (ids are allocated in output order). */
export function buildResponse(context: BuildContext): ResponseObject {
  const { plan, ids, body } = context;
  const id = ids.item('resp');
  const output: OutputItem[] = [];
  let incompleteReason: string | undefined = context.incompleteFault;

  const reasoningTokens =
    plan.reasoningSummary === undefined ? 0 : 32 + countWords(plan.reasoningSummary);
  const maxOutput = typeof body.max_output_tokens === 'number' ? body.max_output_tokens : Infinity;
  let budget = maxOutput - reasoningTokens;
  let outputTokens = reasoningTokens;

  if (plan.reasoningSummary !== undefined) {
    const rsId = ids.item('rs');
    const reasoningOptions =
      typeof body.reasoning === 'object' && body.reasoning !== null
        ? (body.reasoning as JsonObject)
        : {};
    const wantsSummary = typeof reasoningOptions.summary === 'string';
    const include = Array.isArray(body.include) ? body.include : [];
    const item: ReasoningItem = { id: rsId, type: 'reasoning', summary: [] };
    if (include.includes('reasoning.encrypted_content'))
      item.encrypted_content = encryptReasoning(rsId);
    if (wantsSummary) item.summary = [{ type: 'summary_text', text: plan.reasoningSummary }];
    output.push(item);
    if (budget <= 0) {
      incompleteReason ??= 'max_output_tokens';
      outputTokens = Math.min(outputTokens, maxOutput);
    }
  }

  for (const item of context.hostedItems ?? []) output.push(item);

  if (incompleteReason === undefined) {
    let callCost = 0;
    for (const call of plan.calls) callCost += callTokens(call.name, call.arguments);
    if (callCost > budget) {
      incompleteReason = 'max_output_tokens';
      outputTokens += Math.max(0, budget);
    } else {
      for (const call of plan.calls) {
        const args = context.malformedArguments
          ? call.arguments.slice(0, Math.max(1, call.arguments.length - 2))
          : call.arguments;
        output.push({
          id: ids.item('fc'),
          type: 'function_call',
          status: 'completed',
          arguments: args,
          call_id: ids.callId(),
          name: call.name,
        });
      }
      outputTokens += callCost;
      budget -= callCost;
    }
  }

  if (
    plan.text !== undefined &&
    (incompleteReason === undefined || context.incompleteFault !== undefined)
  ) {
    let text = plan.text;
    const words = countWords(text);
    let status: MessageItem['status'] = 'completed';
    if (context.incompleteFault !== undefined) {
      text = firstWords(text, Math.ceil(words / 2));
      status = 'incomplete';
    } else if (words > budget) {
      incompleteReason = 'max_output_tokens';
      text = firstWords(text, Math.max(0, budget));
      status = 'incomplete';
    }
    // A continuation goes on after the words said before: it starts with the space between them.
    if (plan.continues === true && text !== '') text = ` ${text}`;
    if (text !== '' || status === 'completed') {
      output.push({
        id: ids.item('msg'),
        type: 'message',
        status,
        content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
        role: 'assistant',
      });
    }
    outputTokens += countWords(text);
  }

  const inputTokens = Math.max(1, Math.ceil(context.bodyBytes / 4));
  const cachedTokens = context.inputItemCount >= 2 ? Math.floor(inputTokens / 2) : 0;
  const usage: Usage = {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedTokens, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: Math.min(reasoningTokens, outputTokens) },
    total_tokens: inputTokens + outputTokens,
  };
  const response: ResponseObject = {
    id,
    object: 'response',
    created_at: context.nowSeconds,
    status: incompleteReason === undefined ? 'completed' : 'incomplete',
    completed_at: incompleteReason === undefined ? context.nowSeconds : null,
    content_filters: context.contentFilters
      ? [PROMPT_FILTER, completionFilter(incompleteReason === 'content_filter', outputTokens)]
      : null,
    incomplete_details: incompleteReason === undefined ? null : { reason: incompleteReason },
    ...echoFields(context),
    output,
    usage,
  };
  return response;
}

/** The `in_progress` snapshot sent in `response.created` / `response.in_progress`. */
export function inProgressSnapshot(response: ResponseObject): ResponseObject {
  return {
    ...response,
    status: 'in_progress',
    completed_at: null,
    content_filters: null,
    incomplete_details: null,
    output: [],
    usage: null,
  };
}
