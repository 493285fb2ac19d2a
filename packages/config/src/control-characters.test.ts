import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { escapeControlCharacters, findControlCharacter } from './control-characters.js';
import { resolveConfig } from './resolve-config.js';

const ENDPOINT = 'https://my-resource.openai.azure.com';

function configError(
  input: Record<string, unknown>,
  env: Record<string, string> = {},
): ConfigError {
  try {
    resolveConfig(input, env);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('resolveConfig accepted the value');
}

/** Everything a ConfigError could show: message, problems, inspect, JSON. */
function everything(error: ConfigError): string {
  return [error.message, JSON.stringify(error.problems), inspect(error, { depth: 5 })].join('\n');
}

describe('control characters in configuration values', () => {
  const secretBody = 'sk-secret-value-0123456789';
  for (const [label, value] of [
    ['CR LF (header injection)', `${secretBody}\r\nX-Injected: 1`],
    ['NUL', `${secretBody}\u0000tail`],
    ['ESC', `${secretBody}\u001b[31m`],
    ['DEL', `${secretBody}\u007f`],
    ['a bare LF inside', `${secretBody}\nmore`],
  ] as const) {
    it(`rejects an api_key with ${label}, without printing the value`, () => {
      const error = configError({ azure_endpoint: ENDPOINT, api_key: value });
      const problem = error.problems.find(candidate => candidate.key === 'api_key');
      expect(problem?.message).toContain('control character');
      expect(problem?.message).toContain('the value is not shown');
      expect(everything(error)).not.toContain(secretBody);
    });
  }

  it('rejects a control character in AZURE_OPENAI_AD_TOKEN (env), naming the variable only', () => {
    const error = configError(
      { azure_endpoint: ENDPOINT },
      { AZURE_OPENAI_AD_TOKEN: `eyJtoken-body-0123456789\r\nX: y` },
    );
    const problem = error.problems.find(candidate => candidate.key === 'azure_ad_token');
    expect(problem?.message).toContain(
      'AZURE_OPENAI_AD_TOKEN contains the control character U+000D',
    );
    expect(everything(error)).not.toContain('eyJtoken-body');
  });

  it('still accepts a key whose only whitespace is a trailing newline (trimmed)', () => {
    const { config } = resolveConfig({ azure_endpoint: ENDPOINT, api_key: `${secretBody}\n` }, {});
    expect(config.apiKey?.reveal()).toBe(secretBody);
  });

  it('rejects control characters in deployment names and model names (deployment_mapping, default_deployment)', () => {
    const mapping = configError({
      azure_endpoint: ENDPOINT,
      api_key: 'k'.repeat(20),
      deployment_mapping: {
        'gpt-5': 'prod\r\nX-Evil: 1',
        'gpt\u001b[2J': 'ok',
        'gpt-4o': { deployment: 'a\u0000b' },
      },
    });
    const keys = mapping.problems.map(problem => problem.key);
    expect(keys).toContain('deployment_mapping.gpt-5');
    expect(keys).toContain('deployment_mapping.gpt\\u001b[2J');
    expect(keys).toContain('deployment_mapping.gpt-4o');
    expect(findControlCharacter(mapping.message.replaceAll('\n', ' '))).toBeUndefined();

    const deployment = configError({
      azure_endpoint: ENDPOINT,
      default_deployment: 'prod\nother',
    });
    expect(deployment.problems[0]?.key).toBe('default_deployment');
    expect(deployment.problems[0]?.message).toContain('U+000A (line feed)');
  });

  it('rejects a control character in the endpoint (the URL parser would silently drop a tab or newline)', () => {
    const error = configError({ azure_endpoint: 'https://my-res\tource.openai.azure.com' });
    expect(error.problems[0]?.key).toBe('azure_endpoint');
    expect(error.problems[0]?.message).toContain('U+0009 (tab)');
  });
});

describe('findControlCharacter / escapeControlCharacters', () => {
  it('names the first control character and escapes all of them', () => {
    expect(findControlCharacter('plain text')).toBeUndefined();
    expect(findControlCharacter('a\u0085b')).toBe('U+0085');
    expect(escapeControlCharacters('a\r\n\t\u001b[0m\u0000')).toBe('a\\r\\n\\t\\u001b[0m\\u0000');
  });
});
