/**
 * Amplifier's provider shapes in TypeScript.
 *
 * Field names are snake_case, exactly as Amplifier's kernel names them on its native (JSON) wire
 * (see `../shared/amplifier/SHAPES.md` and `amplifier_module.proto`). Every field that Amplifier
 * may omit is optional, and every shape tolerates vendor extension fields where the kernel does
 * (`extra="allow"`), so values coming from Amplifier can be passed through without copying.
 *
 * @packageDocumentation
 */

/** A conversation role, as Amplifier names it. */
export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'function' | 'tool';

/** Who a content block is meant for. */
export type Visibility = 'internal' | 'developer' | 'user';

/** Fields every content block may carry. */
export interface ContentBlockBase {
  /** Who the block is meant for; `internal` blocks are kept for the model, not shown to users. */
  visibility?: Visibility | undefined;
}

/** Plain text. */
export interface TextBlock extends ContentBlockBase {
  type: 'text';
  text: string;
  /**
   * Vendor extension: the id of the Responses output message item this text came from
   * (`msg_...`); when present the text is sent back as that output message item.
   */
  item_id?: string | undefined;
}

/**
 * Vendor thinking. For Azure OpenAI (like Amplifier's OpenAI-family providers) a Responses
 * `reasoning` output item becomes a thinking block: `thinking` is its summary text, and `content` is
 * `[encrypted_content, reasoning item id]`, so a stateless next turn can send the item back.
 */
export interface ThinkingBlock extends ContentBlockBase {
  type: 'thinking';
  thinking: string;
  /** Anthropic-style signature; kept as given, not used by Azure OpenAI. */
  signature?: string | null | undefined;
  /** `[encrypted_content, reasoning item id]` for Responses reasoning items (either may be null). */
  content?: readonly unknown[] | string | null | undefined;
  /** Vendor extension: the reasoning item's summary parts, kept so they can be sent back unchanged. */
  summary?: readonly string[] | undefined;
  /** Vendor extension: the reasoning item's `reasoning_text` content parts, when the model returned any. */
  reasoning_content?: readonly string[] | undefined;
}

/** Thinking the vendor redacted. */
export interface RedactedThinkingBlock extends ContentBlockBase {
  type: 'redacted_thinking';
  data: string;
}

/** A tool call made by the assistant. `id` matches the `tool_call_id` of its result. */
export interface ToolCallBlock extends ContentBlockBase {
  type: 'tool_call';
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Vendor extension: the arguments text as the model sent it, when it was not a JSON object. */
  raw_arguments?: string | undefined;
  /** Vendor extension: why the arguments could not be decoded. */
  parse_error?: string | undefined;
  /**
   * Vendor extension: `custom` for a Responses custom (free-form) tool call, whose `input` is
   * `{ input: <text> }`; absent or `function` for function calls.
   */
  tool_type?: 'function' | 'custom' | undefined;
  /**
   * Vendor extension: the id of the Responses output item this call came from (`fc_...` /
   * `ctc_...`), sent back with the call so a reasoning item before it can be replayed (Azure
   * requires a reasoning item to be followed by its original item, id included).
   */
  item_id?: string | undefined;
}

/** The result of a tool call. */
export interface ToolResultBlock extends ContentBlockBase {
  type: 'tool_result';
  tool_call_id: string;
  /**
   * Any JSON value, sent as a string: a string as it is; `null` or `undefined` as `''`; a
   * non-empty array of `{ type: 'text', text }` parts as their texts joined by newlines; anything
   * else JSON-encoded.
   */
  output: unknown;
  /** Vendor extension: the tool failed. */
  is_error?: boolean | undefined;
}

/**
 * An image. `source` is `{ type: 'base64', media_type, data }` or `{ type: 'url', url }`
 * (a `data:` URL in `url` is accepted too).
 */
export interface ImageBlock extends ContentBlockBase {
  type: 'image';
  source: ImageSource;
}

/** Where an image comes from. */
export type ImageSource =
  | {
      type: 'base64';
      media_type: string;
      data: string;
      detail?: 'low' | 'high' | 'auto' | undefined;
    }
  | { type: 'url'; url: string; detail?: 'low' | 'high' | 'auto' | undefined };

/**
 * An o-series style reasoning chain: both lists must survive a round trip. The vendor extensions
 * `id` and `encrypted_content` let it be sent back to Azure as a reasoning item.
 */
export interface ReasoningBlock extends ContentBlockBase {
  type: 'reasoning';
  content: readonly unknown[];
  summary: readonly unknown[];
  /** Vendor extension: the Responses reasoning item id. */
  id?: string | undefined;
  /** Vendor extension: the Responses reasoning item's encrypted content. */
  encrypted_content?: string | null | undefined;
}

/** Every content block Amplifier knows. */
export type ContentBlock =
  | TextBlock
  | ThinkingBlock
  | RedactedThinkingBlock
  | ToolCallBlock
  | ToolResultBlock
  | ImageBlock
  | ReasoningBlock;

