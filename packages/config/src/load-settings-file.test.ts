import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadSettingsFile } from './load-settings-file.js';
import { resolveConfig } from './resolve-config.js';

let directory: string;
let counter = 0;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'azure-openai-config-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writeFile(name: string, text: string): string {
  counter += 1;
  const path = join(directory, `${counter}-${name}`);
  writeFileSync(path, text);
  return path;
}

function loadError(path: string): ConfigError {
  try {
    loadSettingsFile(path);
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const AMPLIFIER_SETTINGS = `# Amplifier settings
[[providers]]
module = "provider-anthropic"
name = "anthropic"

[providers.config]
api_key = "\${ANTHROPIC_API_KEY}"

[[providers]]
module = "provider-azure-openai"
name = "azure-openai"
priority = 1

[providers.config]
azure_endpoint = "https://my-resource.openai.azure.com/openai/v1/"
temperature = 0.5
max_output_tokens = 8000
debug = true
api_version = "2025-04-01-preview"
deployment_mapping = { "gpt-5" = ["prod-gpt5", { deployment = "dr-gpt5", endpoint = "https://dr.openai.azure.com" }], "o4-mini" = "o4" }
`;

describe('loadSettingsFile: Amplifier settings TOML', () => {
  it('returns the config table of the azure-openai [[providers]] entry', () => {
    const config = loadSettingsFile(writeFile('settings.toml', AMPLIFIER_SETTINGS));
    expect(config).toEqual({
      azure_endpoint: 'https://my-resource.openai.azure.com/openai/v1/',
      temperature: 0.5,
      max_output_tokens: 8000,
      debug: true,
      api_version: '2025-04-01-preview',
      deployment_mapping: {
        'gpt-5': ['prod-gpt5', { deployment: 'dr-gpt5', endpoint: 'https://dr.openai.azure.com' }],
        'o4-mini': 'o4',
      },
    });
  });

  it('feeds resolveConfig end to end', () => {
    const { config, sources, warnings } = resolveConfig(
      loadSettingsFile(writeFile('settings.toml', AMPLIFIER_SETTINGS)),
      { AZURE_OPENAI_API_KEY: 'key-from-env' },
    );
    expect(config).toMatchObject({
      azureEndpoint: 'https://my-resource.openai.azure.com',
      apiSurface: 'dated',
      baseUrl: 'https://my-resource.openai.azure.com/openai',
      temperature: 0.5,
      maxTokens: 8000,
      debug: true,
      deploymentMapping: {
        'gpt-5': [
          { deployment: 'prod-gpt5' },
          { deployment: 'dr-gpt5', endpoint: 'https://dr.openai.azure.com' },
        ],
        'o4-mini': [{ deployment: 'o4' }],
      },
    });
    expect(config.apiKey?.reveal()).toBe('key-from-env');
    expect(sources.apiKey).toBe('env');
    expect(warnings.map(warning => warning.key)).toEqual(['azure_endpoint']);
  });

  it.each(['provider-azure-openai', 'amplifier-module-provider-azure-openai'])(
    'matches module = %s without a name',
    module => {
      const path = writeFile(
        'settings.toml',
        `[[providers]]\nmodule = "${module}"\n[providers.config]\ndefault_model = "gpt-4.1"\n`,
      );
      expect(loadSettingsFile(path)).toEqual({ default_model: 'gpt-4.1' });
    },
  );

  it('matches name = "azure-openai" with another module name', () => {
    const path = writeFile(
      'settings.toml',
      '[[providers]]\nname = "azure-openai"\nmodule = "my-fork"\nconfig = { timeout = 5 }\n',
    );
    expect(loadSettingsFile(path)).toEqual({ timeout: 5 });
  });

  it('returns {} for an entry without config', () => {
    const path = writeFile('settings.toml', '[[providers]]\nname = "azure-openai"\n');
    expect(loadSettingsFile(path)).toEqual({});
  });

  it('rejects an entry whose config is not a table, with the entry line', () => {
    const path = writeFile(
      'settings.toml',
      '[[providers]]\nname = "other"\n\n[[providers]]\nname = "azure-openai"\nconfig = "x"\n',
    );
    const error = loadError(path);
    expect(error.problems).toEqual([
      expect.objectContaining({
        key: 'settings_file',
        source: 'file',
        code: 'invalid',
        path,
        line: 4,
      }),
    ]);
    expect(error.problems[0]?.message).toContain('not a table');
  });

  it('fails with the providers found, the path, the line and a fix when there is no such provider', () => {
    const path = writeFile(
      'settings.toml',
      '# comment\n\n[[providers]]\nname = "anthropic"\n\n[[providers]]\nmodule = "provider-openai"\n',
    );
    const error = loadError(path);
    const problem = error.problems[0];
    expect(problem).toMatchObject({
      key: 'settings_file',
      source: 'file',
      code: 'invalid',
      path,
      line: 3,
    });
    expect(problem?.message).toContain('found: "anthropic", "provider-openai"');
    expect(problem?.fix).toContain('module = "provider-azure-openai"');
    expect(error.message).toContain(`${path}:3`);
    expect(error.isMissingRequired).toBe(false);
  });
});

describe('loadSettingsFile: plain files', () => {
  it('returns the top-level keys of a plain TOML file', () => {
    const path = writeFile(
      'azure.toml',
      'azure_endpoint = "https://x.openai.azure.com"\nmax_tokens = 100\n[deployment_mapping]\n"gpt-5" = "prod"\n',
    );
    expect(loadSettingsFile(path)).toEqual({
      azure_endpoint: 'https://x.openai.azure.com',
      max_tokens: 100,
      deployment_mapping: { 'gpt-5': 'prod' },
    });
  });

  it('returns the top-level keys of a JSON file', () => {
    const path = writeFile(
      'azure.json',
      '{"azure_endpoint": "https://x.openai.azure.com", "debug": true}',
    );
    expect(loadSettingsFile(path)).toEqual({
      azure_endpoint: 'https://x.openai.azure.com',
      debug: true,
    });
  });

  it('reads JSON without a .json extension when it starts with {', () => {
    const path = writeFile('azure.conf', '\uFEFF  {"timeout": 30}');
    expect(loadSettingsFile(path)).toEqual({ timeout: 30 });
  });

  it('selects the provider in a JSON settings file too', () => {
    const path = writeFile(
      'settings.json',
      JSON.stringify({ providers: [{ module: 'provider-azure-openai', config: { top_p: 0.5 } }] }),
    );
    expect(loadSettingsFile(path)).toEqual({ top_p: 0.5 });
  });

  it('passes an unquoted TOML date through, and resolveConfig explains to quote it', () => {
    const path = writeFile(
      'azure.toml',
      'azure_endpoint = "https://x.openai.azure.com"\napi_version = 2025-04-01\n',
    );
    const input = loadSettingsFile(path);
    expect(() => resolveConfig(input, {})).toThrow(/quote it/);
  });
});

describe('loadSettingsFile: errors', () => {
  it('reports a missing file with the path and a fix', () => {
    const path = join(directory, 'does-not-exist.toml');
    const error = loadError(path);
    expect(error.problems).toEqual([
      expect.objectContaining({ key: 'settings_file', source: 'file', code: 'missing', path }),
    ]);
    expect(error.problems[0]?.fix).toContain('[[providers]]');
    expect(error.isMissingRequired).toBe(false);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('expands a leading ~/ to the home directory', () => {
    const error = loadError('~/surely-missing-dir-for-config-test/settings.toml');
    expect(error.problems[0]?.path).toBe(
      join(homedir(), 'surely-missing-dir-for-config-test/settings.toml'),
    );
  });

  it('reports a directory', () => {
    const path = join(directory, 'a-directory');
    mkdirSync(path);
    expect(loadError(path).problems[0]?.message).toContain('directory');
  });

  it('reports an empty path', () => {
    expect(loadError('  ').problems[0]?.message).toContain('No settings file path');
  });

  it('reports bad TOML with the line and column, without quoting the file', () => {
    const path = writeFile(
      'settings.toml',
      '[[providers]]\nname = "azure-openai"\n[providers.config]\napi_key = "sk-TOML-SECRET"\ntemperature = = 1\n',
    );
    const error = loadError(path);
    const problem = error.problems[0];
    expect(problem).toMatchObject({ source: 'file', code: 'invalid', path, line: 5 });
    expect(problem?.message).toMatch(/not valid TOML \(line 5, column \d+\)/);
    expect(`${error.message} ${inspect(error)}`).not.toContain('sk-TOML-SECRET');
  });

  it('reports bad JSON with the line and column, without quoting the file', () => {
    const path = writeFile(
      'azure.json',
      '{\n  "azure_endpoint": "https://x",\n  "api_key": sk-JSON-SECRET\n}',
    );
    const error = loadError(path);
    const problem = error.problems[0];
    expect(problem).toMatchObject({ source: 'file', code: 'invalid', path, line: 3 });
    expect(problem?.message).toContain('line 3, column 14');
    expect(`${error.message} ${inspect(error)}`).not.toContain('sk-JSON-SECRET');
    const short = loadError(writeFile('short.json', '{"api_key": sk-SHORT-SECRET}'));
    expect(short.problems[0]?.line).toBe(1);
    expect(inspect(short, { depth: Number.POSITIVE_INFINITY })).not.toContain('sk-SHORT-SECRET');
  });

  it('rejects a JSON file whose top level is not an object', () => {
    const path = writeFile('azure.json', '["https://x.openai.azure.com"]');
    expect(loadError(path).problems[0]?.message).toContain('table');
  });
});
