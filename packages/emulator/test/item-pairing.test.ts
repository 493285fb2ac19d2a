/**
 * The emulator is as strict as Azure about replayed output items: a reasoning item needs its
 * original following item (with its id) right after it, that follower needs its reasoning item
 * right before it, and an id that was never issued is refused. Bodies as Azure sends them (see
 * ../shared/conformance/recorded-responses/openai-400-reasoning-without-following-item.json and
 * the public issues quoted in the emulator README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import type { Emulator } from '../src/types.js';
import { rawPost } from './helpers.js';

const TOOLS = [
  {
    type: 'function',
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
];
const QUESTION = { role: 'user', content: "What's the weather in Paris and Tokyo?" };

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

type Item = Record<string, unknown>;

async function send(body: Record<string, unknown>) {
  const answer = await rawPost(
    emulator,
    '/openai/v1/responses',
    JSON.stringify({ model: 'production-gpt5', tools: TOOLS, ...body }),
  );
  return { status: answer.status, body: answer.json() as Record<string, unknown> };
}

/** A first turn: [reasoning, function_call, function_call]. */
async function firstTurn(): Promise<{ reasoning: Item; calls: Item[] }> {
  const { status, body } = await send({
    store: false,
    include: ['reasoning.encrypted_content'],
    input: [QUESTION],
  });
  expect(status).toBe(200);
  const output = body.output as Item[];
  expect(output.map(item => item.type)).toEqual(['reasoning', 'function_call', 'function_call']);
  return { reasoning: output[0] as Item, calls: output.slice(1) };
}

const outputsOf = (calls: Item[]) =>
  calls.map(call => ({ type: 'function_call_output', call_id: call.call_id, output: '20' }));
const replayCall = (call: Item, withId = true) => ({
  type: 'function_call',
  ...(withId ? { id: call.id } : {}),
  call_id: call.call_id,
  name: call.name,
  arguments: call.arguments,
});
const replayReasoning = (reasoning: Item) => ({
  type: 'reasoning',
  id: reasoning.id,
  summary: [],
  encrypted_content: reasoning.encrypted_content,
});

describe('replayed output items (store: false)', () => {
  it('accepts reasoning followed by its original follower with ids', async () => {
    const { reasoning, calls } = await firstTurn();
    const { status } = await send({
      store: false,
      input: [
        QUESTION,
        replayReasoning(reasoning),
        ...calls.map(call => replayCall(call)),
        ...outputsOf(calls),
      ],
    });
    expect(status).toBe(200);
  });

  it("refuses a reasoning item whose follower lost its id, with Azure's 400 body", async () => {
    const { reasoning, calls } = await firstTurn();
    const answer = await send({
      store: false,
      input: [
        QUESTION,
        replayReasoning(reasoning),
        ...calls.map(call => replayCall(call, false)),
        ...outputsOf(calls),
      ],
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          message: `Item '${String(reasoning.id)}' of type 'reasoning' was provided without its required following item.`,
          type: 'invalid_request_error',
          param: 'input',
          code: null,
        },
      },
    });
  });

  it('refuses a reasoning item followed by another item than its original follower', async () => {
    const { reasoning, calls } = await firstTurn();
    const [first, second] = calls as [Item, Item];
    const answer = await send({
      store: false,
      input: [
        QUESTION,
        replayReasoning(reasoning),
        replayCall(second),
        replayCall(first),
        ...outputsOf(calls),
      ],
    });
    expect(answer.status).toBe(400);
    expect((answer.body.error as Item).message).toBe(
      `Item '${String(reasoning.id)}' of type 'reasoning' was provided without its required following item.`,
    );
  });

  it("refuses the follower sent without its reasoning item, with Azure's 400 body", async () => {
    const { reasoning, calls } = await firstTurn();
    const first = calls[0] as Item;
    const answer = await send({
      store: false,
      input: [QUESTION, ...calls.map(call => replayCall(call)), ...outputsOf(calls)],
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          message: `Item '${String(first.id)}' of type 'function_call' was provided without its required 'reasoning' item: '${String(reasoning.id)}'.`,
          type: 'invalid_request_error',
          param: 'input',
          code: null,
        },
      },
    });
  });

  it('refuses unknown fc_ / msg_ / rs_ ids (404, with the store hint when store is false)', async () => {
    const unknownCall = {
      type: 'function_call',
      id: 'fc_0000000000000000000000000000000000000000000000000a',
      call_id: 'call_x',
      name: 'get_weather',
      arguments: '{}',
    };
    const storeFalse = await send({
      store: false,
      input: [
        QUESTION,
        unknownCall,
        { type: 'function_call_output', call_id: 'call_x', output: '1' },
      ],
    });
    expect(storeFalse).toEqual({
      status: 404,
      body: {
        error: {
          message:
            "Item with id 'fc_0000000000000000000000000000000000000000000000000a' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.",
          type: 'invalid_request_error',
          param: 'input',
          code: null,
        },
      },
    });
    const message = await send({
      store: true,
      input: [
        QUESTION,
        {
          type: 'message',
          role: 'assistant',
          id: 'msg_made_up',
          status: 'completed',
          content: [{ type: 'output_text', text: 'hi', annotations: [] }],
        },
        { role: 'user', content: 'and now?' },
      ],
    });
    expect(message.status).toBe(404);
    expect((message.body.error as Item).message).toBe("Item with id 'msg_made_up' not found.");
    const reasoning = await send({
      store: true,
      input: [QUESTION, { type: 'reasoning', id: 'rs_made_up', summary: [] }],
    });
    expect(reasoning.status).toBe(404);
    expect((reasoning.body.error as Item).message).toBe("Item with id 'rs_made_up' not found.");
  });
});

describe('previous_response_id', () => {
  it('chains from a stored response of this resource and refuses any other id', async () => {
    const first = await send({ store: true, input: [{ role: 'user', content: 'hello' }] });
    expect(first.status).toBe(200);
    const chained = await send({
      store: true,
      previous_response_id: first.body.id,
      input: [{ role: 'user', content: 'again' }],
    });
    expect(chained.status).toBe(200);
    const notStored = await send({ store: false, input: [{ role: 'user', content: 'x' }] });
    const answer = await send({
      store: true,
      previous_response_id: notStored.body.id,
      input: [{ role: 'user', content: 'again' }],
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          message: `Previous response with id '${String(notStored.body.id)}' not found.`,
          type: 'invalid_request_error',
          param: 'previous_response_id',
          code: 'previous_response_not_found',
        },
      },
    });
  });
});
