import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';
import { parseSse, rawPost, v1Client } from './helpers.js';

const emulator = useEmulator(
  { beforeAll, afterAll, beforeEach },
  { deployments: { 'gpt-4o': { model: 'gpt-4o' } } },
);

const BODY = JSON.stringify({ model: 'gpt-4o', input: 'hello', stream: true });

describe('rate-limit fault without retry-after', () => {
  it('sends only the rate-limit reset headers', async () => {
    emulator().addFault({ kind: 'rate-limit', omitRetryAfter: true, resetTokens: '20ms' });
    const answer = await rawPost(emulator(), '/openai/v1/responses', BODY);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBeNull();
    expect(answer.headers.get('retry-after-ms')).toBeNull();
    expect(answer.headers.get('x-ratelimit-reset-tokens')).toBe('20ms');
    expect(answer.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
  });

  it('rejects a reset value that is not a string', () => {
    expect(() =>
      emulator().addFault({ kind: 'rate-limit', resetTokens: 5 as unknown as string }),
    ).toThrow(/resetTokens/);
  });
});

describe('stream-error fault shapes', () => {
  it('sends error then response.failed with the chosen code (event: both)', async () => {
    emulator().addFault({
      kind: 'stream-error',
      afterEvents: 2,
      code: 'insufficient_quota',
      event: 'both',
    });
    const answer = await rawPost(emulator(), '/openai/v1/responses', BODY);
    const events = parseSse(answer.text);
    expect(events.map(e => e.data.type)).toEqual([
      'response.created',
      'response.in_progress',
      'error',
      'response.failed',
    ]);
    expect(events[2]?.data.error).toMatchObject({ code: 'insufficient_quota' });
    const failed = events[3]?.data.response as Record<string, unknown>;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({
      code: 'insufficient_quota',
      message: expect.stringContaining('quota'),
    });
  });

  it('sends a flat error event (no nested error object) for flat-error', async () => {
    emulator().addFault({
      kind: 'stream-error',
      afterEvents: 0,
      code: 'rate_limit_exceeded',
      event: 'flat-error',
    });
    const events = parseSse((await rawPost(emulator(), '/openai/v1/responses', BODY)).text);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ type: 'error', code: 'rate_limit_exceeded' });
    expect(events[0]?.data.error).toBeUndefined();
  });

  it('rejects an unknown event shape', () => {
    expect(() =>
      emulator().addFault({ kind: 'stream-error', event: 'nope' as unknown as 'error' }),
    ).toThrow(/event/);
  });
});

describe('revoke-token fault', () => {
  it('refuses the next bearer token with 401 and keeps refusing it; a new token works', async () => {
    const first = emulator().issueToken();
    emulator().addFault({ kind: 'revoke-token' });
    const client = (token: string) => v1Client(emulator(), { apiKey: token });
    const refused = await client(first)
      .responses.create({ model: 'gpt-4o', input: 'x' })
      .catch((error: unknown) => error as { status: number; error: { code: string } });
    expect(refused).toMatchObject({ status: 401, error: { code: 'InvalidAuthenticationToken' } });
    expect(emulator().recorder.last()?.faults).toEqual(['revoke-token']);
    const again = await client(first)
      .responses.create({ model: 'gpt-4o', input: 'x' })
      .catch((error: unknown) => error as { status: number });
    expect(again).toMatchObject({ status: 401 });
    const ok = await client(emulator().issueToken()).responses.create({
      model: 'gpt-4o',
      input: 'x',
    });
    expect(ok.status).toBe('completed');
  });
});
