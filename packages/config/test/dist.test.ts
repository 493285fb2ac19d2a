import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as source from '../src/index.js';

type PackageModule = typeof source;

const distDir = new URL('../dist/', import.meta.url);
let esm: PackageModule;
let cjs: PackageModule;

beforeAll(async () => {
  if (!existsSync(new URL('index.js', distDir)) || !existsSync(new URL('index.cjs', distDir))) {
    throw new Error(
      'dist/ is missing: run `pnpm --filter @amplifier-azure-openai/config build` first',
    );
  }
  esm = (await import(new URL('index.js', distDir).href)) as PackageModule;
  cjs = createRequire(import.meta.url)(new URL('index.cjs', distDir).pathname) as PackageModule;
});

describe('built package (ESM and CJS copies)', () => {
  it('exports the same names from both builds and the source', () => {
    const names = Object.keys(source).sort();
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
    expect(names).toEqual(
      expect.arrayContaining([
        'CONFIG_KEYS',
        'ConfigError',
        'Secret',
        'describeConfig',
        'loadSettingsFile',
        'resolveConfig',
      ]),
    );
  });

  it('recognises a ConfigError thrown by another copy with isInstance', () => {
    let thrown: unknown;
    try {
      cjs.resolveConfig({}, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof esm.ConfigError).toBe(false);
    expect(esm.ConfigError.isInstance(thrown)).toBe(true);
    expect(source.ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as source.ConfigError).isMissingRequired).toBe(true);
  });

  it('recognises a Secret from another copy, and redacts it', () => {
    const { config } = cjs.resolveConfig(
      { azure_endpoint: 'https://x.openai.azure.com', api_key: 'sk-DIST-SECRET' },
      {},
    );
    expect(esm.Secret.isInstance(config.apiKey)).toBe(true);
    expect(config.apiKey?.reveal()).toBe('sk-DIST-SECRET');
    expect(`${JSON.stringify(config)} ${inspect(config)} ${String(config.apiKey)}`).not.toContain(
      'sk-DIST-SECRET',
    );
  });

  it('stamps the package version', () => {
    expect(esm.VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(esm.VERSION).not.toBe('0.0.0-test');
    expect(cjs.VERSION).toBe(esm.VERSION);
  });
});
