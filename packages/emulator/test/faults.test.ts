import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import {
  APIConnectionError,
  APIError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../src/index.js';
import { EmulatorError, startEmulator, useEmulator } from '../src/index.js';
import { datedClient, parseSse, rawPost, rejection, v1Client, warmUpValidator } from './helpers.js';

warmUpValidator();
const emulator = useEmulator(
  { beforeAll, afterAll, beforeEach },
  {
    validateRequest: validateResponsesRequest,
    deployments: {
      'gpt-5': { model: 'gpt-5', reasoning: true },
      'gpt-4o': { model: 'gpt-4o' },
      throttled: {
        model: 'gpt-4o',
        faults: [{ kind: 'rate-limit', retryAfterMs: 30_000, times: 'always' }],
      },
    },
  },
);

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  strict: false,
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function faultHeader(spec: FaultSpec | FaultSpec[]): { headers: Record<string, string> } {
  return { headers: { 'x-emulator-fault': JSON.stringify(spec) } };
}

describe('rate limiting', () => {
  it('answers 429 with retry-after-ms, x-ms-retry-after-ms, retry-after and Azure body', async () => {
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 1500 });
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'x' }),
    );
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after-ms')).toBe('1500');
    expect(answer.headers.get('x-ms-retry-after-ms')).toBe('1500');
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(answer.json()).toEqual({
      error: { code: '429', message: expect.stringContaining('Please retry after 2 seconds') },
    });
    expect(emulator().recorder.last()?.faults).toEqual(['rate-limit']);
    const next = await v1Client(emulator()).responses.create({ model: 'gpt-4o', input: 'x' });
    expect(next.status).toBe('completed');
  });

  it('is retried by the SDK after retry-after-ms (times: 2)', async () => {
    emulator().addFault({ kind: 'rate-limit', retryAfterMs: 5, times: 2 });
    const response = await v1Client(emulator(), { maxRetries: 2 }).responses.create({
      model: 'gpt-4o',
      input: 'retry me',
    });
    expect(response.output_text).toBe('Echo: retry me');
    expect(emulator().recorder.requests.map(r => r.status)).toEqual([429, 429, 200]);
    expect(
      emulator()
        .pendingFaults()
        .filter(f => f.deployment === undefined),
    ).toEqual([]);
  });

  it('throttles a configured deployment every time, and only that deployment', async () => {
    const error = await rejection(
      datedClient(emulator()).responses.create({ model: 'throttled', input: 'x' }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as unknown as RateLimitError).headers.get('retry-after')).toBe('30');
    await rejection(datedClient(emulator()).responses.create({ model: 'throttled', input: 'x' }));
    const other = await datedClient(emulator()).responses.create({ model: 'gpt-4o', input: 'x' });
    expect(other.status).toBe('completed');
  });

  it('limits an added fault to one deployment with `deployment`', async () => {
    emulator().addFault({ kind: 'server-error', status: 503, deployment: 'gpt-5' });
    await v1Client(emulator()).responses.create({ model: 'gpt-4o', input: 'x' });
    const error = await rejection(
      v1Client(emulator()).responses.create({ model: 'gpt-5', input: 'x' }),
    );
    expect(error.status).toBe(503);
    expect(error.error).toMatchObject({ code: 'ServiceUnavailable' });
  });
});

describe('server errors and content filter', () => {
  it('answers 500 and 503 (per request, via the header)', async () => {
    const client = v1Client(emulator());
    const e500 = await rejection(
      client.responses.create(
        { model: 'gpt-4o', input: 'x' },
        faultHeader({ kind: 'server-error' }),
      ),
    );
    expect(e500).toBeInstanceOf(InternalServerError);
    expect(e500.status).toBe(500);
    const e503 = await rejection(
      client.responses.create(
        { model: 'gpt-4o', input: 'x' },
        faultHeader({ kind: 'server-error', status: 503 }),
      ),
    );
    expect(e503.status).toBe(503);
    const fine = await client.responses.create({ model: 'gpt-4o', input: 'x' });
    expect(fine.status).toBe('completed');
  });

  it('answers a content-filter 400 with innererror.content_filter_result', async () => {
    const error = await rejection(
      datedClient(emulator()).responses.create(
        { model: 'gpt-4o', input: 'x' },
        faultHeader({ kind: 'content-filter', category: 'hate', severity: 'medium' }),
      ),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe('content_filter');
    expect(error.error).toMatchObject({
      code: 'content_filter',
      param: 'prompt',
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: {
          hate: { filtered: true, severity: 'medium' },
          sexual: { filtered: false, severity: 'safe' },
          violence: { filtered: false, severity: 'safe' },
          self_harm: { filtered: false, severity: 'safe' },
          jailbreak: { filtered: false, detected: false },
        },
      },
    });
  });

  it('reports a jailbreak as detected', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create(
        { model: 'gpt-4o', input: 'x' },
        faultHeader({ kind: 'content-filter', category: 'jailbreak' }),
      ),
    );
    expect(error.error).toMatchObject({
      innererror: { content_filter_result: { jailbreak: { filtered: true, detected: true } } },
    });
  });

  it('answers context_length_exceeded', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create(
        { model: 'gpt-4o', input: 'x' },
        faultHeader({ kind: 'context-length-exceeded' }),
      ),
    );
    expect(error.code).toBe('context_length_exceeded');
  });

  it('rejects a malformed fault header with 400', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create(
        { model: 'gpt-4o', input: 'x' },
        { headers: { 'x-emulator-fault': '{"kind":"nope"}' } },
      ),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('not a known fault kind');
  });
});

