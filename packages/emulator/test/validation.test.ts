import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { BadRequestError, NotFoundError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../src/index.js';
import { datedClient, rawPost, rejection, v1Client, warmUpValidator } from './helpers.js';

warmUpValidator();
const emulator = useEmulator(
  { beforeAll, afterAll, beforeEach },
  { validateRequest: validateResponsesRequest },
);

describe('Azure request rules', () => {
  it('answers 404 DeploymentNotFound for an unknown deployment', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create({ model: 'no-such-deployment', input: 'x' }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.error).toEqual({
      code: 'DeploymentNotFound',
      message:
        'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
    });
    expect(emulator().recorder.last()).toMatchObject({
      deployment: 'no-such-deployment',
      status: 404,
    });
  });

  it('answers 400 unsupported_parameter for max_tokens', async () => {
    const error = await rejection(
      datedClient(emulator()).responses.create({
        model: 'gpt-4o',
        input: 'x',
        max_tokens: 100,
      } as unknown as Parameters<ReturnType<typeof datedClient>['responses']['create']>[0]),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe('unsupported_parameter');
    expect(error.param).toBe('max_tokens');
    expect(error.message).toContain("Use 'max_output_tokens' instead.");
  });

  it('answers 400 unsupported_value for temperature or top_p sent to a reasoning deployment', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create({ model: 'gpt-5', input: 'x', temperature: 0.7 }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'unsupported_value',
      message:
        "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is supported.",
    });
    const topP = await rejection(
      v1Client(emulator()).responses.create({ model: 'fast-mini', input: 'x', top_p: 0.5 }),
    );
    expect(topP.param).toBe('top_p');
    const ok = await v1Client(emulator()).responses.create({
      model: 'gpt-5',
      input: 'x',
      temperature: 1,
    });
    expect(ok.status).toBe('completed');
    const classic = await v1Client(emulator()).responses.create({
      model: 'gpt-4o',
      input: 'x',
      temperature: 0.2,
    });
    expect(classic.temperature).toBe(0.2);
  });

  it('answers 400 for reasoning.effort sent to a non-reasoning deployment', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create({
        model: 'gpt-4o',
        input: 'x',
        reasoning: { effort: 'low' },
      }),
    );
    expect(error.param).toBe('reasoning.effort');
  });

  it('answers 400 for max_output_tokens below 16', async () => {
    const error = await rejection(
      v1Client(emulator()).responses.create({ model: 'gpt-4o', input: 'x', max_output_tokens: 5 }),
    );
    expect(error.code).toBe('integer_below_min_value');
    expect(error.param).toBe('max_output_tokens');
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const answer = await rawPost(emulator(), '/openai/v1/responses', '{"model": "gpt-4o", ');
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_json' },
    });
    expect(emulator().recorder.last()?.rawBody).toBe('{"model": "gpt-4o", ');
  });

  it('answers 400 missing_required_parameter without model', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ input: 'x' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({
      error: { param: 'model', code: 'missing_required_parameter' },
    });
  });
});

describe('validateRequest hook', () => {
  it('answers 400 naming the field the shared schema rejects', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'x', reasoning: { effort: 'enormous' } }),
    );
    expect(answer.status).toBe(400);
    const body = answer.json() as { error: { param: string; message: string; type: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.param).toMatch(/^reasoning/);
    expect(body.error.message).toContain(`'${body.error.param}'`);
  });

  it('names unknown top-level fields', async () => {
    const answer = await rawPost(
      emulator(),
      '/openai/v1/responses',
      JSON.stringify({ model: 'gpt-4o', input: 'x', maxTokens: 3 }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: { param: 'maxTokens' } });
  });
});
