/**
 * Fuzzing configuration from the environment, provider config tables and settings files (random
 * TOML / JSON in temp dirs): a resolved config or a ConfigError whose every problem names a key
 * and a fix; never another error, and never a secret in the message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  CONFIG_KEYS,
  ConfigError,
  loadSettingsFile,
  resolveConfig,
} from '@amplifier-azure-openai/config';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../src/harness/fuzz-runs.js';

const SECRET = 'sk-fuzz-SECRET-0123456789abcdef';
const KEYS = CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases]);
const ENV_VARS = CONFIG_KEYS.flatMap(info => [...info.envVars]);

const tricky = fc.constantFrom(
  '',
  '   ',
  'true',
  'false',
  'yes',
  '0',
  '-1',
  '1e999',
  'NaN',
  'Infinity',
  '0x10',
  '3.5',
  'http://example.com',
  'https://x.openai.azure.com/openai/v1/',
  'https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-02-01',
  'ftp://x',
  'http://127.0.0.1:8080',
  'http://[::1]:1',
  'https://user:pass@host',
  '2024-10-21',
  'preview',
  'v1',
  'gpt-5',
  '{"gpt-5":"a"}',
  '["a","b"]',
  '\u0024{AZURE_OPENAI_API_KEY}',
  'é✓\u0000',
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  tricky,
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(tricky, fc.integer()), { maxLength: 3 }),
  fc.dictionary(
    fc.oneof(tricky, fc.string({ maxLength: 6 })),
    fc.oneof(
      tricky,
      fc.array(tricky, { maxLength: 2 }),
      fc.record({ deployment: tricky, endpoint: tricky }, { noNullPrototype: false }),
    ),
    { maxKeys: 3, noNullPrototype: false },
  ),
  fc.constant('x'.repeat(100_000)),
);

/** The secret goes only where secrets belong; every other value is junk. */
const secretInput = fc.dictionary(
  fc.constantFrom('api_key', 'azure_ad_token'),
  fc.constantFrom(SECRET, ` ${SECRET} `),
  { maxKeys: 2, noNullPrototype: true },
);
const secretEnv = fc.dictionary(
  fc.constantFrom('AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_KEY', 'AZURE_OPENAI_AD_TOKEN'),
  fc.constant(SECRET),
  { maxKeys: 2, noNullPrototype: true },
);
const input = fc
  .tuple(
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 })), value, {
      maxKeys: 8,
      noNullPrototype: true,
    }),
    secretInput,
  )
  .map(([junk, secrets]) => ({ ...junk, ...secrets }));
const env = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...ENV_VARS), fc.oneof(tricky, fc.string({ maxLength: 20 })), {
      maxKeys: 6,
      noNullPrototype: true,
    }),
    secretEnv,
  )
  .map(([junk, secrets]) => ({ ...junk, ...secrets }));

/** Checks that `error` is a ConfigError whose problems all name a key and a fix, with no secret. */
function expectGoodConfigError(error: unknown): void {
  if (!ConfigError.isInstance(error)) {
    throw new Error(`not a ConfigError: ${error instanceof Error ? error.stack : String(error)}`);
  }
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(
      typeof problem.key === 'string' && problem.key.trim() !== '',
      JSON.stringify(problem),
    ).toBe(true);
    expect(
      typeof problem.fix === 'string' && problem.fix.trim() !== '',
      JSON.stringify(problem),
    ).toBe(true);
    expect(typeof problem.message === 'string' && problem.message !== '').toBe(true);
  }
  const shown = `${error.message}\n${JSON.stringify(error.problems)}\n${inspect(error)}`;
  expect(shown.includes(SECRET), 'the secret appears in the ConfigError').toBe(false);
}

function resolveOrError(config: unknown, environment: Record<string, string>) {
  let resolved: ReturnType<typeof resolveConfig>;
  try {
    resolved = resolveConfig(config as Record<string, unknown>, environment);
  } catch (error) {
    expectGoodConfigError(error);
    return;
  }
  {
    const shown = `${JSON.stringify(resolved)}\n${inspect(resolved, { depth: 5 })}\n${String(resolved.config.apiKey)}`;
    expect(shown.includes(SECRET), 'the secret appears in the resolved config').toBe(false);
    for (const warning of resolved.warnings) {
      expect(typeof warning.key).toBe('string');
      expect(JSON.stringify(warning).includes(SECRET)).toBe(false);
    }
  }
}

