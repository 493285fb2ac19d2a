import { describe, expect, it } from 'vitest';
import { describeTarget, normalizeEndpoint, targetKey } from './deployment-target.js';

describe('normalizeEndpoint', () => {
  it.each([
    ['https://x.openai.azure.com', 'https://x.openai.azure.com'],
    ['  https://x.openai.azure.com/  ', 'https://x.openai.azure.com'],
    ['https://x.openai.azure.com/openai', 'https://x.openai.azure.com'],
    ['https://x.openai.azure.com/openai/v1/', 'https://x.openai.azure.com'],
    ['https://X.OpenAI.Azure.com/OpenAI/V1', 'https://x.openai.azure.com'],
    ['https://gateway.example.com/aoai/openai/v1', 'https://gateway.example.com/aoai'],
    ['https://x.openai.azure.com/openai/deployments/gpt-5/chat', 'https://x.openai.azure.com'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://localhost:9/openai/v1', 'http://localhost:9'],
    ['http://[::1]:9', 'http://[::1]:9'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeEndpoint(raw)).toMatchObject({ ok: true, endpoint: expected });
  });

  it.each([
    ['', /empty/],
    ['x.openai.azure.com', /must be a full URL/],
    ['ftp://x.openai.azure.com', /must use https/],
    ['http://x.openai.azure.com', /clear text/],
    ['http://10.0.0.1', /clear text/],
    ['https://x.openai\n.azure.com', /control character U\+000A/],
    ['https://u:p@x.openai.azure.com', /credentials/],
    ['https://x.openai.azure.com/?api-version=1', /query string/],
    ['https://x.openai.azure.com/#frag', /fragment/],
  ])('rejects %s', (raw, reason) => {
    const result = normalizeEndpoint(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(reason);
  });
});

describe('targetKey and describeTarget', () => {
  it('keys by endpoint and deployment, with the default endpoint for bare targets', () => {
    const main = 'https://main.openai.azure.com';
    expect(targetKey({ deployment: 'a' }, main)).toBe(
      targetKey({ deployment: 'a', endpoint: main }, main),
    );
    expect(targetKey({ deployment: 'a' }, main)).not.toBe(
      targetKey({ deployment: 'a', endpoint: 'https://westus.openai.azure.com' }, main),
    );
    expect(targetKey({ deployment: 'a' }, undefined)).not.toBe(
      targetKey({ deployment: 'b' }, undefined),
    );
  });

  it('describes a target by deployment and host', () => {
    expect(describeTarget({ deployment: 'a' })).toBe('a');
    expect(describeTarget({ deployment: 'a', endpoint: 'https://westus.openai.azure.com' })).toBe(
      'a@westus.openai.azure.com',
    );
  });
});

describe('normaliseEndpoint (deprecated spelling)', () => {
  it('is the same function as normalizeEndpoint', async () => {
    const index = await import('./index.js');
    expect(index.normaliseEndpoint).toBe(index.normalizeEndpoint);
    expect(index.normaliseModelName).toBe(index.normalizeModelName);
  });
});