/** The `type` of a content block. */
export type ContentBlockType = ContentBlock['type'];

/** One conversation message. */
export interface Message {
  role: Role;
  content: string | readonly ContentBlock[];
  name?: string | undefined;
  /** For `role: 'tool'` messages whose content is a plain string: the call this answers. */
  tool_call_id?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/**
 * A tool the model may call. Amplifier's form has `parameters`; the `input_schema` form (as in the
 * product documentation) is accepted too.
 */
export interface ToolSpec {
  name: string;
  description?: string | undefined;
  /** JSON Schema of the arguments object. */
  parameters?: Record<string, unknown> | undefined;
  /** Alternative spelling of `parameters`. */
  input_schema?: Record<string, unknown> | undefined;
  /** Ask Azure to enforce the schema strictly (default false). */
  strict?: boolean | undefined;
}

/**
 * Tool selection: `auto`, `none`, `required`, a tool name, or an object such as
 * `{ type: 'function', name }` / `{ type: 'tool', name }`.
 */
export type ToolChoice = string | Readonly<Record<string, unknown>>;

/** Output format of the answer. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | {
      type: 'json_schema';
      schema?: Record<string, unknown> | undefined;
      strict?: boolean | undefined;
      name?: string | undefined;
      description?: string | undefined;
      /** OpenAI chat-completions spelling, accepted too. */
      json_schema?:
        | {
            name?: string | undefined;
            schema?: Record<string, unknown> | undefined;
            strict?: boolean | undefined;
            description?: string | undefined;
          }
        | undefined;
    };

/** Reasoning effort a request may ask for. */
export type ReasoningEffortLevel = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** An Amplifier chat request. */
export interface ChatRequest {
  messages: readonly Message[];
  tools?: readonly ToolSpec[] | undefined;
  response_format?: ResponseFormat | undefined;
  temperature?: number | undefined;
  top_p?: number | undefined;
  max_output_tokens?: number | undefined;
  /** Accepted alias of `max_output_tokens`; always sent as `max_output_tokens`. */
  max_tokens?: number | undefined;
  conversation_id?: string | undefined;
  stream?: boolean | undefined;
  metadata?: Record<string, unknown> | undefined;
  model?: string | undefined;
  tool_choice?: ToolChoice | undefined;
  /** Responses API has no stop sequences: ignored with a warning. */
  stop?: readonly string[] | undefined;
  reasoning_effort?: ReasoningEffortLevel | string | undefined;
  /** Vendor extension: reasoning summary detail for reasoning models. */
  reasoning_summary?: 'auto' | 'concise' | 'detailed' | undefined;
  /** Vendor extension: allow several tool calls in one turn. */
  parallel_tool_calls?: boolean | undefined;
  /**
   * Vendor extensions, per call (each may also be a key of `metadata`, as the Python provider's
   * keyword arguments; the request field wins, then `metadata`, then the config): prompt-cache
   * routing key, retention, end-user id for abuse monitoring, truncation, service tier, answer
   * verbosity (`text.verbosity`), headers for a gateway and fields merged into the request body.
   */
  prompt_cache_key?: string | undefined;
  prompt_cache_retention?: 'in_memory' | '24h' | undefined;
  safety_identifier?: string | undefined;
  truncation?: 'auto' | 'disabled' | undefined;
  service_tier?: 'auto' | 'default' | 'flex' | 'priority' | undefined;
  text_verbosity?: 'low' | 'medium' | 'high' | undefined;
  extra_headers?: Record<string, string> | undefined;
  extra_body?: Record<string, unknown> | undefined;
  /** Seconds. */
  timeout?: number | undefined;
  /**
   * Vendor extension (also a `metadata` key): run this call as a background response (polled; needs
   * `store = true`), or not, whatever the config's `background` says.
   */
  background?: boolean | undefined;
  /** Vendor extension (also a `metadata` key): resume this background response (`resp_...`) by id. */
  background_response_id?: string | undefined;
}

/** A decoded tool call. */
export interface ToolCall {
  id: string;
  name: string;
  /** Decoded JSON arguments; `{}` when they could not be decoded (see `parse_error`). */
  arguments: Record<string, unknown>;
  /** The arguments text as the model sent it, present when it was not a valid JSON object. */
  raw_arguments?: string | undefined;
  /** Why the arguments could not be decoded; the orchestrator can tell the model. */
  parse_error?: string | undefined;
  /** `custom` for a Responses custom (free-form) tool call: `arguments` is `{ input: <text> }`. */
  tool_type?: 'function' | 'custom' | undefined;
}

/** Token usage. */
export interface Usage {
  /** Gross input tokens (fresh + cache read). */
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  reasoning_tokens?: number | undefined;
  cache_read_tokens?: number | undefined;
  cache_write_tokens?: number | undefined;
  /** Decimal as a string. */
  cost_usd?: string | undefined;
}

