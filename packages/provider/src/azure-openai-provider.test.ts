import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { createAzureOpenAIProvider } from './azure-openai-provider.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import { StreamInterruptedError } from './errors/stream-interrupted-error.js';

const ANSWER = {
  id: 'resp_unit',
  object: 'response',
  created_at: 1,
  status: 'completed',
  model: 'gpt-4o',
  output: [
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'hi', annotations: [] }],
    },
  ],
  usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
};

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; sse?: string };

/** A fetch answering from a script, recording the headers of each call. */
function scriptedFetch(replies: Reply[]) {
  const seen: Headers[] = [];
  const fetchImpl = (async (_input: string | URL | Request, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    const reply = replies.shift() ?? { status: 200, body: ANSWER };
    if (reply.sse !== undefined) {
      return new Response(reply.sse, {
        status: 200,
        headers: { 'content-type': 'text/event-stream', ...reply.headers },
      });
    }
    return new Response(JSON.stringify(reply.body ?? { error: { message: 'x' } }), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  }) as typeof fetch;
  return { fetch: fetchImpl, seen };
}

function setup(replies: Reply[], settings: Record<string, unknown> = {}) {
  const scripted = scriptedFetch(replies);
  const waits: number[] = [];
  const events: Array<[string, Record<string, unknown>]> = [];
  const provider = createAzureOpenAIProvider({
    config: resolveConfig(
      {
        azure_endpoint: 'https://unit.openai.azure.com',
        api_key: 'unit-key',
        use_streaming: false,
        ...settings,
      },
      {},
    ),
    fetch: scripted.fetch,
    sleep: async ms => void waits.push(ms),
    random: () => 0.5,
    events: { emit: (event, payload) => void events.push([event, payload]) },
  });
  return { provider, waits, events, seen: scripted.seen };
}

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('createAzureOpenAIProvider (scripted fetch)', () => {
  it('honours x-ms-retry-after-ms when retry-after-ms is absent, and retry-after seconds last', async () => {
    const { provider, waits } = setup([
      { status: 429, headers: { 'x-ms-retry-after-ms': '1700', 'retry-after': '9' } },
      { status: 429, headers: { 'retry-after': '2' } },
    ]);
    await provider.complete(hello);
    expect(waits).toEqual([1700, 2000]);
  });

  it('takes the request id from x-request-id when apim-request-id is absent', async () => {
    const { provider } = setup([
      { status: 200, body: ANSWER, headers: { 'x-request-id': 'xr-1' } },
    ]);
    const response = await provider.complete(hello);
    expect(response.metadata?.request_id).toBe('xr-1');
  });

  it('sends the key as api-key on every attempt, never Authorization', async () => {
    const { provider, seen } = setup([{ status: 503 }]);
    await provider.complete(hello);
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      expect(headers.get('api-key')).toBe('unit-key');
      expect(headers.get('authorization')).toBeNull();
    }
  });

  it('gives up on a single throttled deployment with the wait Azure asked for', async () => {
    const { provider, waits } = setup([{ status: 429, headers: { 'retry-after-ms': '45000' } }], {
      failover_retry_after_threshold_seconds: 10,
    });
    const error = await provider.complete(hello).catch(e => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(45_000);
    expect(waits).toEqual([]);
  });

  it('a stream that ends without response.completed is a StreamInterruptedError', async () => {
    const created = {
      type: 'response.created',
      sequence_number: 0,
      response: { ...ANSWER, status: 'in_progress', output: [] },
    };
    const delta = {
      type: 'response.output_text.delta',
      sequence_number: 1,
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'partial',
    };
    const sse = `data: ${JSON.stringify(created)}\n\ndata: ${JSON.stringify(delta)}\n\n`;
    const { provider, events, waits } = setup(
      [
        { status: 200, sse },
        { status: 200, sse },
      ],
      { max_retries: 1 },
    );
    const error = await provider.complete({ ...hello, stream: true }).catch(e => e);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(events.at(-1)?.[1]).toMatchObject({ status: 'error' });
    // complete()'s caller saw nothing of the broken stream: it was retried once, like a plain request.
    expect(events.filter(([name]) => name === 'provider:retry')).toHaveLength(1);
    expect(events.filter(([name]) => name === 'provider:error')).toHaveLength(1);
    expect(waits).toEqual([250]);
  });
});
