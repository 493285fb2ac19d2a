import type { Emulator } from '@amplifier-azure-openai/emulator';
import {
  type RedisServerHandle,
  startRedisServer,
  validateResponsesRequest,
} from '@amplifier-azure-openai/test-utils';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AzureOpenAIProvider } from '../src/index.js';
import { providerFor, SETUP_TIMEOUT_MS, startTestEmulator } from './harness.js';

let redis: RedisServerHandle;
let emulator: Emulator | undefined;
const providers: AzureOpenAIProvider[] = [];

beforeAll(async () => {
  validateResponsesRequest({ model: 'warm-up', input: 'hi' });
  redis = await startRedisServer();
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map(provider => provider.close()));
  await emulator?.close();
  emulator = undefined;
  if (!redis.running) await redis.restart();
});

const ask = {
  model: 'gpt-5',
  messages: [{ role: 'user' as const, content: 'hello' }],
  max_output_tokens: 100,
};
const MAPPING = { 'gpt-5': ['production-gpt5', 'backup-gpt5'] };
/** 102 estimated tokens per request: 3 requests per deployment per window. */
const EMULATOR_QUOTA = { tpm: 310, windowMs: 2000 };
const QUOTAS = {
  'production-gpt5': { tpm: 310, window_seconds: 2 },
  'backup-gpt5': { tpm: 310, window_seconds: 2 },
};

/** Several providers, as if in several processes: nothing shared but Redis (when given). */
function fleet(size: number, shared: boolean) {
  return Array.from({ length: size }, () => {
    const { provider, sink } = providerFor(emulator as Emulator, {
      settings: {
        deployment_mapping: MAPPING,
        deployment_quotas: QUOTAS,
        ...(shared ? { shared_state_url: `${redis.url}/0` } : {}),
      },
      options: { sleep: undefined },
    });
    providers.push(provider);
    return { provider, sink };
  });
}

const statuses = () =>
  (emulator as Emulator).recorder.responsesRequests().map(request => request.status);

async function flushRedis(): Promise<void> {
  const raw = createClient({ url: redis.url });
  await raw.connect();
  await raw.flushAll();
  raw.destroy();
}

describe('shared_state_url (real redis-server, real emulator quotas)', () => {
  it('three providers sharing Redis never send a request Azure refuses; without Redis they do', async () => {
    emulator = await startTestEmulator({
      quotas: { 'production-gpt5': EMULATOR_QUOTA, 'backup-gpt5': EMULATOR_QUOTA },
    });
    await flushRedis();
    const shared = fleet(3, true);
    // Let each provider load state-redis and connect before the burst.
    await Promise.all(shared.map(({ provider }) => provider.complete(ask)));
    await new Promise(resolve => setTimeout(resolve, 2100));
    (emulator as Emulator).recorder.clear();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        (shared[index % 3] as { provider: AzureOpenAIProvider }).provider.complete(ask),
      ),
    );
    expect(answers).toHaveLength(12);
    expect(statuses().filter(status => status === 429)).toEqual([]);
    expect(statuses()).toHaveLength(12);

    // The same burst from providers that only know their own usage meets Azure's 429s.
    await new Promise(resolve => setTimeout(resolve, 2100));
    (emulator as Emulator).recorder.clear();
    const alone = fleet(3, false);
    await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        (alone[index % 3] as { provider: AzureOpenAIProvider }).provider.complete(ask),
      ),
    );
    expect(statuses().filter(status => status === 429).length).toBeGreaterThan(0);
  }, 60_000);

  it('Redis killed mid-run: requests keep succeeding on local state (one warning), and state is shared again after a restart', async () => {
    emulator = await startTestEmulator();
    await flushRedis();
    const { provider, sink } = providerFor(emulator, {
      settings: {
        deployment_mapping: MAPPING,
        deployment_quotas: { 'production-gpt5': { tpm: 1_000_000 } },
        shared_state_url: redis.url,
      },
      options: { sleep: undefined },
    });
    providers.push(provider);
    await provider.complete(ask);
    await redis.kill();
    for (let index = 0; index < 4; index++) await provider.complete(ask);
    const warnings = sink.named('provider:warning').map(payload => String(payload.message));
    expect(warnings.filter(message => message.includes('is unavailable'))).toHaveLength(1);

    await redis.restart();
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      const deadline = Date.now() + 20_000;
      let keys: string[] = [];
      while (keys.length === 0 && Date.now() < deadline) {
        await provider.complete(ask);
        keys = await raw.keys('amplifier-azure-openai:*');
        if (keys.length === 0) await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(keys.some(key => key.endsWith('|production-gpt5}:usage'))).toBe(true);
    } finally {
      raw.destroy();
    }
  }, 60_000);
});