describe('incomplete answers', () => {
  it('returns status incomplete with reason max_output_tokens or content_filter (JSON)', async () => {
    const client = v1Client(emulator());
    const input = 'give me a long answer 40 words';
    const cut = await client.responses.create(
      { model: 'gpt-4o', input },
      faultHeader({ kind: 'incomplete' }),
    );
    expect(cut.status).toBe('incomplete');
    expect(cut.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(cut.output_text.split(' ')).toHaveLength(20);
    expect(cut.output[0]).toMatchObject({ status: 'incomplete' });
    const filtered = await client.responses.create(
      { model: 'gpt-4o', input },
      faultHeader({ kind: 'incomplete', reason: 'content_filter' }),
    );
    expect(filtered.incomplete_details).toEqual({ reason: 'content_filter' });
  });

  it('ends the stream with response.incomplete', async () => {
    const stream = await v1Client(emulator()).responses.create(
      { model: 'gpt-4o', input: 'long answer 10 words', stream: true },
      faultHeader({ kind: 'incomplete', reason: 'content_filter' }),
    );
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.incomplete');
    expect(types.filter(t => t === 'response.output_text.delta')).toHaveLength(5);
  });

  it('stops at a small max_output_tokens by itself', async () => {
    const response = await v1Client(emulator()).responses.create({
      model: 'gpt-4o',
      input: 'long answer 100 words',
      max_output_tokens: 16,
    });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details?.reason).toBe('max_output_tokens');
    expect(response.output_text.split(' ')).toHaveLength(16);
    expect(response.usage?.output_tokens).toBe(16);
  });

  it('spends a small budget on reasoning and returns no message', async () => {
    const response = await v1Client(emulator()).responses.create({
      model: 'gpt-5',
      input: 'long answer 100 words',
      max_output_tokens: 16,
    });
    expect(response.status).toBe('incomplete');
    expect(response.output.map(o => o.type)).toEqual(['reasoning']);
  });
});

describe('latency and dropped connections', () => {
  it('delays the answer, and frees the timer when the client goes away', async () => {
    const countTimeouts = (): number =>
      process.getActiveResourcesInfo().filter(r => r === 'Timeout').length;
    const before = countTimeouts();
    const controller = new AbortController();
    const pending = v1Client(emulator()).responses.create(
      { model: 'gpt-4o', input: 'slow' },
      { signal: controller.signal, ...faultHeader({ kind: 'latency', ms: 60_000 }) },
    );
    while (
      emulator().recorder.requests.length === 0 ||
      emulator().recorder.last()?.faults.length === 0
    ) {
      await new Promise(resolve => setImmediate(resolve));
    }
    expect(countTimeouts()).toBeGreaterThan(before);
    controller.abort();
    await rejection(pending);
    while (countTimeouts() > before) await new Promise(resolve => setImmediate(resolve));
    expect(emulator().recorder.last()).toMatchObject({ faults: ['latency'], status: 0 });
  });

  it('applies latency before a terminal fault when both are armed', async () => {
    emulator().addFault({ kind: 'latency', ms: 1 });
    emulator().addFault({ kind: 'server-error' });
    const error = await rejection(
      v1Client(emulator()).responses.create({ model: 'gpt-4o', input: 'x' }),
    );
    expect(error.status).toBe(500);
    expect(emulator().recorder.last()?.faults).toEqual(['latency', 'server-error']);
  });

  it('drops the connection before answering', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create(
        { model: 'gpt-4o', input: 'x' },
        faultHeader({ kind: 'drop-connection' }),
      ),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(emulator().recorder.last()?.status).toBe(0);
  });

  it('drops the connection mid-stream after the given number of events', async () => {
    const stream = await v1Client(emulator()).responses.create(
      { model: 'gpt-4o', input: 'long answer 30 words', stream: true },
      faultHeader({ kind: 'drop-mid-stream', afterEvents: 6 }),
    );
    const types: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of stream) types.push(event.type);
      })(),
    );
    expect(error).toBeInstanceOf(Error);
    expect(types).toHaveLength(6);
    expect(types).not.toContain('response.completed');
  });

  it('sends an SSE error event mid-stream', async () => {
    const stream = await v1Client(emulator()).responses.create(
      { model: 'gpt-4o', input: 'long answer 30 words', stream: true },
      faultHeader({ kind: 'stream-error', afterEvents: 4 }),
    );
    const types: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of stream) types.push(event.type);
      })(),
    );
    expect(error).toBeInstanceOf(APIError);
    expect(types).toHaveLength(4);
  });
});

