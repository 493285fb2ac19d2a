/**
 * Property: a valid Amplifier conversation survives the trip to Responses input items and back
 * (blocks, their order, call ids and output item ids kept), every body built is valid against the
 * shared Responses API schema, and the strict emulator's item pairing rules accept it (each
 * reasoning item right before its original follower, ids included).
 */
import { ItemRegistry } from '@amplifier-azure-openai/emulator';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import fc from 'fast-check';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { beforeAll, describe, expect, it } from 'vitest';
import { reasoningContext } from '../__fixtures__/request-context.js';
import { isRecord } from '../response/json-guards.js';
import { type MappedOutput, mapOutputItem, thinkingBlock } from '../response/output-items.js';
import type { ContentBlock, ImageBlock, Message } from '../types.js';
import { buildResponsesRequest } from './build-responses-request.js';

// ---- generators -------------------------------------------------------------------------

const text = fc.string({ minLength: 1, maxLength: 30 });
const jsonValue = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const args = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), jsonValue, { maxKeys: 4 });

type UserBlock =
  | { kind: 'text'; text: string }
  | { kind: 'image'; base64: boolean; detail: 'low' | 'high' | 'auto' };
type AssistantPart =
  | { kind: 'text'; texts: string[] }
  | { kind: 'thinking'; summary: string[]; encrypted: string }
  | { kind: 'call'; name: string; args: Record<string, unknown> };

const userBlock: fc.Arbitrary<UserBlock> = fc.oneof(
  text.map(t => ({ kind: 'text' as const, text: t })),
  fc.record({
    kind: fc.constant('image' as const),
    base64: fc.boolean(),
    detail: fc.constantFrom('low' as const, 'high' as const, 'auto' as const),
  }),
);
const userTurn = fc.oneof(
  fc.record({ role: fc.constantFrom('user' as const, 'developer' as const), content: text }),
  fc.record({
    role: fc.constant('user' as const),
    blocks: fc.array(userBlock, { minLength: 1, maxLength: 3 }),
  }),
);
const assistantPart: fc.Arbitrary<AssistantPart> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    texts: fc.array(text, { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('thinking' as const),
    summary: fc.array(text, { maxLength: 2 }),
    encrypted: fc.base64String({ minLength: 4, maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('call' as const),
    name: fc.stringMatching(/^[a-z_]{1,12}$/),
    args,
  }),
);
// A reasoning item must be followed by something: never end an assistant turn with thinking.
const assistantTurn = fc
  .array(assistantPart, { minLength: 1, maxLength: 4 })
  .filter(parts => parts.at(-1)?.kind !== 'thinking');
const conversation = fc.record({
  system: fc.option(text, { nil: undefined }),
  turns: fc.array(
    fc.tuple(
      userTurn,
      fc.option(assistantTurn, { nil: undefined }),
      fc.array(text, { maxLength: 3 }),
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  ),
});

/**
 * Builds Amplifier messages from the generated structure, with unique ids. Each assistant turn is
 * also "issued" by `issued` (the strict emulator's item registry) as the output it stands for, so
 * the request built from the conversation can be checked with Azure's item pairing rules.
 */
function toMessages(
  generated: typeof conversation extends fc.Arbitrary<infer T> ? T : never,
  issued: ItemRegistry = new ItemRegistry(),
): Message[] {
  let n = 0;
  const messages: Message[] = [];
  if (generated.system !== undefined) messages.push({ role: 'system', content: generated.system });
  for (const [user, assistant, outputs] of generated.turns) {
    if ('content' in user) {
      messages.push({ role: user.role, content: user.content });
    } else {
      messages.push({
        role: 'user',
        content: user.blocks.map((block): ContentBlock => {
          if (block.kind === 'text') return { type: 'text', text: block.text };
          const image: ImageBlock = block.base64
            ? {
                type: 'image',
                source: {
                  type: 'base64',
                  media_type: 'image/png',
                  data: 'iVBORw0KGgo=',
                  detail: block.detail,
                },
              }
            : {
                type: 'image',
                source: {
                  type: 'url',
                  url: `https://example.com/${n++}.png`,
                  detail: block.detail,
                },
              };
          return image;
        }),
      });
    }
    if (assistant === undefined) continue;
    const blocks: ContentBlock[] = [];
    const calls: string[] = [];
    const output: Array<{ type: string; id: string }> = [];
    for (const part of assistant) {
      if (part.kind === 'text') {
        const itemId = `msg_${n++}`;
        output.push({ type: 'message', id: itemId });
        for (const t of part.texts) blocks.push({ type: 'text', text: t, item_id: itemId });
      } else if (part.kind === 'thinking') {
        const id = `rs_${n++}`;
        output.push({ type: 'reasoning', id });
        blocks.push({
          type: 'thinking',
          thinking: part.summary.join('\n\n'),
          content: [part.encrypted, id],
          summary: part.summary,
          visibility: 'internal',
        });
      } else {
        const id = `call_${n}`;
        const itemId = `fc_${n++}`;
        output.push({ type: 'function_call', id: itemId });
        calls.push(id);
        blocks.push({ type: 'tool_call', id, name: part.name, input: part.args, item_id: itemId });
      }
    }
    issued.remember(output);
    messages.push({ role: 'assistant', content: blocks });
    calls.forEach((id, i) => {
      messages.push({ role: 'tool', tool_call_id: id, content: outputs[i] ?? `result ${i}` });
    });
  }
  return messages;
}

// ---- the way back -----------------------------------------------------------------------

function inputContentToBlocks(content: unknown): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const part of content as unknown[]) {
    if (!isRecord(part)) continue;
    if (part.type === 'input_text') blocks.push({ type: 'text', text: part.text as string });
    if (part.type === 'input_image') {
      const url = part.image_url as string;
      const detail = part.detail as 'low' | 'high' | 'auto';
      const match = /^data:([^;]+);base64,(.*)$/.exec(url);
      blocks.push(
        match
          ? {
              type: 'image',
              source: {
                type: 'base64',
                media_type: match[1] as string,
                data: match[2] as string,
                detail,
              },
            }
          : { type: 'image', source: { type: 'url', url, detail } },
      );
    }
  }
  return blocks;
}

