import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolve-config.js';

const BASE = { azure_endpoint: 'https://x.openai.azure.com' };

function problemsOf(input: Record<string, unknown>) {
  try {
    resolveConfig({ ...BASE, ...input }, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('request option keys', () => {
  it('reads every request option', () => {
    const { config } = resolveConfig(
      {
        ...BASE,
        use_streaming: 'false',
        prompt_cache_key: 'tenant-1',
        prompt_cache_retention: '24h',
        safety_identifier: 'user-7',
        truncation: 'AUTO',
        service_tier: 'priority',
        parallel_tool_calls: false,
        verbosity: 'low',
        reasoning_effort: 'xhigh',
        extra_headers: { 'x-route': 'eu', 'x-count': 3 },
        extra_body: { metadata: { team: 'search' } },
      },
      {},
    );
    expect(config).toMatchObject({
      useStreaming: false,
      promptCacheKey: 'tenant-1',
      promptCacheRetention: '24h',
      safetyIdentifier: 'user-7',
      truncation: 'auto',
      serviceTier: 'priority',
      parallelToolCalls: false,
      textVerbosity: 'low',
      reasoningEffort: 'xhigh',
      extraBody: { metadata: { team: 'search' } },
    });
    expect(config.extraHeaders['x-route']?.reveal()).toBe('eu');
    expect(config.extraHeaders['x-count']?.reveal()).toBe('3');
  });

  it('accepts reasoning_effort none', () => {
    expect(resolveConfig({ ...BASE, reasoning_effort: 'none' }, {}).config.reasoningEffort).toBe(
      'none',
    );
  });

  it('accepts extra_headers and extra_body as JSON text', () => {
    const { config } = resolveConfig(
      { ...BASE, extra_headers: '{"x-a":"1"}', extra_body: '{"user":"u"}' },
      {},
    );
    expect(config.extraHeaders['x-a']?.reveal()).toBe('1');
    expect(config.extraBody).toEqual({ user: 'u' });
  });

  it('never prints extra header values', () => {
    const resolved = resolveConfig(
      { ...BASE, extra_headers: { 'x-gateway-token': 'gw-secret-123' } },
      {},
    );
    for (const text of [JSON.stringify(resolved), inspect(resolved, { depth: 10 })]) {
      expect(text).not.toContain('gw-secret-123');
    }
  });

  it('refuses credential, content and malformed headers with a fix', () => {
    const problems = problemsOf({
      extra_headers: {
        Authorization: 'Bearer x',
        'Ocp-Apim-Subscription-Key': 'k',
        'bad name': 'v',
        'x-nested': { a: 1 },
        'x-crlf': 'a\r\nb',
      },
    });
    expect(problems.map(problem => problem.key)).toEqual([
      'extra_headers.Authorization',
      'extra_headers.Ocp-Apim-Subscription-Key',
      'extra_headers.bad name',
      'extra_headers.x-nested',
      'extra_headers.x-crlf',
    ]);
    expect(problems[1]?.fix).toContain('apim_subscription_key');
    for (const problem of problems) expect(problem.fix.length).toBeGreaterThan(5);
    expect(JSON.stringify(problems)).not.toContain('Bearer x');
  });

  it('refuses extra_body fields the provider builds, and non-tables', () => {
    expect(problemsOf({ extra_body: { model: 'x', input: [] } }).map(p => p.key)).toEqual([
      'extra_body.model',
      'extra_body.input',
    ]);
    expect(problemsOf({ extra_body: 'not json' })[0]?.key).toBe('extra_body');
    expect(problemsOf({ extra_headers: ['a'] })[0]?.key).toBe('extra_headers');
  });

  it('rejects unknown choice values', () => {
    expect(problemsOf({ service_tier: 'gold' })[0]?.message).toContain(
      'one of auto, default, flex, priority',
    );
    expect(problemsOf({ prompt_cache_retention: '1h' })[0]?.key).toBe('prompt_cache_retention');
  });
});