describe('malformed tool arguments', () => {
  it('cuts function-call arguments short (JSON and stream)', async () => {
    const client = v1Client(emulator());
    const response = await client.responses.create(
      { model: 'gpt-4o', input: 'weather in Paris', tools: [WEATHER_TOOL] },
      faultHeader({ kind: 'malformed-tool-arguments' }),
    );
    const call = response.output.find(o => o.type === 'function_call');
    expect(call?.type === 'function_call' && call.arguments).toBe('{"city":"Paris');
    expect(() => JSON.parse(call?.type === 'function_call' ? call.arguments : '')).toThrow();

    const raw = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({
        model: 'gpt-4o',
        input: 'weather in Paris',
        tools: [WEATHER_TOOL],
        stream: true,
      }),
      {
        'api-key': emulator().apiKey,
        'x-emulator-fault': JSON.stringify({ kind: 'malformed-tool-arguments' }),
      },
    );
    const done = parseSse(raw.text).find(e => e.event === 'response.function_call_arguments.done');
    expect(done?.data.arguments).toBe('{"city":"Paris');
  });
});

describe('fault bookkeeping', () => {
  it('consumes faults in arming order, counts times and clears', () => {
    emulator().addFault({ kind: 'server-error', times: 2 });
    emulator().addFault({ kind: 'rate-limit' });
    expect(
      emulator()
        .pendingFaults()
        .map(f => [f.kind, f.deployment]),
    ).toEqual([
      ['rate-limit', 'throttled'],
      ['server-error', undefined],
      ['rate-limit', undefined],
    ]);
    emulator().clearFaults();
    expect(emulator().pendingFaults()).toEqual([]);
    emulator().resetFaults();
    expect(emulator().pendingFaults()).toEqual([
      { kind: 'rate-limit', retryAfterMs: 30_000, times: 'always', deployment: 'throttled' },
    ]);
  });

  it('rejects bad fault specs with EmulatorError', async () => {
    const error = (() => {
      try {
        emulator().addFault({ kind: 'latency' } as unknown as FaultSpec);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(EmulatorError.isInstance(error)).toBe(true);
    expect((error as EmulatorError).field).toBe('fault.ms');
    await expect(startEmulator({ faults: [{ kind: 'rate-limit', times: 0 }] })).rejects.toThrow(
      /times/,
    );
  });
});

describe('stream pacing', () => {
  it('paces events with streamDelayMs and frees the timer when the client aborts mid-stream', async () => {
    const baseline = process.getActiveResourcesInfo().filter(r => r === 'Timeout').length;
    const paced = await startEmulator({ streamDelayMs: 60_000 });
    try {
      const controller = new AbortController();
      const stream = await v1Client(paced).responses.create(
        { model: 'gpt-4o', input: 'long answer 5 words', stream: true },
        { signal: controller.signal },
      );
      const countTimeouts = (): number =>
        process.getActiveResourcesInfo().filter(r => r === 'Timeout').length;
      const types: string[] = [];
      for await (const event of stream) {
        types.push(event.type);
        controller.abort();
      }
      // The emulator's 60 s pacing timer is cleared once it notices the client left.
      while (countTimeouts() > baseline) await new Promise(resolve => setImmediate(resolve));
      expect(types).toEqual(['response.created']);
    } finally {
      await paced.close();
    }
  });
});
