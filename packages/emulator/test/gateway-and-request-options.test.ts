import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import OpenAI, { BadRequestError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENTS, type Emulator, EmulatorError, startEmulator } from '../src/index.js';
import { rejection, v1Client, warmUpValidator } from './helpers.js';

warmUpValidator();

describe('request options as Azure takes them', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      validateRequest: validateResponsesRequest,
      deployments: {
        ...DEFAULT_DEPLOYMENTS,
        'gpt-5.1': { model: 'gpt-5.1', reasoning: true },
        'gpt-5.2': { model: 'gpt-5.2', reasoning: true },
      },
    });
  });
  afterAll(() => emulator.close());

  it('accepts prompt_cache_key, prompt_cache_retention, safety_identifier, truncation, service_tier, parallel_tool_calls and text.verbosity', async () => {
    const response = await v1Client(emulator).responses.create({
      model: 'gpt-5',
      input: 'hi',
      prompt_cache_key: 'tenant-1',
      prompt_cache_retention: '24h',
      safety_identifier: 'user-1',
      truncation: 'auto',
      service_tier: 'priority',
      parallel_tool_calls: false,
      text: { verbosity: 'low' },
    });
    expect(response.status).toBe('completed');
  });

  it('answers 400 unsupported_value for values Azure does not take', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ model: 'gpt-5', service_tier: 'gold' }, 'service_tier'],
      [{ model: 'gpt-5', truncation: 'sometimes' }, 'truncation'],
      [{ model: 'gpt-5', prompt_cache_retention: '1h' }, 'prompt_cache_retention'],
      [{ model: 'gpt-4o', text: { verbosity: 'low' } }, 'text.verbosity'],
      [{ model: 'gpt-5', reasoning: { effort: 'none' } }, 'reasoning.effort'],
      [{ model: 'gpt-5', reasoning: { effort: 'xhigh' } }, 'reasoning.effort'],
      [{ model: 'gpt-5.1', reasoning: { effort: 'xhigh' } }, 'reasoning.effort'],
      [{ model: 'gpt-5.1', reasoning: { effort: 'minimal' } }, 'reasoning.effort'],
    ];
    for (const [fields, param] of cases) {
      const error = await rejection(
        v1Client(emulator).responses.create({ input: 'hi', ...fields } as never),
      );
      expect(error, JSON.stringify(fields)).toBeInstanceOf(BadRequestError);
      expect(error.param).toBe(param);
      expect(error.code).toBe('unsupported_value');
    }
  });

  it('takes reasoning effort none on GPT-5.1 and xhigh on GPT-5.2', async () => {
    const client = v1Client(emulator);
    await client.responses.create({ model: 'gpt-5.1', input: 'hi', reasoning: { effort: 'none' } });
    await client.responses.create({
      model: 'gpt-5.2',
      input: 'hi',
      reasoning: { effort: 'xhigh' },
    });
    await client.responses.create({
      model: 'gpt-5',
      input: 'hi',
      reasoning: { effort: 'minimal' },
    });
  });

  it('answers 400 previous_response_not_found for an unknown or forgotten previous_response_id', async () => {
    const client = v1Client(emulator);
    const first = await client.responses.create({ model: 'gpt-4o', input: 'hi', store: true });
    await client.responses.create({
      model: 'gpt-4o',
      input: 'again',
      previous_response_id: first.id,
    });
    emulator.forgetResponses();
    const error = await rejection(
      client.responses.create({ model: 'gpt-4o', input: 'again', previous_response_id: first.id }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe('previous_response_not_found');
    expect(error.param).toBe('previous_response_id');
  });
});

describe('API Management gateway mode', () => {
  let emulator: Emulator;
  const subscriptionKey = 'apim-sub-key-123';
  beforeAll(async () => {
    emulator = await startEmulator({ gateway: { pathPrefix: 'my-prefix/', subscriptionKey } });
  });
  afterAll(() => emulator.close());

  const client = (headers: Record<string, string>, withKey = false) =>
    new OpenAI({
      baseURL: `${emulator.endpoint}/openai/v1`,
      apiKey: withKey ? emulator.apiKey : 'unused',
      maxRetries: 0,
      defaultHeaders: withKey ? headers : { ...headers, Authorization: null as never },
    });

  it('serves under the prefix with the subscription key and no other credential', async () => {
    expect(emulator.endpoint).toBe(`${emulator.url}/my-prefix`);
    const response = await client({
      'Ocp-Apim-Subscription-Key': subscriptionKey,
    }).responses.create({ model: 'gpt-4o', input: 'hi' });
    expect(response.status).toBe('completed');
    const recorded = emulator.recorder.last();
    expect(recorded).toMatchObject({
      path: '/openai/v1/responses',
      auth: 'apim-subscription-key',
      status: 200,
    });
    expect(JSON.stringify(emulator.recorder.requests)).not.toContain(subscriptionKey);
  });

  it('still checks an api key sent through the gateway', async () => {
    await client({ 'Ocp-Apim-Subscription-Key': subscriptionKey }, true).responses.create({
      model: 'gpt-4o',
      input: 'hi',
    });
    expect(emulator.recorder.last()?.auth).toBe('bearer-api-key');
  });

  it("answers APIM's 401 without or with a wrong subscription key, and 404 outside the prefix", async () => {
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${emulator.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'gpt-4o', input: 'hi' }),
      });
    const missing = await post('/my-prefix/openai/v1/responses', {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      statusCode: 401,
      message:
        'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    });
    const wrong = await post('/my-prefix/openai/v1/responses', {
      'ocp-apim-subscription-key': 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toContain(
      'invalid subscription key',
    );
    const outside = await post('/openai/v1/responses', {
      'ocp-apim-subscription-key': subscriptionKey,
    });
    expect(outside.status).toBe(404);
    await outside.body?.cancel();
  });

  it('refuses a bad gateway option with a typed error', async () => {
    await expect(
      startEmulator({ gateway: { pathPrefix: '/', subscriptionKey: 'k' } }),
    ).rejects.toSatisfy(error => EmulatorError.isInstance(error));
    await expect(
      startEmulator({ gateway: { pathPrefix: '/p', subscriptionKey: ' ' } }),
    ).rejects.toSatisfy(error => EmulatorError.isInstance(error));
  });
});
