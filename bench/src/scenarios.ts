import type { ChatRequest, Message, ToolSpec } from '@amplifier-azure-openai/provider';

/** The deployment every contender calls (a non-reasoning model: plain text or tool calls back). */
export const DEPLOYMENT = 'gpt-4o';

/** The api-version LangChain's `AzureChatOpenAI` needs (it only speaks the dated surface). */
export const DATED_API_VERSION = '2025-04-01-preview';

/** Sampling settings the provider sends by default; the peers are configured to send the same. */
export const TEMPERATURE = 0.7;
/** See {@link TEMPERATURE}. */
export const MAX_OUTPUT_TOKENS = 4096;

/** Case 1: one short user turn, one short text answer. */
export const SIMPLE_PROMPT = 'Say hello to the benchmark.';

/** Case 3: a long streamed answer (the emulator sends one delta per word). */
export const LONG_WORDS = 2000;
/** See {@link LONG_WORDS}. */
export const STREAM_PROMPT = `Please give a long answer of ${LONG_WORDS} words.`;

/** Case 2: the system prompt. */
export const SYSTEM_PROMPT = 'You are a concise travel assistant. Use the tools when asked.';

/** Case 2: the new user turn; the emulator answers with 4 parallel calls (2 tools x 2 cities). */
export const TOOL_PROMPT = 'What is the weather and the time in Paris and Tokyo?';

/** A function tool, in JSON Schema. */
export interface ToolDef {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Case 2: the tools offered. */
export const TOOLS: readonly ToolDef[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city', 'unit'],
      additionalProperties: false,
    },
  },
  {
    name: 'get_time',
    description: 'Local time in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
];

/** One past turn of case 2's history. */
export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

const CITIES = ['Lisbon', 'Oslo', 'Rome', 'Vienna', 'Prague', 'Madrid', 'Dublin', 'Berlin'];

/** Case 2: a 20-message history (10 user/assistant pairs) before the new turn. */
export const HISTORY: readonly Turn[] = Array.from({ length: 20 }, (_, i): Turn => {
  const city = CITIES[Math.floor(i / 2) % CITIES.length] ?? 'Lisbon';
  return i % 2 === 0
    ? { role: 'user', text: `Turn ${i / 2 + 1}: what should I pack for a weekend in ${city}?` }
    : {
        role: 'assistant',
        text: `For ${city}: a light jacket, comfortable walking shoes, an umbrella and a charger. Check the forecast the day before you leave.`,
      };
});

/** Case 1 as an Amplifier ChatRequest. */
export function simpleChatRequest(): ChatRequest {
  return { model: DEPLOYMENT, messages: [{ role: 'user', content: SIMPLE_PROMPT }] };
}

/** Case 2 as an Amplifier ChatRequest. */
export function toolChatRequest(): ChatRequest {
  const messages: Message[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    ...HISTORY.map((t): Message => ({ role: t.role, content: t.text })),
    { role: 'user', content: TOOL_PROMPT },
  ];
  const tools: ToolSpec[] = TOOLS.map(t => ({
    name: t.name,
    description: t.description,
    parameters: t.parameters,
  }));
  return { model: DEPLOYMENT, messages, tools, parallel_tool_calls: true };
}

/** Case 3 as an Amplifier ChatRequest. */
export function streamChatRequest(): ChatRequest {
  return { model: DEPLOYMENT, messages: [{ role: 'user', content: STREAM_PROMPT }] };
}
