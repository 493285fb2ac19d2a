import { RateLimitError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Emulator,
  EmulatorError,
  estimateRequestTokens,
  startEmulator,
} from '../src/index.js';
import { v1Client } from './helpers.js';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

// 40 characters of input + 16 output tokens = 26 estimated tokens per request.
const BODY = { model: 'gpt-4o', input: 'x'.repeat(40), max_output_tokens: 16 } as const;

describe('per-deployment quotas', () => {
  it('estimates tokens like Azure: text characters / 4 plus max_output_tokens', () => {
    expect(estimateRequestTokens({ ...BODY })).toBe(26);
    expect(
      estimateRequestTokens({
        instructions: 'abcd',
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'abcdefgh' }] }],
      }),
    ).toBe(3 + 4096);
  });

  it('refuses the request over the token quota with Azure 429 headers and body, shared by all clients', async () => {
    emulator = await startEmulator({ quotas: { 'gpt-4o': { tpm: 60, windowMs: 60_000 } } });
    const first = v1Client(emulator);
    const second = v1Client(emulator);
    const ok = await first.responses.create({ ...BODY }).withResponse();
    expect(ok.response.headers.get('x-ratelimit-remaining-tokens')).toBe('34');
    expect(ok.response.headers.get('x-ratelimit-limit-tokens')).toBe('60');
    await second.responses.create({ ...BODY });
    const error = await second.responses.create({ ...BODY }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    const retryAfterMs = Number(rateLimit.headers?.get('retry-after-ms'));
    expect(retryAfterMs).toBeGreaterThan(55_000);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(rateLimit.headers?.get('retry-after')).toBe(String(Math.ceil(retryAfterMs / 1000)));
    expect(rateLimit.headers?.get('x-ratelimit-remaining-tokens')).toBe('8');
    expect(rateLimit.message).toContain('exceeded token rate limit');
    // Another deployment has no quota; a refused request counted nothing.
    await first.responses.create({ ...BODY, model: 'gpt-4o-mini' });
    expect(emulator.recorder.requests.map(request => request.status)).toEqual([200, 200, 429, 200]);
  });

  it('limits requests per window and frees the budget when the window slides', async () => {
    let now = 1_000_000;
    emulator = await startEmulator({
      now: () => now,
      quotas: { 'gpt-4o': { rpm: 2, windowMs: 10_000 } },
    });
    const client = v1Client(emulator);
    await client.responses.create({ ...BODY });
    now += 4000;
    await client.responses.create({ ...BODY });
    const error = (await client.responses
      .create({ ...BODY })
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after-ms')).toBe('6000');
    expect(error.message).toContain('exceeded call rate limit');
    now += 6000;
    const ok = await client.responses.create({ ...BODY }).withResponse();
    expect(ok.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('rejects a malformed quota option naming the field', async () => {
    await expect(startEmulator({ quotas: { 'gpt-4o': { tpm: -5 } } })).rejects.toSatisfy(
      error => EmulatorError.isInstance(error) && error.field === 'quotas.gpt-4o.tpm',
    );
  });
});
