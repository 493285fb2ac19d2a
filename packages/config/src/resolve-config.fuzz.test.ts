import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { CONFIG_KEYS } from './config-keys.js';
import { describeConfig } from './describe-config.js';
import { resolveConfig } from './resolve-config.js';

/** Small deterministic PRNG (mulberry32), so failures reproduce. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const MARKER = 'FUZZ-SECRET-7f3a';
const KEYS = [
  ...CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases]),
  'temprature',
  'priority',
  'zzz',
];
const SECRET_KEYS = new Set(['api_key', 'azure_ad_token']);
const SECRET_ENV = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_KEY', 'AZURE_OPENAI_AD_TOKEN'];
const OTHER_ENV = CONFIG_KEYS.flatMap(info => (info.secret ? [] : info.envVars));
const STRINGS = [
  '',
  '  ',
  'true',
  'no',
  'maybe',
  '0',
  '-1',
  '0.5',
  '2.5',
  '4096',
  '1e3',
  'NaN',
  'v1',
  'preview',
  '2024-10-01-preview',
  '2025-04-01-preview',
  '2025-13-01',
  'https://r.openai.azure.com/openai/v1/',
  'http://127.0.0.1:8080',
  'http://example.com',
  'https://u:p@example.com',
  'high',
  'gpt-5',
  '{"gpt-5": ["a", {"deployment": "b"}]}',
];

function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * 10);
  switch (pick) {
    case 0:
      return Math.floor(random() * 10000) - 100;
    case 1:
      return random() * 3;
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
      return depth > 2 ? 'x' : [randomValue(random, depth + 1), randomValue(random, depth + 1)];
    case 5:
      return depth > 2
        ? {}
        : {
            'gpt-5': randomValue(random, depth + 1),
            deployment: randomValue(random, depth + 1),
            endpoint: randomValue(random, depth + 1),
          };
    default:
      return STRINGS[Math.floor(random() * STRINGS.length)];
  }
}

describe('resolveConfig under random input', () => {
  it('returns a frozen result or throws a ConfigError, and never leaks a secret', () => {
    const random = createRandom(20250301);
    let resolvedCount = 0;
    let errorCount = 0;
    for (let iteration = 0; iteration < 2000; iteration++) {
      const input: Record<string, unknown> = {};
      const env: Record<string, string> = {};
      for (let count = Math.floor(random() * 8); count > 0; count--) {
        const key = KEYS[Math.floor(random() * KEYS.length)] ?? 'zzz';
        input[key] = SECRET_KEYS.has(key)
          ? random() < 0.7
            ? `${MARKER}-${iteration}`
            : [`${MARKER}`, 1]
          : randomValue(random);
      }
      if (random() < 0.5) input.azure_endpoint = 'https://r.openai.azure.com';
      for (const name of SECRET_ENV) if (random() < 0.3) env[name] = `${MARKER}-env`;
      for (let count = Math.floor(random() * 3); count > 0; count--) {
        const name = OTHER_ENV[Math.floor(random() * OTHER_ENV.length)] ?? 'X';
        env[name] = STRINGS[Math.floor(random() * STRINGS.length)] ?? '';
      }
      let rendered: string;
      try {
        const resolved = resolveConfig(input, env);
        resolvedCount++;
        expect(Object.isFrozen(resolved.config)).toBe(true);
        rendered = [
          JSON.stringify(resolved),
          inspect(resolved, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
          JSON.stringify(describeConfig(resolved)),
        ].join('\n');
      } catch (error) {
        if (!ConfigError.isInstance(error)) throw error;
        errorCount++;
        expect(error.problems.length).toBeGreaterThan(0);
        rendered = `${error.message}\n${inspect(error, { depth: Number.POSITIVE_INFINITY })}\n${JSON.stringify(error.problems)}`;
      }
      if (rendered.includes(MARKER)) {
        throw new Error(
          `secret leaked at iteration ${iteration}: ${JSON.stringify({ input, env })}`,
        );
      }
    }
    expect(resolvedCount).toBeGreaterThan(100);
    expect(errorCount).toBeGreaterThan(100);
  }, 120_000);
});
