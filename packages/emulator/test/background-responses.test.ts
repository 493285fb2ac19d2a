import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENTS, EmulatorError, startEmulator, useEmulator } from '../src/index.js';
import { datedClient, rawPost, rejection, v1Client } from './helpers.js';

const emulator = useEmulator(
  { beforeAll, afterAll, beforeEach },
  {
    deployments: {
      ...DEFAULT_DEPLOYMENTS,
      slow: { model: 'gpt-4o', backgroundPolls: 1000 },
      broken: {
        model: 'gpt-4o',
        backgroundPolls: 1,
        backgroundFailure: { code: 'server_error', message: 'The model crashed.' },
      },
    },
  },
);

describe('background responses (background: true)', () => {
  it('answers queued, then in_progress, then the final response (v1, real SDK)', async () => {
    const client = v1Client(emulator());
    const created = await client.responses.create({
      model: 'gpt-4o',
      input: 'Say hello',
      background: true,
    });
    expect(created.status).toBe('queued');
    expect(created.background).toBe(true);
    expect(created.output).toEqual([]);
    const first = await client.responses.retrieve(created.id);
    expect(first.status).toBe('in_progress');
    const second = await client.responses.retrieve(created.id);
    expect(second.status).toBe('completed');
    expect(second.output_text).not.toBe('');
    expect(second.usage?.total_tokens).toBeGreaterThan(0);
    expect(emulator().backgroundResponses()).toContainEqual(
      expect.objectContaining({ id: created.id, status: 'completed', polls: 2, cancelRequests: 0 }),
    );
    const paths = emulator().recorder.requests.map(r => `${r.method} ${r.path}`);
    expect(paths).toContain(`GET /openai/v1/responses/${created.id}`);
  });

  it('cancels a queued response and answers cancelled again (dated surface, real SDK)', async () => {
    const client = datedClient(emulator());
    const created = await client.responses.create({
      model: 'slow',
      input: 'Write a long story',
      background: true,
    });
    const cancelled = await client.responses.cancel(created.id);
    expect(cancelled.status).toBe('cancelled');
    const again = await client.responses.cancel(created.id);
    expect(again.status).toBe('cancelled');
    const polled = await client.responses.retrieve(created.id);
    expect(polled.status).toBe('cancelled');
    expect(
      emulator()
        .backgroundResponses()
        .find(r => r.id === created.id),
    ).toMatchObject({
      status: 'cancelled',
      cancelRequests: 2,
    });
    const cancelRecord = emulator().recorder.requests.find(
      r => r.path === `/openai/responses/${created.id}/cancel`,
    );
    expect(cancelRecord).toMatchObject({ method: 'POST', status: 200, auth: 'api-key' });
  });

  it('refuses to cancel a completed response with a 400', async () => {
    const client = v1Client(emulator());
    const created = await client.responses.create({
      model: 'broken',
      input: 'x',
      background: true,
    });
    const polled = await client.responses.retrieve(created.id);
    expect(polled.status).toBe('failed');
    expect(polled.error).toEqual({ code: 'server_error', message: 'The model crashed.' });
    const error = await rejection(client.responses.cancel(created.id));
    expect(error.status).toBe(400);
  });

  it('refuses background without store, with stream, or not a boolean', async () => {
    for (const body of [
      { model: 'gpt-4o', input: 'x', background: true, store: false },
      { model: 'gpt-4o', input: 'x', background: true, stream: true },
      { model: 'gpt-4o', input: 'x', background: 'yes' },
    ]) {
      const answer = await rawPost(emulator(), '/openai/v1/responses', JSON.stringify(body));
      expect(answer.status).toBe(400);
      const error = (answer.json() as { error: { param: string } }).error;
      expect(['store', 'stream', 'background']).toContain(error.param);
    }
  });

  it('answers 404 for an unknown id and 401 without a credential', async () => {
    const unknown = await fetch(`${emulator().url}/openai/v1/responses/resp_nope`, {
      headers: { 'api-key': emulator().apiKey },
    });
    expect(unknown.status).toBe(404);
    const anonymous = await fetch(`${emulator().url}/openai/v1/responses/resp_nope`);
    expect(anonymous.status).toBe(401);
    const wrongMethod = await fetch(`${emulator().url}/openai/v1/responses/resp_nope/cancel`, {
      headers: { 'api-key': emulator().apiKey },
    });
    expect(wrongMethod.status).toBe(405);
  });

  it('rejects a backgroundPolls option that is not a whole number >= 1', async () => {
    const error = await rejection(startEmulator({ backgroundPolls: 0 }));
    expect(EmulatorError.isInstance(error)).toBe(true);
    expect((error as unknown as EmulatorError).field).toBe('backgroundPolls');
  });
});
