import { createAzure } from '@ai-sdk/azure';
import { resolveConfig } from '@amplifier-azure-openai/config';
import {
  type AzureOpenAIProvider,
  type ChatRequest,
  type ChatResponse,
  createAzureOpenAIProvider,
} from '@amplifier-azure-openai/provider';
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { AzureChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, type ModelMessage, streamText, type ToolSet, tool } from 'ai';
import OpenAI from 'openai';
import type {
  Response as OpenAIResponse,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
} from 'openai/resources/responses/responses';
import { type Answer, answerFromResponsesJson, makeAnswer } from './answer.js';
import type { EmulatorEndpoint } from './emulator-protocol.js';
import {
  DATED_API_VERSION,
  DEPLOYMENT,
  HISTORY,
  MAX_OUTPUT_TOKENS,
  SIMPLE_PROMPT,
  STREAM_PROMPT,
  SYSTEM_PROMPT,
  simpleChatRequest,
  streamChatRequest,
  TEMPERATURE,
  TOOL_PROMPT,
  TOOLS,
  toolChatRequest,
} from './scenarios.js';

/** The contenders, in report order. */
export const CONTENDER_IDS = ['fetch', 'openai-sdk', 'provider', 'ai-sdk', 'langchain'] as const;
/** A contender's id. */
export type ContenderId = (typeof CONTENDER_IDS)[number];

/** Human-readable names. */
export const CONTENDER_LABELS: Record<ContenderId, string> = {
  fetch: 'fetch (floor)',
  'openai-sdk': 'openai SDK responses.create',
  provider: 'provider.complete (this project)',
  'ai-sdk': '@ai-sdk/azure generateText',
  langchain: 'LangChain AzureChatOpenAI',
};

/** One way of making the benchmark's request. */
export interface Contender {
  id: ContenderId;
  /** One request, as the library's user would make it. */
  call(): Promise<unknown>;
  /** The normalized answer of a `call()` result (verification only, not timed). */
  answer(result: unknown): Answer;
}

/** Timings of one streamed answer. */
export interface StreamSample {
  /** From the call to the first text delta. */
  ttfdMs: number;
  /** From the call to the end of the stream. */
  totalMs: number;
  /** Text characters received (verification). */
  chars: number;
}

/** One way of streaming the benchmark's long answer. */
export interface StreamContender {
  id: ContenderId;
  stream(): Promise<StreamSample>;
}

/** The two non-streaming scenarios. */
export type Scenario = 'simple' | 'tools';

