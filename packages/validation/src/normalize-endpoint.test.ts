import { describe, expect, it } from 'vitest';
import { isLoopbackHost, normalizeEndpoint } from './normalize-endpoint.js';

const NAME = '`azure_endpoint`';

describe('normalizeEndpoint', () => {
  it.each([
    ['https://my-resource.openai.azure.com', 'https://my-resource.openai.azure.com', undefined],
    ['https://my-resource.openai.azure.com/', 'https://my-resource.openai.azure.com', undefined],
    ['https://my-resource.openai.azure.com///', 'https://my-resource.openai.azure.com', undefined],
    [
      '  https://my-resource.openai.azure.com \n',
      'https://my-resource.openai.azure.com',
      undefined,
    ],
    [
      'https://my-resource.openai.azure.com/openai',
      'https://my-resource.openai.azure.com',
      '/openai',
    ],
    [
      'https://my-resource.openai.azure.com/openai/',
      'https://my-resource.openai.azure.com',
      '/openai',
    ],
    [
      'https://my-resource.openai.azure.com/openai/v1',
      'https://my-resource.openai.azure.com',
      '/openai/v1',
    ],
    [
      'https://my-resource.openai.azure.com/openai/v1/',
      'https://my-resource.openai.azure.com',
      '/openai/v1',
    ],
    [
      'https://my-resource.openai.azure.com/openai/deployments/gpt-5/chat/completions',
      'https://my-resource.openai.azure.com',
      '/openai/deployments/gpt-5/chat/completions',
    ],
    [
      'https://my-resource.openai.azure.com/OpenAI/V1',
      'https://my-resource.openai.azure.com',
      '/OpenAI/V1',
    ],
    ['HTTPS://My-Resource.OpenAI.Azure.com', 'https://my-resource.openai.azure.com', undefined],
    [
      'https://my-resource.openai.azure.com:443/',
      'https://my-resource.openai.azure.com',
      undefined,
    ],
    [
      'https://gateway.example.com:8443/team-a/',
      'https://gateway.example.com:8443/team-a',
      undefined,
    ],
    [
      'https://gateway.example.com/team-a/openai/v1',
      'https://gateway.example.com/team-a',
      '/openai/v1',
    ],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', undefined],
    ['http://127.0.0.1:8080/openai/v1/', 'http://127.0.0.1:8080', '/openai/v1'],
    ['http://localhost:3000/', 'http://localhost:3000', undefined],
    ['http://[::1]:9000', 'http://[::1]:9000', undefined],
  ])('%s -> %s (stripped %s)', (raw, endpoint, stripped) => {
    const result = normalizeEndpoint(raw, NAME);
    expect(result).toEqual({ ok: true, endpoint, stripped });
  });

  it.each([
    [
      'my-resource.openai.azure.com',
      'must be a full URL',
      'Use https://my-resource.openai.azure.com.',
    ],
    ['not a url', 'must be a full URL', 'Azure portal'],
    // a bare token (an API key pasted into the endpoint variable) is never echoed back
    ['0123456789abcdef0123456789abcdef', 'must be a full URL', 'Azure portal'],
    ['localhost:8080', 'must be a full URL', 'Use https://localhost:8080.'],
    ['https://', 'is not a valid URL', 'Azure portal'],
    ['ftp://my-resource.openai.azure.com', 'must use https://', 'https://'],
    ['http://my-resource.openai.azure.com', 'clear text', 'Use https://'],
    ['http://10.0.0.5:8080', 'clear text', 'loopback'],
    ['https://user:pass@my-resource.openai.azure.com', 'credentials', 'api_key'],
    ['https://my-resource.openai.azure.com?api-version=2024-10-21', 'query string', 'api_version'],
    ['https://my-resource.openai.azure.com/#frag', 'fragment', '#'],
    ['   ', 'is empty', 'Azure portal'],
    // the URL parser would drop these silently and reach another host
    [
      'https://my-resource.openai\n.azure.com',
      'control character U+000A (line feed)',
      'line breaks',
    ],
    [
      'https://my-resource.openai.azure.com\t/team',
      'control character U+0009 (tab)',
      'line breaks',
    ],
    [
      'https://my-resource.openai.azure.com/\u0000',
      'control character U+0000 (NUL)',
      'line breaks',
    ],
  ])('rejects %s', (raw, message, fix) => {
    const result = normalizeEndpoint(raw, NAME);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(message);
    expect(result.message).toContain(NAME);
    expect(result.fix).toContain(fix);
  });

  it('calls the value "The endpoint" when no name is given', () => {
    expect(normalizeEndpoint('ftp://x.openai.azure.com')).toMatchObject({
      ok: false,
      message: 'The endpoint must use https:// (got ftp://).',
    });
  });

  it('never repeats credentials or a query string in its message', () => {
    for (const raw of [
      'https://admin:hunter2-SECRET@my-resource.openai.azure.com',
      'https://my-resource.openai.azure.com/?api-key=hunter2-SECRET',
      'http://example.com/?api-key=hunter2-SECRET',
      'my-resource.openai.azure.com/openai?api-key=hunter2-SECRET',
      'my-resource.openai.azure.com/#hunter2-SECRET',
      'user:hunter2-SECRET@my-resource.openai.azure.com',
    ]) {
      const result = normalizeEndpoint(raw, NAME);
      expect(JSON.stringify(result)).not.toContain('hunter2-SECRET');
    }
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['::1', true],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['example.com', false],
    ['10.0.0.1', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
