import { describe, expect, it } from 'vitest';
import { createTestCoordinator } from './test-coordinator.js';

describe('createTestCoordinator', () => {
  it('records mounts by name and unmounts', async () => {
    const coordinator = createTestCoordinator();
    const module = { name: 'x' };
    await coordinator.mount('providers', module, { name: 'azure-openai' });
    await coordinator.mount('providers', { name: 'other' });
    await coordinator.mount('tools', {});
    expect(coordinator.getMounted('providers')).toEqual({
      'azure-openai': module,
      other: { name: 'other' },
    });
    expect(Object.keys(coordinator.getMounted('tools'))).toEqual(['default']);
    expect(coordinator.unmount('providers', 'azure-openai')).toBe(true);
    expect(coordinator.unmount('providers', 'azure-openai')).toBe(false);
    expect(Object.keys(coordinator.getMounted('providers'))).toEqual(['other']);
  });

  it('records hook events and calls handlers (named and *)', async () => {
    const coordinator = createTestCoordinator();
    const seen: string[] = [];
    const off = coordinator.hooks.on('llm:request', data => {
      seen.push(`named:${String(data.model)}`);
    });
    coordinator.hooks.on('*', (_data, event) => {
      seen.push(`all:${event}`);
    });
    await coordinator.hooks.emit('llm:request', { model: 'gpt-5' });
    off();
    await coordinator.hooks.emit('llm:request', { model: 'gpt-4o' });
    expect(seen).toEqual(['named:gpt-5', 'all:llm:request', 'all:llm:request']);
    expect(coordinator.hooks.eventsNamed('llm:request').map(e => e.data.model)).toEqual([
      'gpt-5',
      'gpt-4o',
    ]);
    coordinator.hooks.clear();
    expect(coordinator.hooks.events).toEqual([]);
  });

  it('collects contributions in order, skipping null results and failing contributors', async () => {
    const coordinator = createTestCoordinator();
    coordinator.registerContributor('observability.events', 'a', () => ['a:1']);
    coordinator.registerContributor('observability.events', 'b', () => null);
    coordinator.registerContributor('observability.events', 'c', () => {
      throw new Error('broken');
    });
    coordinator.registerContributor('other', 'd', () => ['d']);
    coordinator.registerContributor('observability.events', 'e', async () => ['e:1']);
    expect(await coordinator.collectContributions('observability.events')).toEqual([
      ['a:1'],
      ['e:1'],
    ]);
    expect(await coordinator.collectContributions('nothing')).toEqual([]);
  });
});
