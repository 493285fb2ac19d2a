import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import type { AzureOpenAIProvider } from '@amplifier-azure-openai/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mount } from '../src/mount.js';
import { createTestCoordinator } from '../src/test-coordinator.js';

describe('mount(): session.cost (real provider, emulator)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('contributes the session total of Usage.cost_usd under provider-azure-openai', async () => {
    const coordinator = createTestCoordinator();
    const names: string[] = [];
    const register = coordinator.registerContributor.bind(coordinator);
    coordinator.registerContributor = (channel, name, callback) => {
      if (channel === 'session.cost') names.push(name);
      register(channel, name, callback);
    };
    const cleanup = await mount(
      coordinator,
      { azure_endpoint: emulator.url, api_key: emulator.apiKey, default_model: 'gpt-4o' },
      { env: {} },
    );
    expect(await coordinator.collectContributions('session.cost')).toEqual([]);
    const provider = coordinator.getMounted('providers')['azure-openai'] as AzureOpenAIProvider;
    const costs: number[] = [];
    for (const content of ['hello', 'tell me a longer story please']) {
      const response = await provider.complete({ messages: [{ role: 'user', content }] });
      expect(response.usage?.cost_usd).toMatch(/^\d+\.\d+$/);
      costs.push(Number(response.usage?.cost_usd));
    }
    const [total] = (await coordinator.collectContributions('session.cost')) as [
      { cost_usd: string },
    ];
    expect(typeof total.cost_usd).toBe('string');
    expect(Number(total.cost_usd)).toBeCloseTo(costs[0]! + costs[1]!, 12);
    expect(names).toEqual(['provider-azure-openai']);
    await cleanup?.();
  });
});
