import { describe, expect, it } from 'vitest';
import { createClientPool, readRequestId } from './client-pool.js';

interface Captured {
  url: string;
  headers: Headers;
}

function fakeFetch(status = 200, captured: Captured[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    captured.push({ url: String(input), headers: new Headers(init?.headers) });
    const body =
      status === 200
        ? { id: 'resp_1', object: 'response', output: [], status: 'completed' }
        : { error: { message: 'busy' } };
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'apim-request-id': 'apim-1' },
    });
  }) as typeof fetch;
}

const v1 = {
  azureEndpoint: 'https://res.openai.azure.com',
  apiSurface: 'v1' as const,
  baseUrl: 'https://res.openai.azure.com/openai/v1',
  timeout: 30,
};

describe('createClientPool', () => {
  it('creates one client per endpoint and reuses it', () => {
    const pool = createClientPool({ config: v1, fetch: fakeFetch() });
    const first = pool.get();
    expect(pool.get('https://res.openai.azure.com')).toBe(first);
    const other = pool.get('https://other.openai.azure.com');
    expect(other).not.toBe(first);
    expect(pool.get('https://other.openai.azure.com')).toBe(other);
    expect(pool.size).toBe(2);
    expect(first.maxRetries).toBe(0);
    expect(first.timeout).toBe(30_000);
    expect(other.baseURL).toBe('https://other.openai.azure.com/openai/v1');
    pool.close();
    pool.close();
    expect(pool.size).toBe(0);
  });

  it('sends only the per-request api-key header, never Authorization or a key in the URL', async () => {
    const captured: Captured[] = [];
    const pool = createClientPool({ config: v1, fetch: fakeFetch(200, captured) });
    const { response } = await pool
      .get()
      .responses.create({ model: 'dep', input: 'hi' }, { headers: { 'api-key': 'k-123' } })
      .withResponse();
    expect(readRequestId(response.headers)).toBe('apim-1');
    const request = captured[0]!;
    expect(request.url).toBe('https://res.openai.azure.com/openai/v1/responses');
    expect(request.headers.get('api-key')).toBe('k-123');
    expect(request.headers.get('authorization')).toBeNull();
    expect(request.headers.get('user-agent')).toMatch(/^amplifier-azure-openai\//);
  });

  it('sends a bearer token without any api-key header', async () => {
    const captured: Captured[] = [];
    const pool = createClientPool({ config: v1, fetch: fakeFetch(200, captured) });
    await pool
      .get()
      .responses.create(
        { model: 'dep', input: 'hi' },
        { headers: { authorization: 'Bearer t-1' } },
      );
    expect(captured[0]!.headers.get('authorization')).toBe('Bearer t-1');
    expect(captured[0]!.headers.get('api-key')).toBeNull();
  });

  it('refuses to send a request that carries no credential header (never the placeholder key)', async () => {
    const captured: Captured[] = [];
    const pool = createClientPool({ config: v1, fetch: fakeFetch(200, captured) });
    const error = await pool
      .get()
      .responses.create({ model: 'dep', input: 'hi' })
      .catch((thrown: unknown) => thrown);
    expect(String((error as Error).cause)).toMatch(/authentication/i);
    expect(captured).toHaveLength(0);
  });

  it('asks fetch never to follow redirects, whatever the request options say', async () => {
    const inits: RequestInit[] = [];
    const recording = (async (_input: string | URL | Request, init?: RequestInit) => {
      inits.push(init ?? {});
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const pool = createClientPool({ config: v1, fetch: recording });
    await pool
      .get()
      .responses.create(
        { model: 'dep', input: 'hi' },
        { headers: { 'api-key': 'k' }, fetchOptions: { redirect: 'follow' } },
      );
    expect(inits[0]?.redirect).toBe('manual');
  });

  it('sends a request whose only credential is an API Management subscription key', async () => {
    const captured: Captured[] = [];
    const pool = createClientPool({ config: v1, fetch: fakeFetch(503, captured) });
    await expect(
      pool
        .get()
        .responses.create(
          { model: 'dep', input: 'hi' },
          { headers: { 'Ocp-Apim-Subscription-Key': 'sub-key' } },
        ),
    ).rejects.toMatchObject({ status: 503 });
    expect(captured).toHaveLength(1);
  });

  it('uses the dated surface with api-version and never retries by itself', async () => {
    const captured: Captured[] = [];
    const pool = createClientPool({
      config: {
        ...v1,
        apiSurface: 'dated',
        apiVersion: '2025-04-01-preview',
        baseUrl: 'https://res.openai.azure.com/openai',
      },
      fetch: fakeFetch(503, captured),
    });
    await expect(
      pool.get().responses.create({ model: 'dep', input: 'hi' }, { headers: { 'api-key': 'k' } }),
    ).rejects.toMatchObject({ status: 503 });
    expect(captured).toHaveLength(1);
    expect(captured[0]!.url).toBe(
      'https://res.openai.azure.com/openai/responses?api-version=2025-04-01-preview',
    );
  });
});
