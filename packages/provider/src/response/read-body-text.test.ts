import { describe, expect, it } from 'vitest';
import { readBodyText } from './read-body-text.js';

function streamOf(parts: Uint8Array[], stallAfter = false): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < parts.length) controller.enqueue(parts[index++] as Uint8Array);
      else if (!stallAfter) controller.close();
      // else: never closes (a stalled body)
    },
  });
}

describe('readBodyText', () => {
  it('joins chunks split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('{"text":"héllo €"}');
    const parts = [bytes.slice(0, 11), bytes.slice(11, 17), bytes.slice(17)];
    const text = await readBodyText(new Response(streamOf(parts)), Date.now() + 60_000, () => {
      throw new Error('no timeout expected');
    });
    expect(text).toBe('{"text":"héllo €"}');
  });

  it('rejects with the given error when the body is not complete by the deadline', async () => {
    const stalled = new Response(streamOf([new TextEncoder().encode('{')], true));
    const timedOut = new Error('deadline passed');
    await expect(readBodyText(stalled, Date.now() + 20, () => timedOut)).rejects.toBe(timedOut);
  });
});
