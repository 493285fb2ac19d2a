/**
 * Property (broader than the provider's own round-trip test, which maps Amplifier -> input items
 * -> back with internal mappers): whole multi-turn conversations through the provider's public
 * API. Each turn, Azure answers (a fake fetch) with a random output: reasoning with encrypted
 * content, messages with several parts, tool calls (some with invalid JSON arguments), hosted
 * tool items (sent back unchanged), unknown items. The provider parses it, the answer and tool results (strings, JSON values, result
 * blocks, errors) go back into the conversation with user text and images, and the next request
 * body must carry every block, in order, with the same ids, call ids and encrypted content.
 * Also: the exported buildResponsesRequest keeps every Amplifier block of random conversations.
 */
import { resolveConfig } from '@amplifier-azure-openai/config';
import { ItemRegistry } from '@amplifier-azure-openai/emulator';
import {
  type ChatResponse,
  type ContentBlock,
  createAzureOpenAIProvider,
  type Message,
} from '@amplifier-azure-openai/provider';
import { buildResponsesRequest } from '@amplifier-azure-openai/provider/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HOSTED_ITEM_TYPES,
  type JsonObject,
  outputItem,
  reasoningItem,
} from '../src/arbitraries/responses-arbitraries.js';
import { fuzzRuns } from '../src/harness/fuzz-runs.js';

type Step = [kind: string, ...details: unknown[]];

/** What each input item of a request body says, in order (text, ids, call ids, payloads). */
function projectInput(input: unknown): Step[] {
  const steps: Step[] = [];
  for (const raw of input as JsonObject[]) {
    const item = raw;
    if (item.type === 'reasoning') {
      steps.push([
        'reasoning',
        item.id,
        item.encrypted_content,
        ((item.summary as JsonObject[] | undefined) ?? []).map(part => part.text),
      ]);
    } else if (item.type === 'function_call') {
      steps.push(['call', item.call_id, item.name, normalizeArguments(String(item.arguments))]);
    } else if (item.type === 'function_call_output') {
      steps.push(['output', item.call_id, item.output]);
    } else if (HOSTED_ITEM_TYPES.has(String(item.type))) {
      steps.push(['hosted', item]);
    } else if (item.role === 'assistant') {
      const parts = Array.isArray(item.content)
        ? (item.content as JsonObject[]).map(part => part.text)
        : [item.content];
      steps.push(['assistant', ...parts]);
    } else {
      const parts = Array.isArray(item.content)
        ? (item.content as JsonObject[]).map(part =>
            part.type === 'input_image' ? ['image', part.image_url, part.detail] : part.text,
          )
        : [item.content];
      steps.push([String(item.role), ...parts]);
    }
  }
  return steps;
}

/** JSON arguments compared as values (empty = `{}`); anything else as the exact text. */
function normalizeArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // keep the raw text
  }
  return text;
}

/**
 * What the next request must say about one Azure output. Unknown items are not sent back (they are
 * kept in metadata), so a reasoning item followed by nothing that is sent back is dropped too:
 * Azure rejects a reasoning item without its following item.
 */
function projectOutput(output: readonly JsonObject[]): Step[] {
  const steps: Step[] = [];
  const sentBack = (item: JsonObject) =>
    item.type === 'message' ||
    item.type === 'function_call' ||
    HOSTED_ITEM_TYPES.has(String(item.type));
  output.forEach((item, index) => {
    if (item.type === 'reasoning') {
      if (!output.slice(index + 1).some(sentBack)) return;
      steps.push([
        'reasoning',
        item.id,
        item.encrypted_content,
        (item.summary as JsonObject[]).map(part => part.text),
      ]);
    } else if (item.type === 'function_call') {
      steps.push(['call', item.call_id, item.name, normalizeArguments(String(item.arguments))]);
    } else if (item.type === 'message') {
      steps.push(['assistant', ...(item.content as JsonObject[]).map(part => part.text)]);
    } else if (HOSTED_ITEM_TYPES.has(String(item.type))) {
      steps.push(['hosted', item]);
    }
  });
  return steps;
}

