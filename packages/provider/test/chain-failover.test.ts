/**
 * The previous_response_id chain is keyed by endpoint AND deployment: after a failover to another
 * region (same deployment name, another resource), the full conversation is sent, never the first
 * region's response id (which the second region would refuse with a 400 first).
 */
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../src/index.js';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator } from './harness.js';

let east: Emulator;
let west: Emulator;
beforeAll(async () => {
  east = await startTestEmulator();
  west = await startTestEmulator({ apiKey: east.apiKey });
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all([east?.close(), west?.close()]);
});

const bodies = (emulator: Emulator) =>
  emulator.recorder.responsesRequests().map(request => request.body as Record<string, unknown>);

describe('conversation chain across regions', () => {
  it.each([false, true])(
    'never sends a foreign previous_response_id after failover (stream: %s)',
    async stream => {
      east.recorder.clear();
      west.recorder.clear();
      const { provider } = providerFor(east, {
        settings: {
          store: true,
          max_retries: 0,
          deployment_mapping: {
            'gpt-5': [
              { deployment: 'production-gpt5' },
              { deployment: 'production-gpt5', endpoint: west.url },
            ],
          },
        },
      });
      try {
        const first: Message[] = [{ role: 'user', content: 'first question' }];
        const one = await provider.complete({
          model: 'gpt-5',
          conversation_id: 'c',
          stream,
          messages: first,
        });
        expect(one.metadata?.response_id).toMatch(/^resp_/);
        const second: Message[] = [
          ...first,
          { role: 'assistant', content: one.content },
          { role: 'user', content: 'second question' },
        ];
        // The first region fails: the same deployment name answers from the second region.
        east.addFault({ kind: 'server-error', status: 503 });
        const two = await provider.complete({
          model: 'gpt-5',
          conversation_id: 'c',
          stream,
          messages: second,
        });
        expect(two.finish_reason).toBe('stop');
        const remote = west.recorder.responsesRequests();
        expect(remote.map(request => request.status)).toEqual([200]);
        const body = bodies(west)[0] as Record<string, unknown>;
        expect(body).not.toHaveProperty('previous_response_id');
        expect(JSON.stringify(body.input)).toContain('first question');

        // Back in the second region, the chain it stored is continued there.
        const third: Message[] = [
          ...second,
          { role: 'assistant', content: two.content },
          { role: 'user', content: 'third question' },
        ];
        east.addFault({ kind: 'server-error', status: 503 });
        await provider.complete({ model: 'gpt-5', conversation_id: 'c', stream, messages: third });
        expect(bodies(west)[1]?.previous_response_id).toBe(two.metadata?.response_id);
        expect(west.recorder.responsesRequests().map(request => request.status)).toEqual([
          200, 200,
        ]);
      } finally {
        await provider.close();
      }
    },
  );
});