describe('configuration fuzz', () => {
  it('random provider config tables and environments: a config or a ConfigError with key and fix', () => {
    fc.assert(
      fc.property(input, env, (config, environment) => resolveOrError(config, environment)),
      { numRuns: fuzzRuns(300) },
    );
  });

  // A user who puts the API key into AZURE_OPENAI_ENDPOINT (swapped variables) must not see it echoed.
  it('an API key put into AZURE_OPENAI_ENDPOINT by mistake is not echoed', () => {
    const key = '0123456789abcdef0123456789abcdef';
    try {
      resolveConfig(
        {},
        { AZURE_OPENAI_ENDPOINT: key, AZURE_OPENAI_API_KEY: 'unrelated-key-value-000' },
      );
      throw new Error('accepted a key as the endpoint');
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).not.toContain(key);
    }
  });

  // smol-toml gives tables a null prototype; a key and its alias both set, one a table, must give a ConfigError.
  it('a settings file setting max_output_tokens to a table and max_tokens to a string gives a ConfigError', () => {
    const path = join(dir, 'alias-table.toml');
    writeFileSync(
      path,
      'azure_endpoint = "https://x.openai.azure.com"\napi_key = "k0123456789abcdef"\nmax_output_tokens = { a = 1 }\nmax_tokens = "x"\n',
    );
    try {
      resolveConfig(loadSettingsFile(path), {});
      throw new Error('accepted');
    } catch (error) {
      expect(ConfigError.isInstance(error), String(error)).toBe(true);
    }
  });

  it('non-object inputs: a ConfigError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer(), fc.array(fc.anything({ maxDepth: 1 }))),
        config => {
          try {
            resolveConfig(config as unknown as Record<string, unknown>, {});
            throw new Error('accepted a non-object config');
          } catch (error) {
            expectGoodConfigError(error);
          }
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'reliability-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fileNumber = 0;

  const tomlValue = fc.oneof(
    tricky.map(text => JSON.stringify(text)),
    fc.integer().map(String),
    fc.constantFrom(
      'true',
      'false',
      '[1, "a"]',
      '{ a = 1 }',
      '1979-05-27',
      'inf',
      'nan',
      '"""x"""',
      "'lit'",
    ),
  );
  const tomlLine = fc.oneof(
    fc.tuple(fc.constantFrom(...KEYS), tomlValue).map(([key, text]) => `${key} = ${text}`),
    fc.constantFrom(
      '[[providers]]',
      'module = "provider-azure-openai"',
      'name = "azure-openai"',
      '[providers.config]',
      '[other]',
      '[[providers]]\nmodule = "other"',
      'key = ',
      '= 1',
      '[unclosed',
      '"quoted key" = 1',
      `api_key = "${SECRET}"`,
      `api_key = "${SECRET}`,
    ),
    fc.string({ maxLength: 30 }),
  );
  const tomlFile = fc.array(tomlLine, { maxLength: 10 }).map(lines => lines.join('\n'));
  const jsonFile = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map(v => JSON.stringify(v)),
    input.map(v => JSON.stringify(v)),
    fc.constantFrom(
      '{',
      `{"api_key": "${SECRET}`,
      `{"api_key": "${SECRET}", }`,
      '[]',
      'null',
      '{"providers": []}',
      '\uFEFF{}',
    ),
  );

  it('random TOML and JSON settings files in a temp dir: a config table or a ConfigError with key and fix', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          tomlFile.map(t => ['toml', t] as const),
          jsonFile.map(t => ['json', t] as const),
        ),
        ([ext, text]) => {
          fileNumber += 1;
          const path = join(dir, `settings-${fileNumber}.${ext}`);
          writeFileSync(path, text);
          let table: Record<string, unknown>;
          try {
            table = loadSettingsFile(path);
          } catch (error) {
            expectGoodConfigError(error);
            return;
          }
          resolveOrError(table, {});
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('missing files, directories and empty paths: a ConfigError with key and fix', () => {
    for (const path of [
      join(dir, 'nope.toml'),
      dir,
      '',
      '   ',
      '~/definitely-missing-settings.toml',
    ]) {
      try {
        loadSettingsFile(path);
        throw new Error(`loaded ${path}`);
      } catch (error) {
        expectGoodConfigError(error);
      }
    }
  });
});
