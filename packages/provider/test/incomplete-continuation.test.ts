import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const ASK = {
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'long answer 40 words' }],
};
/** The whole answer, and its first 16 / 32 words, as the emulator gives them without a limit. */
let FULL = '';
const firstWords = (count: number) => FULL.split(' ').slice(0, count).join(' ');

beforeAll(async () => {
  const { provider } = providerFor(emulator());
  const whole = await provider.complete(ASK);
  FULL = textOf(whole);
  expect(FULL.split(' ')).toHaveLength(40);
  await provider.close();
});

function textOf(response: { content: Array<{ type: string; text?: string }> }): string {
  return response.content
    .filter(block => block.type === 'text')
    .map(block => block.text)
    .join('');
}

describe('auto_continue: answers cut off at max_output_tokens are continued (real SDK, emulator)', () => {
  for (const stream of [false, true]) {
    it(`merges the parts into one answer, with events and summed usage (stream ${stream})`, async () => {
      const { provider, sink } = providerFor(emulator(), {
        settings: { auto_continue: true, max_tokens: 16, use_streaming: stream },
      });
      const response = await provider.complete(ASK);
      expect(textOf(response)).toBe(FULL);
      expect(response.content.filter(block => block.type === 'text')).toHaveLength(1);
      expect(response.finish_reason).toBe('stop');
      expect(response.metadata?.status).toBe('completed');
      expect(response.metadata?.incomplete).toBeUndefined();
      expect(response.metadata?.continuation_count).toBe(2);
      expect(response.usage?.output_tokens).toBe(40);
      const continuations = sink.named('provider:incomplete_continuation');
      expect(continuations).toEqual([
        expect.objectContaining({
          provider: 'azure-openai',
          continuation_number: 1,
          max_attempts: 5,
          reason: 'max_output_tokens',
          response_id: expect.stringMatching(/^resp_/),
        }),
        expect.objectContaining({ continuation_number: 2, reason: 'max_output_tokens' }),
      ]);
      // Each continuation replays the answer so far (store is off): the original user message,
      // then the parts as assistant messages.
      const bodies = emulator().recorder.requests.map(
        entry => entry.body as { input: Array<{ role?: string }>; store: boolean },
      );
      expect(bodies).toHaveLength(3);
      expect(bodies[2]?.store).toBe(false);
      expect(bodies[2]?.input.map(item => item.role)).toEqual(['user', 'assistant', 'assistant']);
      await provider.close();
    });
  }

  it('chains continuations with previous_response_id when responses are stored, and the next turn too', async () => {
    const { provider } = providerFor(emulator(), {
      settings: { auto_continue: true, max_tokens: 16, store: true },
    });
    const response = await provider.complete(ASK);
    expect(textOf(response)).toBe(FULL);
    const bodies = emulator().recorder.requests.map(
      entry => entry.body as { input: unknown[]; previous_response_id?: string },
    );
    expect(bodies[1]?.previous_response_id).toMatch(/^resp_/);
    expect(bodies[1]?.input).toEqual([]);
    expect(bodies[2]?.previous_response_id).toMatch(/^resp_/);
    expect(bodies[2]?.previous_response_id).not.toBe(bodies[1]?.previous_response_id);
    // The next turn (history holding the merged answer) chains from the last part.
    emulator().recorder.clear();
    await provider.complete({
      ...ASK,
      messages: [
        ...ASK.messages,
        { role: 'assistant', content: response.content },
        { role: 'user', content: 'Hi' },
      ],
    });
    const next = emulator().recorder.last()?.body as {
      previous_response_id?: string;
      input: unknown[];
    };
    expect(next.previous_response_id).toBe(response.metadata?.response_id);
    expect(next.input).toHaveLength(1);
    await provider.close();
  });

  it('stops after max_continuation_attempts and keeps the answer marked incomplete', async () => {
    const { provider, sink } = providerFor(emulator(), {
      settings: { auto_continue: true, max_tokens: 16, max_continuation_attempts: 1 },
    });
    const response = await provider.complete(ASK);
    expect(textOf(response)).toBe(firstWords(32));
    expect(response.finish_reason).toBe('length');
    expect(response.metadata?.incomplete).toMatchObject({ reason: 'max_output_tokens' });
    expect(response.metadata?.continuation_count).toBe(1);
    expect(sink.named('provider:incomplete_continuation')).toHaveLength(1);
    expect(sink.named('provider:warning').at(-1)?.message).toMatch(/cut off at the output limit/);
    await provider.close();
  });

  it('is off by default; a request turns it on or off for itself', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { max_tokens: 16 } });
    const plain = await provider.complete(ASK);
    expect(plain.metadata?.status).toBe('incomplete');
    expect(textOf(plain)).toBe(firstWords(16));
    expect(sink.named('provider:incomplete_continuation')).toEqual([]);
    const continued = await provider.complete({ ...ASK, metadata: { auto_continue: true } });
    expect(textOf(continued)).toBe(FULL);
    await provider.close();

    const on = providerFor(emulator(), { settings: { max_tokens: 16, auto_continue: true } });
    const off = await on.provider.complete({ ...ASK, auto_continue: false } as typeof ASK);
    expect(off.metadata?.status).toBe('incomplete');
    await on.provider.close();
  });

  it('refuses a per-request auto_continue that is not a boolean, before sending anything', async () => {
    const { provider } = providerFor(emulator());
    const error = await provider
      .complete({ ...ASK, metadata: { auto_continue: 'yes' } })
      .catch((thrown: unknown) => thrown);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).param).toBe('auto_continue');
    expect(emulator().recorder.requests).toEqual([]);
    await provider.close();
  });
});
