import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import type { AzureOpenAIProvider } from '@amplifier-azure-openai/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/logger.js';
import { mount } from '../src/mount.js';
import { createTestCoordinator } from '../src/test-coordinator.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug() {},
    info() {},
    warn(message) {
      warnings.push(message);
    },
    error(message) {
      warnings.push(`error: ${message}`);
    },
  };
}

const noSleep = async () => {};

describe('mount() with the in-memory coordinator, against the emulator', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  function config(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      azure_endpoint: emulator.url,
      api_key: emulator.apiKey,
      default_model: 'gpt-4o',
      ...extra,
    };
  }

  it('mounts the provider at providers/azure-openai and declares its events', async () => {
    const coordinator = createTestCoordinator();
    const logger = recordingLogger();
    const cleanup = await mount(coordinator, config(), { env: {}, logger });
    expect(cleanup).toBeTypeOf('function');
    const mounted = coordinator.getMounted('providers');
    expect(Object.keys(mounted)).toEqual(['azure-openai']);
    expect((mounted['azure-openai'] as AzureOpenAIProvider).name).toBe('azure-openai');
    // One contributor name for every channel: the module id, as the Python bridge registers.
    expect(coordinator.contributorNames('observability.events')).toEqual(['provider-azure-openai']);
    expect(coordinator.contributorNames('session.cost')).toEqual(['provider-azure-openai']);
    const [declared] = (await coordinator.collectContributions('observability.events')) as [
      string[],
    ];
    expect(declared.slice(0, 4)).toEqual([
      'llm:stream_block_start',
      'llm:stream_block_delta',
      'llm:stream_block_end',
      'llm:stream_aborted',
    ]);
    for (const name of [
      'provider:retry',
      'provider:throttle',
      'provider:failover',
      'provider:resolve',
      'provider:error',
      'provider:tool_sequence_repaired',
      'provider:response_chain_invalidated',
    ]) {
      expect(declared).toContain(name);
    }
    expect(logger.warnings).toEqual([]);
    await cleanup?.();
  });

  it('reads the configuration from the injected environment', async () => {
    const coordinator = createTestCoordinator();
    const cleanup = await mount(
      coordinator,
      {},
      {
        env: { AZURE_OPENAI_ENDPOINT: emulator.url, AZURE_OPENAI_API_KEY: emulator.apiKey },
        logger: recordingLogger(),
      },
    );
    expect(Object.keys(coordinator.getMounted('providers'))).toEqual(['azure-openai']);
    await cleanup?.();
  });

  it('sends llm:request and llm:response events of a real request to the hooks', async () => {
    const coordinator = createTestCoordinator();
    const cleanup = await mount(coordinator, config(), { env: {}, logger: recordingLogger() });
    const provider = coordinator.getMounted('providers')['azure-openai'] as AzureOpenAIProvider;
    const response = await provider.complete({
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(response.content.some(block => block.type === 'text')).toBe(true);
    const [request] = coordinator.hooks.eventsNamed('llm:request');
    expect(request?.data.provider).toBe('azure-openai');
    const [answer] = coordinator.hooks.eventsNamed('llm:response');
    expect(answer?.data).toMatchObject({ provider: 'azure-openai', status: 'ok' });
    expect(answer?.data.usage).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
    });
    expect(JSON.stringify(coordinator.hooks.events)).not.toContain(emulator.apiKey);
    // Streaming by default: the display's events reach the hooks, one request id for the call.
    const deltas = coordinator.hooks.eventsNamed('llm:stream_block_delta');
    expect(deltas.length).toBeGreaterThan(0);
    const ids = new Set(
      coordinator.hooks.events
        .filter(entry => entry.event.startsWith('llm:stream_'))
        .map(entry => entry.data.request_id),
    );
    expect(ids.size).toBe(1);
    await cleanup?.();
  });

  it('sends provider:retry to the hooks when Azure throttles once', async () => {
    const coordinator = createTestCoordinator();
    const cleanup = await mount(coordinator, config(), {
      env: {},
      logger: recordingLogger(),
      provider: { sleep: noSleep },
    });
    const provider = coordinator.getMounted('providers')['azure-openai'] as AzureOpenAIProvider;
    emulator.addFault({ kind: 'rate-limit', times: 1, retryAfterMs: 10 });
    try {
      await provider.complete({ messages: [{ role: 'user', content: 'Say hello' }] });
    } finally {
      emulator.clearFaults();
    }
    const retries = coordinator.hooks.eventsNamed('provider:retry');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    await cleanup?.();
  });

  it('cleanup closes the provider (idempotently)', async () => {
    const coordinator = createTestCoordinator();
    const cleanup = await mount(coordinator, config(), { env: {}, logger: recordingLogger() });
    const provider = coordinator.getMounted('providers')['azure-openai'] as AzureOpenAIProvider;
    await cleanup?.();
    await cleanup?.();
    await expect(
      provider.complete({ messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({
      name: 'ProviderClosedError',
    });
  });

  it('degrades gracefully without an endpoint: nothing mounted, one warning naming what to set', async () => {
    const coordinator = createTestCoordinator();
    const logger = recordingLogger();
    const result = await mount(coordinator, { api_key: 'k' }, { env: {}, logger });
    expect(result).toBeUndefined();
    expect(coordinator.getMounted('providers')).toEqual({});
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('azure_endpoint');
    expect(logger.warnings[0]).toContain('AZURE_OPENAI_ENDPOINT');
  });

  it('degrades gracefully without a credential: one warning naming the credential settings', async () => {
    const coordinator = createTestCoordinator();
    const logger = recordingLogger();
    const result = await mount(coordinator, { azure_endpoint: emulator.url }, { env: {}, logger });
    expect(result).toBeUndefined();
    expect(coordinator.getMounted('providers')).toEqual({});
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('AZURE_OPENAI_API_KEY');
    expect(logger.warnings[0]).toContain('use_managed_identity');
  });

  it('warns through console.warn by default', async () => {
    const original = console.warn;
    const seen: unknown[] = [];
    console.warn = (...args: unknown[]) => {
      seen.push(args[0]);
    };
    try {
      expect(await mount(createTestCoordinator(), {}, { env: {} })).toBeUndefined();
    } finally {
      console.warn = original;
    }
    expect(seen).toHaveLength(1);
    expect(String(seen[0])).toContain('azure_endpoint');
  });

  it('throws the ConfigError for an invalid configuration', async () => {
    const coordinator = createTestCoordinator();
    await expect(
      mount(coordinator, config({ max_retries: 'many' }), { env: {}, logger: recordingLogger() }),
    ).rejects.toMatchObject({
      name: 'ConfigError',
    });
    expect(coordinator.getMounted('providers')).toEqual({});
  });

  it('closes the provider and rethrows when the coordinator refuses the mount', async () => {
    const coordinator = createTestCoordinator();
    const failing = {
      ...coordinator,
      mount: async () => {
        throw new Error('mount point full');
      },
    };
    await expect(mount(failing, config(), { env: {}, logger: recordingLogger() })).rejects.toThrow(
      'mount point full',
    );
  });
});