const userTurn = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map(text => ({ text, image: undefined })),
  fc.record({
    text: fc.string({ minLength: 1, maxLength: 30 }),
    image: fc.oneof(
      fc.record({
        type: fc.constant('url' as const),
        url: fc.webUrl(),
        detail: fc.constantFrom('low' as const, 'high' as const, 'auto' as const),
      }),
      fc.record({
        type: fc.constant('base64' as const),
        media_type: fc.constantFrom('image/png', 'image/jpeg'),
        data: fc.base64String({ minLength: 4, maxLength: 40 }),
        detail: fc.constantFrom('low' as const, 'high' as const, 'auto' as const),
      }),
    ),
  }),
);

/** An Azure answer: reasoning first (as reasoning models answer), then anything. */
const azureOutput = fc
  .tuple(
    fc.option(reasoningItem, { nil: undefined }),
    fc.array(outputItem, { minLength: 1, maxLength: 5 }),
  )
  .map(([reasoning, rest]) => (reasoning === undefined ? rest : [reasoning, ...rest]))
  .filter(output => output.some(item => item.type !== 'reasoning'));

const toolResult = fc.oneof(
  fc
    .string({ maxLength: 20 })
    .map(output => ({ form: 'message' as const, output, isError: false })),
  fc
    .record({
      output: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })),
      isError: fc.boolean(),
    })
    .map(result => ({ form: 'block' as const, ...result })),
);

const turns = fc.array(
  fc.record({
    user: userTurn,
    output: azureOutput,
    results: fc.array(toolResult, { minLength: 5, maxLength: 5 }),
  }),
  { minLength: 1, maxLength: 4 },
);

function userMessage(turn: { text: string; image: unknown }): Message {
  if (turn.image === undefined) return { role: 'user', content: turn.text };
  return {
    role: 'user',
    content: [
      { type: 'text', text: turn.text },
      { type: 'image', source: turn.image } as ContentBlock,
    ],
  };
}

function userSteps(turn: { text: string; image: unknown }): Step {
  if (turn.image === undefined) return ['user', turn.text];
  const image = turn.image as {
    type: string;
    url?: string;
    media_type?: string;
    data?: string;
    detail: string;
  };
  const url = image.type === 'url' ? image.url : `data:${image.media_type};base64,${image.data}`;
  return ['user', turn.text, ['image', url, image.detail]];
}

/** A tool output as sent: strings as they are, null as '' (the provider's rule), else JSON. */
function outputString(output: unknown): string {
  if (output === null) return '';
  return typeof output === 'string' ? output : JSON.stringify(output);
}

describe('mapping round trip through the provider (property)', () => {
  it('every reasoning item, message, tool call and tool result comes back in the next request, in order, with the same ids', async () => {
    await fc.assert(
      fc.asyncProperty(turns, async generated => {
        const bodies: JsonObject[] = [];
        let answer: JsonObject[] = [];
        const provider = createAzureOpenAIProvider({
          config: resolveConfig(
            {
              azure_endpoint: 'https://roundtrip.openai.azure.com',
              api_key: 'round-trip-key-0123456789',
              max_retries: 0,
            },
            {},
          ),
          fetch: async (_url, init) => {
            bodies.push(JSON.parse(String(init?.body)) as JsonObject);
            return Response.json({
              id: `resp_${bodies.length}`,
              object: 'response',
              status: 'completed',
              model: 'gpt-5',
              output: answer,
            });
          },
        });
        const messages: Message[] = [];
        const expected: Step[] = [];
        for (const turn of generated) {
          messages.push(userMessage(turn.user));
          expected.push(userSteps(turn.user));
          answer = turn.output;
          const response: ChatResponse = await provider.complete({
            model: 'gpt-5',
            messages: [...messages],
          });
          // The request just sent carried everything so far.
          expect(projectInput(bodies.at(-1)?.input)).toEqual(expected);
          messages.push({ role: 'assistant', content: response.content });
          expected.push(...projectOutput(turn.output));
          const calls = response.tool_calls ?? [];
          expect(calls.map(call => call.id)).toEqual(
            turn.output.filter(item => item.type === 'function_call').map(item => item.call_id),
          );
          calls.forEach((call, index) => {
            const result = turn.results[
              index % turn.results.length
            ] as (typeof turn.results)[number];
            if (result.form === 'message') {
              messages.push({ role: 'tool', tool_call_id: call.id, content: result.output });
            } else {
              messages.push({
                role: 'tool',
                content: [
                  {
                    type: 'tool_result',
                    tool_call_id: call.id,
                    output: result.output,
                    is_error: result.isError,
                  },
                ],
              });
            }
            expected.push(['output', call.id, outputString(result.output)]);
          });
        }
        await provider.close();
      }),
      { numRuns: fuzzRuns(120) },
    );
  });
});

