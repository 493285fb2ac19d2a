import { describe, expect, it } from 'vitest';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

async function twoTurns(settings: Record<string, unknown>) {
  const { provider } = providerFor(emulator(), { settings });
  const first = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello' }] };
  const answer = await provider.complete(first);
  await provider.complete({
    ...first,
    messages: [
      ...first.messages,
      { role: 'assistant', content: answer.content },
      { role: 'user', content: 'And again' },
    ],
  });
  await provider.close();
  const [one, two] = emulator().recorder.requests.map(
    entry => entry.body as { store: boolean; previous_response_id?: string; input: unknown[] },
  );
  return { one, two, answer };
}

describe('enable_response_chaining (real SDK, emulator)', () => {
  it('auto (the default) keeps today: no chaining while store is off', async () => {
    const { one, two } = await twoTurns({});
    expect(one?.store).toBe(false);
    expect(two?.previous_response_id).toBeUndefined();
    expect(two?.input).toHaveLength(3);
  });

  it('auto chains with previous_response_id when store is on', async () => {
    const { two, answer } = await twoTurns({ store: true });
    expect(two?.previous_response_id).toBe(answer.metadata?.response_id);
    expect(two?.input).toHaveLength(1);
  });

  it('true stores responses and chains', async () => {
    const { one, two, answer } = await twoTurns({ enable_response_chaining: true });
    expect(one?.store).toBe(true);
    expect(two?.previous_response_id).toBe(answer.metadata?.response_id);
  });

  it('false never chains, even with store on', async () => {
    const { one, two } = await twoTurns({ store: true, enable_response_chaining: 'false' });
    expect(one?.store).toBe(true);
    expect(two?.previous_response_id).toBeUndefined();
    expect(two?.input).toHaveLength(3);
  });
});