/** Rebuilds Amplifier messages from a request body, using the response-side mappers. */
function toConversation(
  instructions: string | null | undefined,
  input: ResponseInputItem[],
): Message[] {
  const messages: Message[] = [];
  if (instructions !== undefined && instructions !== null)
    messages.push({ role: 'system', content: instructions });
  let assistant: ContentBlock[] | undefined;
  const flush = (): void => {
    if (assistant !== undefined) messages.push({ role: 'assistant', content: assistant });
    assistant = undefined;
  };
  input.forEach((item, index) => {
    const it = item as unknown as Record<string, unknown>;
    if (it.type === 'function_call_output') {
      flush();
      messages.push({
        role: 'tool',
        tool_call_id: it.call_id as string,
        content: it.output as string,
      });
    } else if (it.type === 'message' && it.role !== 'assistant') {
      flush();
      const role = it.role as 'user' | 'developer';
      messages.push(
        typeof it.content === 'string'
          ? { role, content: it.content }
          : { role, content: inputContentToBlocks(it.content) },
      );
    } else {
      assistant ??= [];
      if (it.type === 'reasoning') {
        assistant.push(thinkingBlock(it));
      } else {
        const out: MappedOutput = {
          content: [],
          toolCalls: [],
          unknownItems: [],
          parallelUnwrapped: false,
          refusals: [],
          annotations: [],
        };
        mapOutputItem(it, index, out, {});
        expect(out.unknownItems).toEqual([]);
        assistant.push(...out.content);
      }
    }
  });
  flush();
  return messages;
}

beforeAll(() => {
  validateResponsesRequest({ model: 'warm-up', input: 'x' });
}, 120_000);

describe('request round trip (property)', () => {
  it('keeps blocks, order and call ids through input items and back, with schema-valid bodies', () => {
    fc.assert(
      fc.property(conversation, generated => {
        const issued = new ItemRegistry();
        const messages = toMessages(generated, issued);
        const { body, warnings } = buildResponsesRequest({ messages }, reasoningContext());
        expect(warnings).toEqual([]);
        expect(validateResponsesRequest(body).errors).toEqual([]);
        // Azure's pairing rules, as the strict emulator enforces them (store: false).
        expect(issued.check(body.input, false)).toBeUndefined();
        const back = toConversation(body.instructions, body.input as ResponseInputItem[]);
        expect(back).toEqual(messages);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('never throws on arbitrary JSON messages except with a typed InvalidRequestError', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 4 }), messages => {
        try {
          const { body } = buildResponsesRequest(
            { messages: messages as unknown as Message[] },
            reasoningContext(),
          );
          expect(Array.isArray(body.input)).toBe(true);
        } catch (error) {
          expect((error as Error).name).toBe('InvalidRequestError');
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
