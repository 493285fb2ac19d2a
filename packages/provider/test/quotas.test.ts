import type { Emulator } from '@amplifier-azure-openai/emulator';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitError } from '../src/index.js';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator } from './harness.js';

beforeAll(() => {
  validateResponsesRequest({ model: 'warm-up', input: 'hi' }); // compiles the schema once
}, SETUP_TIMEOUT_MS);

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const ask = (content = 'hello') => ({
  model: 'gpt-5',
  messages: [{ role: 'user' as const, content }],
  max_output_tokens: 100,
});
const MAPPING = { 'gpt-5': ['production-gpt5', 'backup-gpt5'] };
const statuses = (e: Emulator) => e.recorder.responsesRequests().map(request => request.status);

describe('deployment_quotas (through the emulator enforcing the same quotas)', () => {
  it('prefers the deployment with budget left, then waits for budget: no request meets a 429', async () => {
    const quota = { rpm: 2, windowMs: 1000 };
    emulator = await startTestEmulator({
      quotas: { 'production-gpt5': quota, 'backup-gpt5': quota },
    });
    const { provider } = providerFor(emulator, {
      settings: {
        deployment_mapping: MAPPING,
        deployment_quotas: {
          'production-gpt5': { rpm: 2, window_seconds: 1 },
          'backup-gpt5': { rpm: 2, window_seconds: 1 },
        },
      },
      options: { sleep: undefined },
    });
    const responses = await Promise.all(Array.from({ length: 6 }, () => provider.complete(ask())));
    expect(responses).toHaveLength(6);
    expect(statuses(emulator)).toEqual([200, 200, 200, 200, 200, 200]);
    const deployments = emulator.recorder.responsesRequests().map(request => request.deployment);
    expect(deployments.slice(0, 4).sort()).toEqual([
      'backup-gpt5',
      'backup-gpt5',
      'production-gpt5',
      'production-gpt5',
    ]);
    await provider.close();
  });

  it('counts estimated tokens like Azure (text / 4 + max_output_tokens) and waits instead of a sure 429', async () => {
    // 'hello' = 2 tokens + 100 output tokens = 102 per request: two fit in 250, the third waits.
    emulator = await startTestEmulator({ quotas: { 'gpt-4o': { tpm: 250, windowMs: 1000 } } });
    const { provider, sink } = providerFor(emulator, {
      settings: { deployment_quotas: { 'gpt-4o': { tpm: 250, window_seconds: 1 } } },
      options: { sleep: undefined },
    });
    const request = { ...ask(), model: 'gpt-4o' };
    await Promise.all([
      provider.complete(request),
      provider.complete(request),
      provider.complete(request),
    ]);
    expect(statuses(emulator)).toEqual([200, 200, 200]);
    expect(sink.named('provider:throttle')).toEqual([]);
    await provider.close();
  });

  it('without deployment_quotas every request is sent and Azure answers 429 (the baseline)', async () => {
    emulator = await startTestEmulator({ quotas: { 'gpt-4o': { tpm: 250, windowMs: 60_000 } } });
    const { provider } = providerFor(emulator, { settings: { max_retries: 0 } });
    const request = { ...ask(), model: 'gpt-4o' };
    const results = await Promise.allSettled([
      provider.complete(request),
      provider.complete(request),
      provider.complete(request),
    ]);
    expect(results.filter(result => result.status === 'rejected')).toHaveLength(1);
    expect(statuses(emulator).filter(status => status === 429)).toHaveLength(1);
    await provider.close();
  });

  it('fails fast with a local RateLimitError (nothing sent) when no budget frees up in time', async () => {
    emulator = await startTestEmulator({ quotas: { 'gpt-4o': { rpm: 1, windowMs: 60_000 } } });
    const { provider } = providerFor(emulator, {
      settings: { deployment_quotas: { 'gpt-4o': { rpm: 1 } }, timeout: 1 },
      options: { sleep: undefined },
    });
    const request = { ...ask(), model: 'gpt-4o' };
    await provider.complete(request);
    const error = await provider.complete(request).catch((thrown: unknown) => thrown);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'quota_budget_exhausted', deployment: 'gpt-4o' });
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(50_000);
    expect(statuses(emulator)).toEqual([200]);
    await provider.close();
  });

  it('with shared_state_url but without the state-redis package: warns once with the install command and still answers', async () => {
    emulator = await startTestEmulator();
    const { provider, sink } = providerFor(emulator, {
      settings: { shared_state_url: 'redis://:hunter2@127.0.0.1:1' },
      options: {
        loadStateRedis: () => Promise.reject(new Error("Cannot find package 'redis'")),
      },
    });
    await provider.complete({ ...ask(), model: 'gpt-4o' });
    await provider.complete({ ...ask(), model: 'gpt-4o' });
    const warnings = sink.named('provider:warning');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.message)).toContain(
      'npm install @amplifier-azure-openai/state-redis redis',
    );
    expect(JSON.stringify(sink.events)).not.toContain('hunter2');
    await provider.close();
  });
});