/** A capability the request asked for that the provider could not give. */
export interface Degradation {
  requested: string;
  actual: string;
  reason: string;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter';

/** Metadata this provider puts on every ChatResponse. */
export interface ResponseMetadata {
  /** The Responses API response id (`resp_...`). */
  response_id?: string | undefined;
  /** The Azure deployment that answered. */
  deployment?: string | undefined;
  /** The model Azure reports (resolved model name). */
  model?: string | undefined;
  /** Azure request id (`apim-request-id` / `x-request-id`). */
  request_id?: string | undefined;
  /** The `x-ms-client-request-id` (a UUID) this provider sent with the request that answered. */
  client_request_id?: string | undefined;
  /** Responses `status` (completed, incomplete, ...). */
  status?: string | undefined;
  /** `incomplete_details.reason` when the answer is incomplete. */
  incomplete_reason?: string | undefined;
  /**
   * For an incomplete answer: the reason, whether a reasoning model spent the whole output budget
   * on reasoning (no visible answer), and what happened and what to change, for a person.
   */
  incomplete?:
    | { reason: string; reasoning_only: boolean; message: string; fix: string }
    | undefined;
  /** Azure content-filter results (`content_filters` / `content_filter_results`), as sent. */
  content_filters?: unknown;
  /** Output items this provider does not map, kept raw (never dropped). */
  unknown_output_items?: unknown[] | undefined;
  /** The model the caller asked for (before deployment resolution). */
  requested_model?: string | undefined;
  /**
   * A `parallel` wrapper call was unwrapped into separate tool calls whose ids were derived
   * (`<call_id>_<n>`); such a response is never chained with `previous_response_id`.
   */
  parallel_tool_call_unwrapped?: boolean | undefined;
  /** The model's refusal text, when it refused (also present as a text block). */
  refusal?: string | undefined;
  /** Non-empty `output_text` annotations (e.g. URL citations) by message item id. */
  annotations?: Array<{ item_id: string | undefined; annotations: unknown[] }> | undefined;
  /** Further provider-specific keys. */
  [key: string]: unknown;
}

/** An Amplifier chat response. */
export interface ChatResponse {
  content: ContentBlock[];
  tool_calls?: ToolCall[] | undefined;
  usage?: Usage | undefined;
  degradation?: Degradation | undefined;
  finish_reason?: FinishReason | undefined;
  metadata?: ResponseMetadata | undefined;
}

/** Error facts carried by a failed stream (`response.failed` or an `error` event). */
export interface StreamErrorInfo {
  /** Azure / OpenAI error code, e.g. `rate_limit_exceeded`, `content_filter`, `server_error`. */
  code?: string | undefined;
  message: string;
  /** Error type, when sent. */
  type?: string | undefined;
  /** The rejected parameter, when sent. */
  param?: string | undefined;
  /** The Responses response id, when known. */
  response_id?: string | undefined;
}

/**
 * A streaming event this provider yields, modelled on Amplifier's StreamEvent v1
 * (`streaming_event_v1.json`). The envelope fields (`ts`, `session_id`, `seq`) are added by the
 * orchestrator, not here.
 */
export type ProviderStreamEvent =
  | { type: 'message.start'; id: string; model?: string | undefined }
  | { type: 'text.delta'; text: string; item_id?: string | undefined }
  | { type: 'thinking.delta'; text: string; item_id?: string | undefined }
  | { type: 'tool_call.start'; id: string; name: string }
  | { type: 'tool_call.delta'; id: string; arguments_fragment: string }
  | {
      type: 'tool_call.end';
      id: string;
      name: string;
      arguments: Record<string, unknown>;
      raw_arguments?: string | undefined;
      parse_error?: string | undefined;
    }
  | { type: 'message.end'; response: ChatResponse; usage?: Usage | undefined }
  | { type: 'error'; error: StreamErrorInfo };

/** The `type` of a provider stream event. */
export type ProviderStreamEventType = ProviderStreamEvent['type'];

/** Amplifier ModelInfo (snake_case), as `@amplifier-azure-openai/deployments` builds it. */
export type { ModelInfo } from '@amplifier-azure-openai/deployments';

/** How an interactive setup asks for a config value. */
export type ConfigFieldType = 'text' | 'secret' | 'choice' | 'boolean';

/** A configuration value the provider needs, for interactive setup. */
export interface ConfigField {
  id: string;
  display_name: string;
  field_type: ConfigFieldType;
  prompt: string;
  env_var?: string | undefined;
  choices?: string[] | undefined;
  required: boolean;
  default?: string | undefined;
  show_when?: Record<string, string> | undefined;
  requires_model: boolean;
}

/** Amplifier ProviderInfo (snake_case). */
export interface ProviderInfo {
  id: string;
  display_name: string;
  credential_env_vars: string[];
  capabilities: string[];
  defaults: Record<string, unknown>;
  config_fields: ConfigField[];
}
