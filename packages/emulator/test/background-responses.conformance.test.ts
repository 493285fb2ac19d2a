import { createOpenApiSchemaValidator } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENTS, useEmulator } from '../src/index.js';
import { v1Client } from './helpers.js';

const emulator = useEmulator(
  { beforeAll, afterAll },
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

let validator: ReturnType<typeof createOpenApiSchemaValidator>;
beforeAll(() => {
  validator = createOpenApiSchemaValidator('Response', 'lenient');
}, 60_000);

describe('background responses have the spec Response shape in every status', () => {
  it('queued, in_progress, completed, cancelled and failed snapshots validate', async () => {
    const client = v1Client(emulator());
    const bodies: unknown[] = [];
    const raw = async (promise: { asResponse(): Promise<Response> }) => {
      const body = (await (await promise.asResponse()).json()) as { id: string; status: string };
      bodies.push(body);
      return body;
    };
    const created = (await raw(
      client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true }),
    )) as { id: string; status: string };
    expect(created.status).toBe('queued');
    expect((await raw(client.responses.retrieve(created.id))).status).toBe('in_progress');
    expect((await raw(client.responses.retrieve(created.id))).status).toBe('completed');
    const slow = (await raw(
      client.responses.create({ model: 'slow', input: 'Hi', background: true }),
    )) as { id: string };
    expect((await raw(client.responses.cancel(slow.id))).status).toBe('cancelled');
    const broken = (await raw(
      client.responses.create({ model: 'broken', input: 'Hi', background: true }),
    )) as { id: string };
    expect((await raw(client.responses.retrieve(broken.id))).status).toBe('failed');
    for (const body of bodies) expect(validator.validate(body).errors).toEqual([]);
  });
});
