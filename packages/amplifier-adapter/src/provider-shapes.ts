/**
 * Amplifier's native (snake_case) shapes, from `@amplifier-azure-openai/provider`, and the
 * provider surface this adapter drives.
 */
import type {
  CallOptions,
  ChatRequest,
  ChatResponse,
  ModelInfo,
  ProviderInfo,
  ProviderStreamEvent,
  ToolCall,
} from '@amplifier-azure-openai/provider';

export type {
  ChatRequest,
  ChatResponse,
  ConfigField,
  ContentBlock,
  EventSink,
  FinishReason,
  ImageSource,
  Message,
  ModelInfo,
  ProviderInfo,
  ProviderStreamEvent,
  ResponseFormat,
  Role,
  ToolCall,
  ToolSpec,
  Usage,
  Visibility,
} from '@amplifier-azure-openai/provider';

/**
 * The provider surface this adapter drives. Structural: the `AzureOpenAIProvider` returned by
 * `createAzureOpenAIProvider` satisfies it, and tests or hosts may pass their own.
 */
export interface ProviderLike {
  /** Provider name (`azure-openai`). */
  readonly name: string;
  /** Provider metadata. */
  getInfo(): ProviderInfo;
  /** Models the provider can serve. */
  listModels(): Promise<ModelInfo[]>;
  /** One completion. */
  complete(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  /** One streamed completion. */
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ProviderStreamEvent>;
  /** Tool calls of a response. */
  parseToolCalls(response: ChatResponse): ToolCall[];
  /** Releases connections and timers. */
  close(): Promise<void>;
}
