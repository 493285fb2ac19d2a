import { describe, expect, it } from 'vitest';
import { readResponseJson } from './read-response-json.js';
import { ResponseParseError } from './response-parse-error.js';

const context = { deployment: 'gpt-4o', model: 'gpt-4o', requestId: 'req-1' };

async function parseFailure(
  response: Response,
  credentialHeaders?: Record<string, string>,
): Promise<ResponseParseError> {
  try {
    await readResponseJson(response, { ...context, credentialHeaders });
  } catch (error) {
    if (ResponseParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ResponseParseError');
}

describe('readResponseJson', () => {
  it('returns the parsed body', async () => {
    const body = { id: 'resp_1', output: [] };
    const response = new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    });
    await expect(readResponseJson(response, context)).resolves.toEqual(body);
  });

  it('names the status, the content type and the start of a non-JSON body', async () => {
    const error = await parseFailure(
      new Response(`<html>\n  <body>Sign in to the gateway${' x'.repeat(200)}</body></html>`, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      }),
    );
    expect(error.message).toContain('HTTP 200 (text/html; charset=utf-8)');
    expect(error.message).toContain('"<html> <body>Sign in to the gateway');
    expect(error.message).toMatch(/\.\.\."\.$/);
    expect(error.code).toBe('response_parse_error');
    expect(error.retryable).toBe(false);
    expect(error.requestId).toBe('req-1');
    expect(error.deployment).toBe('gpt-4o');
    expect(error.fix).toMatch(/azure_endpoint/);
  });

  it('cuts the request credentials out of the quoted body, even at the quote boundary', async () => {
    const key = 'k3y-0123456789abcdef';
    const token = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2lnbmF0dXJl';
    const echo = `${'x'.repeat(110)}${key} Bearer ${token}`;
    const withKey = await parseFailure(new Response(echo, { status: 200 }), { 'api-key': key });
    expect(withKey.message).not.toContain(key.slice(0, 8));
    expect(withKey.message).toContain('[REDACTED]');
    const withToken = await parseFailure(new Response(`echo: Bearer ${token}`), {
      authorization: `Bearer ${token}`,
    });
    expect(withToken.message).toContain('echo: Bearer [REDACTED]');
    expect(withToken.message).not.toContain(token);
  });

  it('says so for an empty body or truncated JSON', async () => {
    const empty = await parseFailure(new Response('', { status: 200 }));
    expect(empty.message).toContain('an empty body');
    const truncated = await parseFailure(
      new Response('{"id":"resp_1","output":[', {
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(truncated.message).toContain('(application/json)');
    expect(truncated.message).toContain('"{"id":"resp_1","output":["');
  });
});
