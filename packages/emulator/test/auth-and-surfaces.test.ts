import { inspect } from 'node:util';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import OpenAI, { AuthenticationError, AzureOpenAI } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_MESSAGE, useEmulator } from '../src/index.js';
import {
  API_VERSION,
  datedClient,
  rawPost,
  rejection,
  v1Client,
  warmUpValidator,
} from './helpers.js';

warmUpValidator();
const emulator = useEmulator(
  { beforeAll, afterAll, beforeEach },
  { apiKey: 'test-key-0123456789abcdef', validateRequest: validateResponsesRequest },
);

describe('dated surface', () => {
  it('serves AzureOpenAI with an api-key header', async () => {
    const response = await datedClient(emulator()).responses.create({
      model: 'gpt-4.1',
      input: 'dated hello',
    });
    expect(response.output_text).toBe('Echo: dated hello');
    const recorded = emulator().recorder.last();
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/openai/responses',
      query: { 'api-version': API_VERSION },
      surface: 'dated',
      auth: 'api-key',
      deployment: 'gpt-4.1',
      status: 200,
    });
    expect(recorded?.headers['api-key']).toBe('***cdef');
  });

  it('serves the deployments path (AzureOpenAI with a deployment)', async () => {
    const client = datedClient(emulator(), { deployment: 'gpt-4o' });
    const response = await client.responses.create({ model: 'gpt-4o', input: 'via deployment' });
    expect(response.output_text).toBe('Echo: via deployment');
    expect(emulator().recorder.last()?.path).toMatch(
      /^\/openai(\/deployments\/gpt-4o)?\/responses$/,
    );
  });

  it('answers 400 MissingApiVersion without api-version', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'x' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({
      error: { code: 'MissingApiVersion', message: expect.stringContaining('api-version') },
    });
    expect(answer.headers.get('apim-request-id')).toBeTruthy();
  });

  it('answers 400 for an api-version older than the Responses API', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/responses?api-version=2024-10-21',
      JSON.stringify({ model: 'gpt-4o', input: 'x' }),
    );
    expect(answer.status).toBe(400);
    expect((answer.json() as { error: { message: string } }).error.message).toContain(
      '2025-03-01-preview',
    );
  });
});

