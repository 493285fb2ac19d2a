import { describe, expect, it } from 'vitest';
import { MODEL_CAPABILITY_TABLE } from './capability-table.js';
import {
  findCapabilityEntry,
  getModelCapabilities,
  normalizeModelName,
  UNKNOWN_MODEL_CAPABILITIES,
} from './get-model-capabilities.js';

describe('normalizeModelName', () => {
  it('lower-cases, trims, turns _ and spaces into - and splits gpt5', () => {
    expect(normalizeModelName(' Production_GPT5 ')).toBe('production-gpt-5');
    expect(normalizeModelName('gpt4o mini')).toBe('gpt-4o-mini');
    expect(normalizeModelName('GPT-4.1')).toBe('gpt-4.1');
  });
});

describe('getModelCapabilities', () => {
  it.each([
    ['gpt-5', 'gpt-5', true],
    ['gpt-5-2025-08-07', 'gpt-5', true],
    ['gpt-5-mini', 'gpt-5-mini', true],
    ['gpt-5-nano', 'gpt-5-nano', true],
    ['gpt-5-chat', 'gpt-5-chat', false],
    ['gpt-5-chat-latest', 'gpt-5-chat', false],
    ['gpt-5-codex', 'gpt-5-codex', true],
    ['gpt-5.1', 'gpt-5.1', true],
    ['gpt-5.1-codex', 'gpt-5.1', true],
    ['o1', 'o1', true],
    ['o1-mini', 'o1-mini', true],
    ['o3', 'o3', true],
    ['o3-mini-2025-01-31', 'o3-mini', true],
    ['o4-mini', 'o4-mini', true],
    ['codex-mini-latest', 'codex-mini', true],
    ['gpt-4.1', 'gpt-4.1', false],
    ['gpt-4.1-mini', 'gpt-4.1-mini', false],
    ['gpt-4.1-nano', 'gpt-4.1-nano', false],
    ['gpt-4o', 'gpt-4o', false],
    ['gpt-4o-2024-08-06', 'gpt-4o', false],
    ['gpt-4o-mini', 'gpt-4o-mini', false],
    ['gpt-4', 'gpt-4', false],
    ['gpt-4-turbo-2024-04-09', 'gpt-4-turbo', false],
    ['gpt-35-turbo', 'gpt-35-turbo', false],
    ['gpt-3.5-turbo', 'gpt-35-turbo', false],
  ])('%s is family %s (reasoning: %s)', (name, family, reasoning) => {
    const capabilities = getModelCapabilities(name);
    expect(capabilities.family).toBe(family);
    expect(capabilities.known).toBe(true);
    expect(capabilities.reasoning).toBe(reasoning);
    // Reasoning models never take temperature.
    if (reasoning) expect(capabilities.supportsTemperature).toBe(false);
  });

  it('finds the family inside deployment names, longest pattern first', () => {
    expect(getModelCapabilities('prod-gpt-5-mini').family).toBe('gpt-5-mini');
    expect(getModelCapabilities('production-gpt5').family).toBe('gpt-5');
    expect(getModelCapabilities('eastus2_GPT_4o_mini').family).toBe('gpt-4o-mini');
    expect(getModelCapabilities('team-o3-pro-eu').family).toBe('o3-pro');
    expect(getModelCapabilities('azure/o4-mini').family).toBe('o4-mini');
  });

  it('only matches at token boundaries', () => {
    expect(getModelCapabilities('gpt-50').known).toBe(false);
    expect(getModelCapabilities('demo3').known).toBe(false);
    expect(getModelCapabilities('pro1-fast').known).toBe(false);
    expect(getModelCapabilities('fast-mini').known).toBe(false);
  });

  it('reports the public limits of key families', () => {
    expect(getModelCapabilities('gpt-5')).toEqual({
      family: 'gpt-5',
      known: true,
      reasoning: true,
      contextWindow: 400_000,
      maxOutputTokens: 128_000,
      vision: true,
      tools: true,
      supportsTemperature: false,
      jsonMode: true,
      costTier: 'medium',
      reasoningEfforts: ['minimal', 'low', 'medium', 'high'],
    });
    expect(getModelCapabilities('gpt-5.1-2025-11-13').reasoningEfforts).toEqual([
      'none',
      'low',
      'medium',
      'high',
    ]);
    expect(getModelCapabilities('gpt-5.2').reasoningEfforts).toContain('xhigh');
    expect(getModelCapabilities('gpt-4o').reasoningEfforts).toBeUndefined();
    expect(getModelCapabilities('gpt-5-chat')).toMatchObject({
      reasoning: false,
      supportsTemperature: true,
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
    });
    expect(getModelCapabilities('gpt-4.1').contextWindow).toBe(1_047_576);
    expect(getModelCapabilities('o1-mini')).toMatchObject({ tools: false, vision: false });
    expect(getModelCapabilities('gpt-35-turbo')).toMatchObject({ vision: false, costTier: 'low' });
  });

  it('returns a fresh copy of the conservative defaults for unknown names', () => {
    const unknown = getModelCapabilities('llama-house-model');
    expect(unknown).toEqual(UNKNOWN_MODEL_CAPABILITIES);
    expect(unknown).not.toBe(UNKNOWN_MODEL_CAPABILITIES);
    unknown.contextWindow = 1;
    expect(UNKNOWN_MODEL_CAPABILITIES.contextWindow).toBe(128_000);
    expect(getModelCapabilities(undefined as unknown as string).known).toBe(false);
  });
});

describe('MODEL_CAPABILITY_TABLE', () => {
  it('is frozen data with unique families and patterns', () => {
    expect(Object.isFrozen(MODEL_CAPABILITY_TABLE)).toBe(true);
    expect(MODEL_CAPABILITY_TABLE.every(row => Object.isFrozen(row))).toBe(true);
    const families = MODEL_CAPABILITY_TABLE.map(row => row.family);
    expect(new Set(families).size).toBe(families.length);
    const patterns = MODEL_CAPABILITY_TABLE.flatMap(row => row.patterns);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('is self-consistent: every pattern finds its own row, limits are sane', () => {
    for (const row of MODEL_CAPABILITY_TABLE) {
      for (const pattern of row.patterns) {
        expect(normalizeModelName(pattern)).toBe(pattern);
        expect(findCapabilityEntry(pattern)?.family).toBe(row.family);
      }
      expect(row.maxOutputTokens).toBeLessThanOrEqual(row.contextWindow);
      if (row.reasoning) expect(row.supportsTemperature).toBe(false);
    }
  });

  it('can be searched as a custom table', () => {
    const custom = [{ ...UNKNOWN_MODEL_CAPABILITIES, family: 'house', patterns: ['house'] }];
    expect(findCapabilityEntry('eu-house-v2', custom)?.family).toBe('house');
    expect(findCapabilityEntry('gpt-5', custom)).toBeUndefined();
  });
});
