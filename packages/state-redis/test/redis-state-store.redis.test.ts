import { createMemoryStateStore, type Logger } from '@amplifier-azure-openai/deployments';
import { type RedisServerHandle, startRedisServer } from '@amplifier-azure-openai/test-utils';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStateStore, type RedisStateStore, StateRedisError } from '../src/index.js';

let redis: RedisServerHandle;
const stores: RedisStateStore[] = [];
let prefix = 0;

beforeAll(async () => {
  redis = await startRedisServer();
}, 30_000);
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map(store => store.close()));
  if (!redis.running) await redis.restart();
});

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => lines.push({ level, message });
  const logger: Logger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  return { logger, lines };
}

async function store(options: { logger?: Logger; url?: string; keyPrefix?: string } = {}) {
  const created = createRedisStateStore({
    url: options.url ?? redis.url,
    keyPrefix: options.keyPrefix ?? `test${prefix}`,
    logger: options.logger,
    commandTimeoutMs: 2000,
  });
  stores.push(created);
  await created.ready(10_000);
  return created;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

const KEY = 'https://east.openai.azure.com|gpt5';
const LIMIT = { tokens: 100, requests: 10, windowMs: 60_000 };

describe('createRedisStateStore', () => {
  it('shares one sliding-window budget between stores (processes)', async () => {
    prefix += 1;
    const one = await store();
    const two = await store();
    expect(one.shared).toBe(true);
    expect(await one.reserve(KEY, { tokens: 60, requests: 1 }, LIMIT)).toMatchObject({
      granted: true,
    });
    const refused = await two.reserve(KEY, { tokens: 60, requests: 1 }, LIMIT);
    expect(refused).toMatchObject({ granted: false, reason: 'tokens' });
    expect(refused.granted === false && refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(await two.reserve(KEY, { tokens: 40, requests: 1 }, LIMIT)).toMatchObject({
      granted: true,
    });
    // Another endpoint's deployment of the same name has its own budget.
    expect(
      await two.reserve('https://west.openai.azure.com|gpt5', { tokens: 60, requests: 1 }, LIMIT),
    ).toMatchObject({ granted: true });
    expect(await one.reserve(KEY, { tokens: 1000, requests: 1 }, LIMIT)).toMatchObject({
      granted: false,
      reason: 'too-large',
    });
  });

  it('reserves atomically: 60 concurrent requests from 6 stores, exactly the limit granted', async () => {
    prefix += 1;
    const fleet = await Promise.all(Array.from({ length: 6 }, () => store()));
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        (fleet[index % fleet.length] as RedisStateStore).reserve(
          KEY,
          { tokens: 1, requests: 1 },
          { requests: 10, windowMs: 60_000 },
        ),
      ),
    );
    expect(decisions.filter(decision => decision.granted)).toHaveLength(10);
  });

  it('settle() moves a reservation later by the delay (never past the server time)', async () => {
    prefix += 1;
    const one = await store();
    const granted = await one.reserve(KEY, { tokens: 5, requests: 1 }, LIMIT);
    expect(granted).toMatchObject({ granted: true, id: expect.stringMatching(/^r:5:/) });
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      const usage = `test${prefix}:{${KEY}}:usage`;
      const [member] = await raw.zRange(usage, 0, -1);
      const before = Number(await raw.zScore(usage, member as string));
      await new Promise(resolve => setTimeout(resolve, 50));
      await one.settle(KEY, granted.granted ? (granted.id as string) : '', 30);
      expect(Number(await raw.zScore(usage, member as string))).toBe(before + 30);
      await one.settle(KEY, 'r:unknown', 30);
      expect(await raw.zCard(usage)).toBe(1);
    } finally {
      raw.destroy();
    }
  });

  it('shares cooldowns with the reason, never shortens them, and blocks reservations', async () => {
    prefix += 1;
    const one = await store();
    const two = await store();
    await one.coolDown(KEY, 30_000, 'exceeded token rate limit');
    await two.coolDown(KEY, 1_000, 'shorter');
    const cooling = await two.cooldown(KEY);
    expect(cooling?.reason).toBe('exceeded token rate limit');
    expect(cooling?.remainingMs).toBeGreaterThan(25_000);
    expect(await two.reserve(KEY, { tokens: 1, requests: 1 }, LIMIT)).toMatchObject({
      granted: false,
      reason: 'cooldown',
    });
    expect(await two.cooldown('https://east.openai.azure.com|other')).toBeUndefined();
  });

  it('shares quota observations and gives every key a TTL', async () => {
    prefix += 1;
    const one = await store();
    const two = await store();
    await one.observeQuota(KEY, { remainingTokens: 42, limitTokens: 100, observedAt: 7 });
    await one.reserve(KEY, { tokens: 1, requests: 1 }, LIMIT);
    await one.coolDown(KEY, 5_000, 'r');
    expect(await two.observedQuota(KEY)).toEqual({
      remainingTokens: 42,
      limitTokens: 100,
      observedAt: 7,
    });
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      const names = await raw.keys(`test${prefix}:*`);
      expect(names.sort()).toEqual(
        [
          `test${prefix}:{${KEY}}:cooldown`,
          `test${prefix}:{${KEY}}:quota`,
          `test${prefix}:{${KEY}}:usage`,
        ].sort(),
      );
      for (const name of names) expect(await raw.pTTL(name)).toBeGreaterThan(0);
    } finally {
      raw.destroy();
    }
  });

  it('goes on with local state when Redis is killed mid-run (one warning), and shares again once it is back', async () => {
    prefix += 1;
    const { logger, lines } = recordingLogger();
    const one = await store({ logger });
    await one.reserve(KEY, { tokens: 10, requests: 1 }, LIMIT);
    await redis.kill();
    const started = Date.now();
    for (let index = 0; index < 5; index++) {
      // Never rejects: the local fallback answers (a budget of its own while Redis is away).
      expect((await one.reserve(KEY, { tokens: 10, requests: 1 }, LIMIT)).granted).toBe(true);
    }
    await one.coolDown(KEY, 1_000, 'local');
    expect((await one.cooldown(KEY))?.reason).toBe('local');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(one.shared).toBe(false);
    const warnings = lines.filter(line => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(`Shared state at ${redis.url} is unavailable`);

    await redis.restart();
    await until(() => one.shared, 'the store to reconnect');
    expect(lines.filter(line => line.level === 'info').map(line => line.message)).toEqual([
      `Shared state at ${redis.url} is available again; cooldowns and budgets are shared.`,
    ]);
    const two = await store();
    await one.coolDown(KEY, 20_000, 'shared again');
    expect((await two.cooldown(KEY))?.reason).toBe('shared again');
  }, 60_000);

  it('starts with Redis unreachable: local state and one warning, no rejection', async () => {
    prefix += 1;
    const { logger, lines } = recordingLogger();
    await redis.kill();
    const lonely = createRedisStateStore({
      url: redis.url,
      keyPrefix: `test${prefix}`,
      logger,
      fallback: createMemoryStateStore(),
    });
    stores.push(lonely);
    expect(await lonely.ready(300)).toBe(false);
    expect((await lonely.reserve(KEY, { tokens: 1, requests: 1 }, LIMIT)).granted).toBe(true);
    await until(() => lines.some(line => line.level === 'warn'), 'the warning');
    await lonely.reserve(KEY, { tokens: 1, requests: 1 }, LIMIT);
    expect(lines.filter(line => line.level === 'warn')).toHaveLength(1);
  }, 30_000);

  it('refuses a non-redis URL without echoing it, and never logs the password', async () => {
    expect(() => createRedisStateStore({ url: 'http://user:hunter2@x' })).toThrow(
      expect.objectContaining({ name: 'StateRedisError' }),
    );
    try {
      createRedisStateStore({ url: 'http://user:hunter2@x' });
    } catch (error) {
      expect(StateRedisError.isInstance(error)).toBe(true);
      expect(String(error)).not.toContain('hunter2');
    }
    const { logger, lines } = recordingLogger();
    const guarded = createRedisStateStore({
      url: `redis://user:hunter2@127.0.0.1:${redis.port}`,
      logger,
    });
    stores.push(guarded);
    await until(() => lines.length > 0, 'the auth failure warning');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect((await guarded.reserve(KEY, { tokens: 1, requests: 1 }, LIMIT)).granted).toBe(true);
  }, 30_000);
});
