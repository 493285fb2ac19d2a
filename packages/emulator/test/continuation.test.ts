import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';
import { longAnswer } from '../src/model.js';

const emulator = useEmulator({ beforeAll, afterAll, beforeEach });

function client(): OpenAI {
  return new OpenAI({
    baseURL: `${emulator().url}/openai/v1`,
    apiKey: emulator().apiKey,
    maxRetries: 0,
  });
}

const ASK = 'long answer 40 words';
const FULL = longAnswer(40);

describe('answers cut off at max_output_tokens, and their continuation', () => {
  it('cuts the answer at max_output_tokens and marks it incomplete', async () => {
    const response = await client().responses.create({
      model: 'gpt-4o',
      input: ASK,
      max_output_tokens: 16,
      store: false,
    });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output_text).toBe(longAnswer(16));
    expect(response.usage?.output_tokens).toBe(16);
  });

  it('continues from the partial answer replayed as an assistant message (store: false)', async () => {
    const first = await client().responses.create({
      model: 'gpt-4o',
      input: ASK,
      max_output_tokens: 16,
      store: false,
    });
    const second = await client().responses.create({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: ASK },
        { role: 'assistant', content: first.output_text },
      ],
      max_output_tokens: 16,
      store: false,
    });
    expect(second.status).toBe('incomplete');
    expect(second.output_text.startsWith(' ')).toBe(true);
    const third = await client().responses.create({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: ASK },
        { role: 'assistant', content: first.output_text },
        { role: 'assistant', content: second.output_text },
      ],
      max_output_tokens: 16,
      store: false,
    });
    expect(third.status).toBe('completed');
    expect(first.output_text + second.output_text + third.output_text).toBe(FULL);
  });

  it('continues a stored response through previous_response_id with no new input', async () => {
    const first = await client().responses.create({
      model: 'gpt-4o',
      input: ASK,
      max_output_tokens: 24,
      store: true,
    });
    expect(first.status).toBe('incomplete');
    const second = await client().responses.create({
      model: 'gpt-4o',
      input: [],
      previous_response_id: first.id,
      max_output_tokens: 24,
      store: true,
    });
    expect(second.status).toBe('completed');
    expect(first.output_text + second.output_text).toBe(FULL);
  });

  it('a new user message after a chained answer is a new turn, not a continuation', async () => {
    const first = await client().responses.create({ model: 'gpt-4o', input: 'Hi', store: true });
    const next = await client().responses.create({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'Hi again' }],
      previous_response_id: first.id,
    });
    expect(next.output_text).toBe('Echo: Hi again');
  });

  it('an assistant message that is not the start of the answer is ignored', async () => {
    const response = await client().responses.create({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: ASK },
        { role: 'assistant', content: 'Something else entirely' },
      ],
    });
    expect(response.output_text).toBe(FULL);
  });
});