/** A provider against the emulator with an API key (the defaults otherwise). */
export function createBenchProvider(
  emu: EmulatorEndpoint,
  extra: Record<string, unknown> = {},
  fetchImpl?: typeof fetch,
): AzureOpenAIProvider {
  return createAzureOpenAIProvider({
    config: resolveConfig({ azure_endpoint: emu.url, api_key: emu.apiKey, ...extra }, {}),
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

function chatRequest(scenario: Scenario): ChatRequest {
  return scenario === 'simple' ? simpleChatRequest() : toolChatRequest();
}

function providerAnswer(result: unknown): Answer {
  const response = result as ChatResponse;
  let text = '';
  for (const block of response.content) {
    if (block.type === 'text' && 'text' in block && typeof block.text === 'string') {
      text += block.text;
    }
  }
  return makeAnswer(
    text,
    (response.tool_calls ?? []).map(c => [c.name, c.arguments]),
  );
}

/** The AI SDK takes the system prompt as `system` (a system message in `messages` warns per call). */
function aiSdkMessages(scenario: Scenario): ModelMessage[] {
  if (scenario === 'simple') return [{ role: 'user', content: SIMPLE_PROMPT }];
  return [
    ...HISTORY.map(
      (t): ModelMessage =>
        t.role === 'user'
          ? { role: 'user', content: t.text }
          : { role: 'assistant', content: t.text },
    ),
    { role: 'user', content: TOOL_PROMPT },
  ];
}

function aiSdkTools(): ToolSet {
  const tools: ToolSet = {};
  for (const t of TOOLS) {
    tools[t.name] = tool({ description: t.description, inputSchema: jsonSchema(t.parameters) });
  }
  return tools;
}

function langchainMessages(scenario: Scenario): BaseMessage[] {
  if (scenario === 'simple') return [new HumanMessage(SIMPLE_PROMPT)];
  return [
    new SystemMessage(SYSTEM_PROMPT),
    ...HISTORY.map(t => (t.role === 'user' ? new HumanMessage(t.text) : new AIMessage(t.text))),
    new HumanMessage(TOOL_PROMPT),
  ];
}

function langchainModel(emu: EmulatorEndpoint, fetchImpl?: typeof fetch): AzureChatOpenAI {
  return new AzureChatOpenAI({
    ...(fetchImpl === undefined ? {} : { configuration: { fetch: fetchImpl } }),
    model: DEPLOYMENT,
    azureOpenAIEndpoint: emu.url,
    azureOpenAIApiKey: emu.apiKey,
    azureOpenAIApiDeploymentName: DEPLOYMENT,
    azureOpenAIApiVersion: DATED_API_VERSION,
    useResponsesApi: true,
    zdrEnabled: true,
    temperature: TEMPERATURE,
    maxTokens: MAX_OUTPUT_TOKENS,
    maxRetries: 0,
  });
}

function langchainAnswer(result: unknown): Answer {
  const message = result as AIMessage;
  return makeAnswer(
    message.text,
    (message.tool_calls ?? []).map(c => [c.name, c.args]),
  );
}

function aiSdkAnswer(result: unknown): Answer {
  const r = result as Awaited<ReturnType<typeof generateText>>;
  return makeAnswer(
    r.text,
    r.toolCalls.map(c => [c.toolName, c.input]),
  );
}

const AI_SDK_PROVIDER_OPTIONS = { azure: { store: false }, openai: { store: false } };

/**
 * Builds the five contenders for a scenario. The floor and the raw SDK send the provider's own
 * request body byte for byte (captured from the emulator); the peers are configured to send the
 * same settings (temperature, max_output_tokens, store: false).
 */
export function createContenders(
  scenario: Scenario,
  emu: EmulatorEndpoint,
  provider: AzureOpenAIProvider,
  providerBody: Record<string, unknown>,
  fetchImpl?: typeof fetch,
): Contender[] {
  const v1 = `${emu.url}/openai/v1`;
  const url = `${v1}/responses`;
  const headers = { 'content-type': 'application/json', 'api-key': emu.apiKey };
  const doFetch = fetchImpl ?? fetch;
  const withFetch = fetchImpl === undefined ? {} : { fetch: fetchImpl };
  const sdk = new OpenAI({ baseURL: v1, apiKey: emu.apiKey, maxRetries: 0, ...withFetch });
  const azure = createAzure({ baseURL: v1, apiKey: emu.apiKey, ...withFetch });
  const aiModel = azure.responses(DEPLOYMENT);
  const aiMessages = aiSdkMessages(scenario);
  const aiTools = scenario === 'tools' ? aiSdkTools() : undefined;
  const lcBase = langchainModel(emu, fetchImpl);
  const lc =
    scenario === 'tools'
      ? lcBase.bindTools(
          TOOLS.map(t => ({
            type: 'function' as const,
            function: { name: t.name, description: t.description, parameters: t.parameters },
          })),
          { parallel_tool_calls: true },
        )
      : lcBase;
  const lcMessages = langchainMessages(scenario);
  const request = chatRequest(scenario);
  const sdkBody = providerBody as unknown as ResponseCreateParamsNonStreaming;

  return [
    {
      id: 'fetch',
      async call() {
        const res = await doFetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(providerBody),
        });
        if (!res.ok) throw new Error(`fetch floor: HTTP ${res.status} ${await res.text()}`);
        return res.json();
      },
      answer: answerFromResponsesJson,
    },
    {
      id: 'openai-sdk',
      call: () => sdk.responses.create(sdkBody),
      answer: result => answerFromResponsesJson(result as OpenAIResponse),
    },
    {
      id: 'provider',
      call: () => provider.complete(request),
      answer: providerAnswer,
    },
    {
      id: 'ai-sdk',
      call: () =>
        generateText({
          model: aiModel,
          ...(scenario === 'tools' ? { system: SYSTEM_PROMPT } : {}),
          messages: aiMessages,
          ...(aiTools === undefined ? {} : { tools: aiTools }),
          temperature: TEMPERATURE,
          maxOutputTokens: MAX_OUTPUT_TOKENS,
          providerOptions: AI_SDK_PROVIDER_OPTIONS,
          maxRetries: 0,
        }),
      answer: aiSdkAnswer,
    },
    {
      id: 'langchain',
      call: () => lc.invoke(lcMessages),
      answer: langchainAnswer,
    },
  ];
}

/**
 * A `fetch` that answers every call at once with a recorded emulator answer (no socket), to
 * measure each library's own CPU cost per call without network, emulator or kernel noise.
 */
export function cannedFetch(status: number, body: string, contentType: string): typeof fetch {
  const headers = { 'content-type': contentType, 'apim-request-id': 'bench-canned' };
  return (async (_input: unknown, init?: RequestInit) => {
    if (init?.body !== undefined && typeof init.body !== 'string') {
      // drain non-string bodies so every library pays for serialising its request
      await new Response(init.body).arrayBuffer();
    }
    return new Response(body, { status, headers });
  }) as typeof fetch;
}

/** Sends `body` to the emulator once and returns its answer, to be replayed by {@link cannedFetch}. */
export async function recordCannedAnswer(
  emu: EmulatorEndpoint,
  body: Record<string, unknown>,
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${emu.url}/openai/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'api-key': emu.apiKey },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/**
 * Sends `body` to the emulator once and returns a {@link cannedFetch} answering every later call
 * with that recorded answer.
 */
export async function recordCannedFetch(
  emu: EmulatorEndpoint,
  body: Record<string, unknown>,
): Promise<typeof fetch> {
  const answer = await recordCannedAnswer(emu, body);
  return cannedFetch(answer.status, answer.body, 'application/json');
}

/** Builds the streaming contenders (case 3): all read until the end, timing the first text delta. */
export function createStreamContenders(
  emu: EmulatorEndpoint,
  provider: AzureOpenAIProvider,
  providerStreamBody: Record<string, unknown>,
): StreamContender[] {
  const v1 = `${emu.url}/openai/v1`;
  const url = `${v1}/responses`;
  const headers = { 'content-type': 'application/json', 'api-key': emu.apiKey };
  const sdk = new OpenAI({ baseURL: v1, apiKey: emu.apiKey, maxRetries: 0 });
  const azure = createAzure({ baseURL: v1, apiKey: emu.apiKey });
  const aiModel = azure.responses(DEPLOYMENT);
  const lc = langchainModel(emu);
  const request = streamChatRequest();
  const sdkBody = providerStreamBody as unknown as ResponseCreateParamsStreaming;

  return [
    {
      id: 'fetch',
      async stream() {
        const start = performance.now();
        let ttfd = -1;
        let bytes = 0;
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(providerStreamBody),
        });
        if (!res.ok || res.body === null) throw new Error(`fetch floor: HTTP ${res.status}`);
        const decoder = new TextDecoder();
        for await (const chunk of res.body) {
          bytes += chunk.byteLength;
          if (ttfd < 0 && decoder.decode(chunk).includes('response.output_text.delta')) {
            ttfd = performance.now() - start;
          }
        }
        return { ttfdMs: ttfd, totalMs: performance.now() - start, chars: bytes };
      },
    },
    {
      id: 'openai-sdk',
      async stream() {
        const start = performance.now();
        let ttfd = -1;
        let chars = 0;
        const events = await sdk.responses.create(sdkBody);
        for await (const event of events) {
          if (event.type === 'response.output_text.delta') {
            if (ttfd < 0) ttfd = performance.now() - start;
            chars += event.delta.length;
          }
        }
        return { ttfdMs: ttfd, totalMs: performance.now() - start, chars };
      },
    },
    {
      id: 'provider',
      async stream() {
        const start = performance.now();
        let ttfd = -1;
        let chars = 0;
        for await (const event of provider.stream(request)) {
          if (event.type === 'text.delta') {
            if (ttfd < 0) ttfd = performance.now() - start;
            chars += event.text.length;
          }
        }
        return { ttfdMs: ttfd, totalMs: performance.now() - start, chars };
      },
    },
    {
      id: 'ai-sdk',
      async stream() {
        const start = performance.now();
        let ttfd = -1;
        let chars = 0;
        const result = streamText({
          model: aiModel,
          prompt: STREAM_PROMPT,
          temperature: TEMPERATURE,
          maxOutputTokens: MAX_OUTPUT_TOKENS,
          providerOptions: AI_SDK_PROVIDER_OPTIONS,
          maxRetries: 0,
          onError: () => {},
        });
        for await (const text of result.textStream) {
          if (ttfd < 0) ttfd = performance.now() - start;
          chars += text.length;
        }
        return { ttfdMs: ttfd, totalMs: performance.now() - start, chars };
      },
    },
    {
      id: 'langchain',
      async stream() {
        const start = performance.now();
        let ttfd = -1;
        let chars = 0;
        for await (const chunk of await lc.stream([new HumanMessage(STREAM_PROMPT)])) {
          const text = chunk.text;
          if (text.length > 0) {
            if (ttfd < 0) ttfd = performance.now() - start;
            chars += text.length;
          }
        }
        return { ttfdMs: ttfd, totalMs: performance.now() - start, chars };
      },
    },
  ];
}
