import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENTS, EmulatorError, startEmulator } from '../src/index.js';
import { rawPost, v1Client } from './helpers.js';

describe('options', () => {
  it.each([
    [{ port: -1 }, 'port'],
    [{ port: 1.5 }, 'port'],
    [{ apiKey: ' ' }, 'apiKey'],
    [{ tokenLifetimeSeconds: 0 }, 'tokenLifetimeSeconds'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ deployments: { x: { model: '' } } }, 'deployments.x'],
    [{ userAssignedClientIds: [''] }, 'userAssignedClientIds'],
    [{ faults: [{ kind: 'nope' }] }, 'faults[0].kind'],
  ])('rejects %j naming %s', async (options, field) => {
    const error = await startEmulator(options as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(EmulatorError.isInstance(error)).toBe(true);
    expect((error as EmulatorError).field).toBe(field);
    expect((error as EmulatorError).fix).not.toBe('');
  });

  it('serves the default deployments and the configured ones only', async () => {
    const emulator = await startEmulator({ deployments: { mine: { model: 'gpt-4.1-nano' } } });
    try {
      expect(Object.keys(emulator.deployments)).toEqual(['mine']);
      const response = await v1Client(emulator).responses.create({ model: 'mine', input: 'x' });
      expect(response.model).toBe('gpt-4.1-nano');
      const missing = await rawPost(
        emulator,
        '/openai/v1/responses',
        JSON.stringify({ model: 'gpt-5', input: 'x' }),
      );
      expect(missing.status).toBe(404);
    } finally {
      await emulator.close();
    }
    expect(Object.keys(DEFAULT_DEPLOYMENTS)).toContain('production-gpt5');
  });

  it('uses the injected clock, can leave out content filters and bounds the recorder', async () => {
    const emulator = await startEmulator({
      now: () => 1_750_000_000_123,
      contentFilters: false,
      maxRecordedRequests: 2,
    });
    try {
      const client = v1Client(emulator);
      const response = await client.responses.create({ model: 'gpt-4o', input: 'x' });
      expect(response.created_at).toBe(1_750_000_000);
      expect((response as unknown as Record<string, unknown>).content_filters).toBeNull();
      await client.responses.create({ model: 'gpt-4o', input: 'y' });
      await client.responses.create({ model: 'gpt-4o', input: 'z' });
      expect(emulator.recorder.requests.map(r => r.seq)).toEqual([2, 3]);
      expect(emulator.recorder.last()?.timestamp).toBe(1_750_000_000_123);
    } finally {
      await emulator.close();
    }
  });

  it('is deterministic: a fresh emulator gives the same ids and answers', async () => {
    const run = async (): Promise<unknown> => {
      const emulator = await startEmulator({ now: () => 0 });
      try {
        const response = await v1Client(emulator).responses.create({
          model: 'gpt-5',
          input: 'weather in Oslo',
        });
        return { response, requestId: emulator.recorder.last()?.requestId };
      } finally {
        await emulator.close();
      }
    };
    expect(await run()).toEqual(await run());
  });
});

describe('close', () => {
  it('closes keep-alive connections, is idempotent, and refuses new connections', async () => {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${emulator.url}/emulator/health`, { agent }, res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    // A keep-alive socket is still open: close() must not wait for it.
    await Promise.all([emulator.close(), emulator.close()]);
    await expect(fetch(`${emulator.url}/emulator/health`)).rejects.toThrow();
    agent.destroy();
  });

  it('closes while a delayed answer is pending', async () => {
    const emulator = await startEmulator({ latencyMs: 60_000 });
    const pending = fetch(`${emulator.url}/openai/v1/responses`, {
      method: 'POST',
      headers: { 'api-key': emulator.apiKey },
      body: JSON.stringify({ model: 'gpt-4o', input: 'x' }),
    }).then(
      () => 'answered',
      () => 'failed',
    );
    while (emulator.recorder.requests.length === 0)
      await new Promise(resolve => setImmediate(resolve));
    await emulator.close();
    expect(await pending).toBe('failed');
  });
});
