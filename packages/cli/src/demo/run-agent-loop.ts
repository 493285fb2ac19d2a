import type {
  AzureOpenAIProvider,
  ChatResponse,
  Message,
  ToolCall,
  ToolSpec,
  Usage,
} from '@amplifier-azure-openai/provider';
import { runCompletion } from '../run-completion.js';

/** What happened in the agent loop, reported as it happens. */
export interface AgentLoopObserver {
  /** After each model answer. */
  onResponse?(response: ChatResponse, turn: number): void;
  /** A tool call and its local result. */
  onToolResult?(call: ToolCall, output: unknown, isError: boolean): void;
}

/** Options of {@link runAgentLoop}. */
export interface AgentLoopOptions {
  provider: AzureOpenAIProvider;
  /** The user's question. */
  prompt: string;
  /** Model to ask for (default: the provider's default model). */
  model?: string | undefined;
  /** The tools offered. */
  tools: readonly ToolSpec[];
  /** Runs one tool call locally. */
  runTool(name: string, args: Record<string, unknown>): { output: unknown; isError: boolean };
  /** Stop after this many model calls (default 5). */
  maxTurns?: number | undefined;
  /** Cancels the loop. */
  signal?: AbortSignal | undefined;
  /** Progress callbacks. */
  observer?: AgentLoopObserver | undefined;
}

/** The outcome of {@link runAgentLoop}. */
export interface AgentLoopResult {
  /** The final answer (a response without tool calls). */
  final: ChatResponse;
  /** Every model answer, in order. */
  responses: ChatResponse[];
  /** The whole conversation, final answer included. */
  messages: Message[];
  /** Usage summed over every call. */
  usage: Usage;
}

/**
 * A minimal agent loop through the same completion path as `chat`: ask, run the tool calls
 * locally, send the results back (with the assistant turn, reasoning included, unchanged), until
 * an answer has no tool calls.
 *
 * @throws Error named `AgentLoopError` when there is no final answer after `maxTurns` calls.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<AgentLoopResult> {
  const messages: Message[] = [{ role: 'user', content: options.prompt }];
  const responses: ChatResponse[] = [];
  const usage: Usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  const maxTurns = options.maxTurns ?? 5;
  for (let turn = 1; turn <= maxTurns; turn += 1) {
    const response = await runCompletion(
      options.provider,
      {
        messages: [...messages],
        tools: options.tools,
        ...(options.model === undefined ? {} : { model: options.model }),
      },
      { stream: false, signal: options.signal },
    );
    responses.push(response);
    if (response.usage !== undefined) {
      usage.input_tokens += response.usage.input_tokens;
      usage.output_tokens += response.usage.output_tokens;
      usage.total_tokens += response.usage.total_tokens;
    }
    options.observer?.onResponse?.(response, turn);
    messages.push({ role: 'assistant', content: response.content });
    const calls = options.provider.parseToolCalls(response);
    if (calls.length === 0) return { final: response, responses, messages, usage };
    for (const call of calls) {
      const { output, isError } = options.runTool(call.name, call.arguments ?? {});
      options.observer?.onToolResult?.(call, output, isError);
      messages.push({
        role: 'tool',
        tool_call_id: call.id,
        content: [{ type: 'tool_result', tool_call_id: call.id, output, is_error: isError }],
      });
    }
  }
  const error = new Error(
    `No final answer after ${maxTurns} model calls (the model kept calling tools).`,
  );
  error.name = 'AgentLoopError';
  throw error;
}
