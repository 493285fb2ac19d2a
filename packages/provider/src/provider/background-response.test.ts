import type OpenAI from 'openai';
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { createCredentialScrubber } from '../errors/credential-scrubber.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { backgroundMode, settleBackground } from './background-response.js';

const CONFIG = { background: false, store: true, pollInterval: 5, backgroundTimeout: 1800 };
const HELLO = [{ role: 'user' as const, content: 'hi' }];

describe('backgroundMode', () => {
  it('is off by default and on by config, request field or metadata', () => {
    expect(backgroundMode(CONFIG, { messages: HELLO })).toBeUndefined();
    expect(backgroundMode({ ...CONFIG, background: true }, { messages: HELLO })).toEqual({
      resumeId: undefined,
      pollIntervalMs: 5000,
      timeoutMs: 1_800_000,
    });
    expect(
      backgroundMode(CONFIG, { messages: HELLO, metadata: { background: true } }),
    ).toBeDefined();
    expect(
      backgroundMode({ ...CONFIG, background: true }, { messages: HELLO, background: false }),
    ).toBeUndefined();
  });

  it('refuses a non-boolean background and a non-string background_response_id', () => {
    for (const metadata of [{ background: 'yes' }, { background_response_id: 42 }]) {
      const error = (() => {
        try {
          backgroundMode(CONFIG, { messages: HELLO, metadata });
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as InvalidRequestError).param).toBe(Object.keys(metadata)[0]);
    }
  });

  it('needs store = true to create one, but not to resume one', () => {
    expect(() =>
      backgroundMode({ ...CONFIG, store: false, background: true }, { messages: HELLO }),
    ).toThrow(/store = true/);
    expect(
      backgroundMode(
        { ...CONFIG, store: false },
        { messages: [], metadata: { background_response_id: 'resp_1' } },
      ),
    ).toMatchObject({ resumeId: 'resp_1' });
  });
});

function settleContext() {
  const events: Array<{ event: string; payload: Record<string, unknown> }> = [];
  return {
    events,
    context: {
      events: {
        emit: (event: string, payload: Record<string, unknown>) => events.push({ event, payload }),
      },
      scrubber: createCredentialScrubber([]),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      sleep: async () => {},
      now: () => 0,
      auth: { method: 'api-key' } as never,
      state: { closed: false, running: 1, authContext: undefined },
      config: { azureEndpoint: 'https://x.openai.azure.com', timeout: 600 } as never,
    },
  };
}

const apiError = (status: number) =>
  APIError.generate(status, { error: { message: `status ${status}` } }, undefined, new Headers());

describe('settleBackground', () => {
  const mode = { resumeId: undefined, pollIntervalMs: 10, timeoutMs: 10_000 };
  const base = {
    mode,
    target: { deployment: 'd' },
    model: 'gpt-4o',
    signal: undefined,
    requestOptions: async () => ({ headers: {} }),
  };

  it('returns a finished answer at once, without polling', async () => {
    const { context, events } = settleContext();
    const first = { id: 'resp_1', status: 'completed' };
    const client = { responses: {} } as unknown as OpenAI;
    expect(await settleBackground(context as never, { ...base, client, first })).toBe(first);
    expect(events).toEqual([]);
  });

  it('polls again after a retryable poll failure and reports it', async () => {
    const { context, events } = settleContext();
    const answers: Array<() => unknown> = [
      () => {
        throw apiError(503);
      },
      () => ({ id: 'resp_1', status: 'completed', output: [] }),
    ];
    const client = {
      responses: { retrieve: async () => (answers.shift() as () => unknown)() },
    } as unknown as OpenAI;
    const final = await settleBackground(context as never, {
      ...base,
      client,
      first: { id: 'resp_1', status: 'queued' },
    });
    expect(final).toMatchObject({ status: 'completed' });
    const polls = events.filter(e => e.event === 'provider:background_poll').map(e => e.payload);
    expect(polls[0]).toMatchObject({ poll: 1, error_type: 'ServiceUnavailableError' });
    expect(polls[1]).toMatchObject({ poll: 2, status: 'completed' });
  });

  it('rejects at once with a non-retryable poll failure (no cancel: the response is gone)', async () => {
    const { context, events } = settleContext();
    let cancels = 0;
    const client = {
      responses: {
        retrieve: async () => {
          throw apiError(404);
        },
        cancel: async () => {
          cancels += 1;
        },
      },
    } as unknown as OpenAI;
    const error = await settleBackground(context as never, {
      ...base,
      client,
      first: { id: 'resp_1', status: 'in_progress' },
    }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(404);
    expect(cancels).toBe(0);
    expect(events.some(e => e.event === 'provider:background_cancel')).toBe(false);
  });

  it('polls again when getting the credential for a poll fails with a retryable error', async () => {
    const { context, events } = settleContext();
    let credentialCalls = 0;
    const client = {
      responses: { retrieve: async () => ({ id: 'resp_1', status: 'completed', output: [] }) },
    } as unknown as OpenAI;
    const final = await settleBackground(context as never, {
      ...base,
      client,
      first: { id: 'resp_1', status: 'queued' },
      requestOptions: async () => {
        credentialCalls += 1;
        if (credentialCalls === 1) throw apiError(503);
        return { headers: {} };
      },
    });
    expect(final).toMatchObject({ status: 'completed' });
    const polls = events.filter(e => e.event === 'provider:background_poll').map(e => e.payload);
    expect(polls.map(p => p.poll)).toEqual([1, 2]);
  });

  it('bounds each poll by what is left of background_timeout', async () => {
    const { context } = settleContext();
    const timeouts: Array<number | undefined> = [];
    const client = {
      responses: {
        retrieve: async (_id: string, _query: unknown, options: { timeout?: number }) => {
          timeouts.push(options.timeout);
          return { id: 'resp_1', status: 'completed', output: [] };
        },
      },
    } as unknown as OpenAI;
    await settleBackground(context as never, {
      ...base,
      mode: { ...mode, timeoutMs: 2_000 },
      client,
      first: { id: 'resp_1', status: 'queued' },
    });
    expect(timeouts).toEqual([2_000]);
  });
});