describe('buildResponsesRequest keeps every block of any valid conversation (property)', () => {
  /** An assistant part: reasoning (always followed by its text, as Azure produces it) or a call. */
  const part = fc.oneof(
    fc
      .record({
        encrypted: fc.base64String({ minLength: 4, maxLength: 30 }),
        summary: fc.string({ maxLength: 20 }),
        text: fc.string({ minLength: 1, maxLength: 20 }),
      })
      .map(value => ({ kind: 'reasoning' as const, ...value })),
    fc
      .record({
        name: fc.stringMatching(/^[a-z_]{1,10}$/),
        input: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 5 }),
          fc.jsonValue({ maxDepth: 1 }),
          { maxKeys: 3 },
        ),
      })
      .map(value => ({ kind: 'call' as const, ...value })),
    fc.string({ minLength: 1, maxLength: 20 }).map(text => ({ kind: 'text' as const, text })),
  );

  it('reasoning blocks keep id and encrypted content, tool calls pair with their results, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(part, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        generated => {
          let n = 0;
          const messages: Message[] = [];
          const expected: string[] = [];
          const issued = new ItemRegistry();
          for (const parts of generated) {
            messages.push({ role: 'user', content: `turn ${n}` });
            expected.push(`user:turn ${n}`);
            const content: ContentBlock[] = [];
            const calls: string[] = [];
            const output: Array<{ type: string; id: string }> = [];
            for (const entry of parts) {
              n++;
              if (entry.kind === 'reasoning') {
                content.push({
                  type: 'reasoning',
                  id: `rs_${n}`,
                  encrypted_content: entry.encrypted,
                  summary: [{ type: 'summary_text', text: entry.summary }],
                  content: [],
                });
                // As Azure answered: the reasoning item and the message it led to (with its id).
                content.push({ type: 'text', text: entry.text, item_id: `msg_${n}` });
                output.push(
                  { type: 'reasoning', id: `rs_${n}` },
                  { type: 'message', id: `msg_${n}` },
                );
                expected.push(`reasoning:rs_${n}:${entry.encrypted}`);
              } else if (entry.kind === 'call') {
                content.push({
                  type: 'tool_call',
                  id: `call_${n}`,
                  name: entry.name,
                  input: entry.input,
                  item_id: `fc_${n}`,
                });
                output.push({ type: 'function_call', id: `fc_${n}` });
                calls.push(`call_${n}`);
                expected.push(`call:call_${n}:${entry.name}:${JSON.stringify(entry.input)}`);
              } else {
                content.push({ type: 'text', text: entry.text });
              }
            }
            issued.remember(output);
            messages.push({ role: 'assistant', content });
            for (const id of calls) {
              messages.push({ role: 'tool', tool_call_id: id, content: `result of ${id}` });
              expected.push(`output:${id}:result of ${id}`);
            }
            n++;
          }
          const { body } = buildResponsesRequest(
            { messages },
            {
              deployment: 'gpt-5',
              capabilities: {
                known: true,
                reasoning: true,
                supportsTemperature: false,
                maxOutputTokens: 128000,
              },
              config: { maxTokens: 4096, temperature: 0.7, store: false },
            },
          );
          const actual: string[] = [];
          for (const item of body.input as unknown as JsonObject[]) {
            if (item.role === 'user') actual.push(`user:${String(item.content)}`);
            if (item.type === 'reasoning')
              actual.push(`reasoning:${item.id}:${item.encrypted_content}`);
            if (item.type === 'function_call') {
              actual.push(
                `call:${item.call_id}:${item.name}:${JSON.stringify(JSON.parse(String(item.arguments)))}`,
              );
            }
            if (item.type === 'function_call_output')
              actual.push(`output:${item.call_id}:${item.output}`);
          }
          expect(actual).toEqual(expected);
          // Azure's item pairing rules, as the strict emulator enforces them (store: false).
          expect(issued.check(body.input, false)).toBeUndefined();
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});
