import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { nativeToolBody, normalizeNativeTools } from './native-tools.js';
import { resolveConfig } from './resolve-config.js';

const BASE = { azure_endpoint: 'https://x.openai.azure.com', api_key: 'k' };

describe('normalizeNativeTools', () => {
  it('accepts type names, tables, JSON text and comma-separated names', () => {
    expect(normalizeNativeTools(['web_search', { type: 'image_generation' }]).value).toEqual([
      { type: 'web_search' },
      { type: 'image_generation' },
    ]);
    expect(normalizeNativeTools('["web_search_preview"]').value).toEqual([
      { type: 'web_search_preview' },
    ]);
    expect(normalizeNativeTools('web_search, code_interpreter').value).toEqual([
      { type: 'web_search' },
      { type: 'code_interpreter', container: { type: 'auto' } },
    ]);
  });

  it('names the bad entry, with the closest type', () => {
    const { value, problems } = normalizeNativeTools(['web_search', 'code_interpeter']);
    expect(value).toEqual([{ type: 'web_search' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe('native_tools[1].type');
    expect(problems[0]?.fix).toContain('Did you mean "code_interpreter"?');
  });

  it('requires vector_store_ids for file_search and server_label / server_url for mcp', () => {
    const { problems } = normalizeNativeTools([
      { type: 'file_search' },
      { type: 'mcp', server_label: 'docs' },
      { type: 'mcp', server_url: 'https://mcp.example.com', server_label: 'bad label' },
      { type: 'web_search', search_context_size: 'huge' },
    ]);
    expect(problems.map(p => p.key)).toEqual([
      'native_tools[0].vector_store_ids',
      'native_tools[1].server_url',
      'native_tools[2].server_label',
      'native_tools[3].search_context_size',
    ]);
  });

  it('refuses a type declared twice, and an MCP server label used twice', () => {
    const mcp = { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com' };
    const { problems } = normalizeNativeTools(['web_search', 'web_search', mcp, mcp]);
    expect(problems.map(p => p.key)).toEqual(['native_tools[1]', 'native_tools[3]']);
  });

  it('refuses a value that is not a list', () => {
    const { problems } = normalizeNativeTools(42, 'metadata.native_tools');
    expect(problems[0]?.key).toBe('metadata.native_tools');
  });

  it('holds MCP headers and authorization as secrets, revealed only in the body', () => {
    const { value, problems } = normalizeNativeTools([
      {
        type: 'mcp',
        server_label: 'docs',
        server_url: 'https://mcp.example.com/mcp',
        require_approval: 'never',
        headers: { Authorization: 'Bearer sekrit-token' },
        authorization: 'oauth-sekrit',
      },
    ]);
    expect(problems).toEqual([]);
    const tool = value[0];
    if (tool === undefined) throw new Error('no tool');
    expect(JSON.stringify(value)).not.toContain('sekrit');
    expect(inspect(value, { depth: 10 })).not.toContain('sekrit');
    expect(nativeToolBody(tool)).toEqual({
      type: 'mcp',
      server_label: 'docs',
      server_url: 'https://mcp.example.com/mcp',
      require_approval: 'never',
      headers: { Authorization: 'Bearer sekrit-token' },
      authorization: 'oauth-sekrit',
    });
  });
});

describe('resolveConfig native_tools', () => {
  it('defaults to no hosted tools', () => {
    expect(resolveConfig(BASE, {}).config.nativeTools).toEqual([]);
  });

  it('resolves the list', () => {
    const { config } = resolveConfig(
      {
        ...BASE,
        native_tools: ['web_search', { type: 'file_search', vector_store_ids: ['vs_1'] }],
      },
      {},
    );
    expect(config.nativeTools).toEqual([
      { type: 'web_search' },
      { type: 'file_search', vector_store_ids: ['vs_1'] },
    ]);
  });

  it('throws a ConfigError naming the bad entry', () => {
    let caught: unknown;
    try {
      resolveConfig({ ...BASE, native_tools: ['web_search', { type: 'file_search' }] }, {});
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).problems.map(p => p.key)).toContain(
      'native_tools[1].vector_store_ids',
    );
  });
});