describe('authentication', () => {
  it('accepts the key as api-key header on v1 (OpenAI client with defaultHeaders)', async () => {
    const client = new OpenAI({
      baseURL: `${emulator().url}/openai/v1`,
      apiKey: 'not-used',
      defaultHeaders: { 'api-key': emulator().apiKey },
      maxRetries: 0,
    });
    await client.responses.create({ model: 'gpt-4o', input: 'key header' });
    expect(emulator().recorder.last()?.auth).toBe('api-key');
  });

  it('answers Azure 401 for a wrong key, as header or bearer', async () => {
    const wrong = v1Client(emulator(), { apiKey: 'wrong-key' });
    const bearerError = await rejection(wrong.responses.create({ model: 'gpt-4o', input: 'x' }));
    expect(bearerError).toBeInstanceOf(AuthenticationError);
    expect(bearerError.status).toBe(401);
    expect(bearerError.error).toEqual({ code: '401', message: ACCESS_DENIED_MESSAGE });

    const headerError = await rejection(
      datedClient(emulator(), { apiKey: 'wrong-key' }).responses.create({
        model: 'gpt-4o',
        input: 'x',
      }),
    );
    expect(headerError).toBeInstanceOf(AuthenticationError);
    expect(headerError.error).toEqual({ code: '401', message: ACCESS_DENIED_MESSAGE });
    expect(headerError.requestID).toBe(emulator().recorder.last()?.requestId);
    expect(emulator().recorder.last()).toMatchObject({ auth: 'invalid', status: 401 });
  });

  it('answers Azure 401 when no credential is sent', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'x' }),
      {},
    );
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ error: { code: '401', message: ACCESS_DENIED_MESSAGE } });
    expect(emulator().recorder.last()?.auth).toBe('none');
  });

  it('does not accept the key as a bearer token on the dated surface', async () => {
    const client = new AzureOpenAI({
      endpoint: emulator().url,
      apiVersion: API_VERSION,
      azureADTokenProvider: async () => emulator().apiKey,
      maxRetries: 0,
    });
    const error = await rejection(client.responses.create({ model: 'gpt-4o', input: 'x' }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it('accepts tokens from issueToken() on both surfaces, with azureADTokenProvider', async () => {
    let calls = 0;
    const client = new AzureOpenAI({
      endpoint: emulator().url,
      apiVersion: API_VERSION,
      azureADTokenProvider: async () => {
        calls += 1;
        return emulator().issueToken();
      },
      maxRetries: 0,
    });
    await client.responses.create({ model: 'gpt-4o', input: 'one' });
    await client.responses.create({ model: 'gpt-4o', input: 'two' });
    expect(calls).toBe(2);
    expect(emulator().recorder.last()).toMatchObject({ auth: 'bearer-token', status: 200 });

    const v1 = v1Client(emulator(), { apiKey: emulator().issueToken({ clientId: 'user-x' }) });
    await v1.responses.create({ model: 'gpt-4o', input: 'v1 token' });
    expect(emulator().recorder.last()).toMatchObject({ auth: 'bearer-token', clientId: 'user-x' });
  });

  it('rejects expired tokens, tokens for another audience and tokens it did not issue', async () => {
    const expired = v1Client(emulator(), {
      apiKey: emulator().issueToken({ lifetimeSeconds: -5 }),
    });
    const expiredError = await rejection(expired.responses.create({ model: 'gpt-4o', input: 'x' }));
    expect(expiredError.status).toBe(401);
    expect(expiredError.error).toMatchObject({ code: 'ExpiredToken' });

    const audience = v1Client(emulator(), {
      apiKey: emulator().issueToken({ audience: 'https://management.azure.com' }),
    });
    const audienceError = await rejection(
      audience.responses.create({ model: 'gpt-4o', input: 'x' }),
    );
    expect(audienceError.error).toMatchObject({ code: 'InvalidAuthenticationToken' });

    const token = emulator().issueToken();
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.AAAA${token.slice(token.lastIndexOf('.') + 5)}`;
    const forgedError = await rejection(
      v1Client(emulator(), { apiKey: forged }).responses.create({ model: 'gpt-4o', input: 'x' }),
    );
    expect(forgedError.status).toBe(401);
  });
});

describe('routing', () => {
  it('answers 404 Resource not found for unknown paths, with request ids', async () => {
    const response = await fetch(`${emulator().url}/openai/v1/chat/unknown`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: '404', message: 'Resource not found' },
    });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 405 for GET on the responses path', async () => {
    const response = await fetch(`${emulator().url}/openai/v1/responses`, {
      headers: { 'api-key': emulator().apiKey },
    });
    expect(response.status).toBe(405);
  });

  it('reports health without auth', async () => {
    const response = await fetch(`${emulator().url}/emulator/health`);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      deployments: expect.arrayContaining(['gpt-5']),
    });
  });

  it('does not reveal secrets when serialised', () => {
    const text = JSON.stringify(emulator()) + inspect(emulator()) + String(emulator());
    expect(text).not.toContain(emulator().apiKey);
    expect(text).not.toContain(emulator().identityHeader);
  });
});

describe('streaming on the dated surface with Entra tokens', () => {
  it('streams a reasoning + tool-call turn through AzureOpenAI with azureADTokenProvider', async () => {
    const client = new AzureOpenAI({
      endpoint: emulator().url,
      apiVersion: API_VERSION,
      azureADTokenProvider: async () => emulator().issueToken(),
      maxRetries: 0,
    });
    const stream = client.responses.stream({
      model: 'fast-mini',
      input: 'call lookup_order {"order_id":"A-17"} and call lookup_order {"order_id":"B-2"}',
      tools: [
        {
          type: 'function',
          name: 'lookup_order',
          strict: true,
          parameters: {
            type: 'object',
            properties: { order_id: { type: 'string' } },
            required: ['order_id'],
            additionalProperties: false,
          },
        },
      ],
      reasoning: { effort: 'minimal', summary: 'concise' },
    });
    const seen: string[] = [];
    stream.on('event', event => {
      seen.push(event.type);
    });
    const final = await stream.finalResponse();
    expect(final.output.map(o => o.type)).toEqual(['reasoning', 'function_call', 'function_call']);
    expect(final.output.flatMap(o => (o.type === 'function_call' ? [o.arguments] : []))).toEqual([
      '{"order_id":"A-17"}',
      '{"order_id":"B-2"}',
    ]);
    expect(seen[0]).toBe('response.created');
    expect(seen.at(-1)).toBe('response.completed');
    expect(emulator().recorder.last()).toMatchObject({
      surface: 'dated',
      auth: 'bearer-token',
      stream: true,
    });
  });

  it('accepts an apiKey function (ApiKeySetter) returning a token on v1', async () => {
    const client = new OpenAI({
      baseURL: `${emulator().url}/openai/v1`,
      apiKey: async () => emulator().issueToken(),
      maxRetries: 0,
    });
    const stream = await client.responses.create({
      model: 'gpt-4o',
      input: 'token stream',
      stream: true,
    });
    let text = '';
    for await (const event of stream)
      if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('Echo: token stream');
    expect(emulator().recorder.last()?.auth).toBe('bearer-token');
  });

  it('applies several faults from one header (array form)', async () => {
    const error = await rejection(
      datedClient(emulator()).responses.create(
        { model: 'gpt-4o', input: 'x' },
        {
          headers: {
            'x-emulator-fault': JSON.stringify([
              { kind: 'latency', ms: 1 },
              { kind: 'server-error', status: 503 },
            ]),
          },
        },
      ),
    );
    expect(error.status).toBe(503);
    expect(emulator().recorder.last()?.faults).toEqual(['latency', 'server-error']);
  });
});

describe('request ids', () => {
  it('echoes x-ms-client-request-id', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'x' }),
      {
        'api-key': emulator().apiKey,
        'x-ms-client-request-id': 'client-123',
      },
    );
    expect(answer.headers.get('x-ms-client-request-id')).toBe('client-123');
    expect(answer.headers.get('apim-request-id')).toBe(emulator().recorder.last()?.requestId);
  });
});
