import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { sharedPath } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';
import { type OfficialClients, officialClients } from './official-client.js';

/*
 * The served module answers clients built from Amplifier's OFFICIAL amplifier_module.proto (read
 * from ../shared at test time, never copied). The other gRPC tests use the project's own proto,
 * which proto-compat.conformance.test.ts proves identical for the served services.
 */

type Json = Record<string, unknown>;

describe('gRPC server called through the official amplifier_module.proto', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    server = await startGrpcServer({
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        max_retries: 0,
        deployment_mapping: { 'gpt-4o': 'gpt-4o' },
      },
      env: {},
      port: 0,
    });
    clients = officialClients(server.address, sharedPath('amplifier/amplifier_module.proto'));
  });

  afterAll(async () => {
    clients?.close();
    await server?.close();
    await emulator?.close();
  });

  it('answers the lifecycle and provider RPCs', async () => {
    const health = await clients.call(clients.lifecycle, 'HealthCheck');
    expect(health.status).toBe('HEALTH_STATUS_SERVING');
    const info = await clients.call(clients.provider, 'GetInfo');
    expect(info.id).toBe('azure-openai');
    const { models } = (await clients.call(clients.provider, 'ListModels')) as { models: Json[] };
    expect(models.map(model => model.id)).toContain('gpt-4o');
  });

  it('Complete and CompleteStreaming answer a user message', async () => {
    const request = {
      messages: [{ role: 'ROLE_USER', text_content: 'Say hello.' }],
      model: 'gpt-4o',
    };
    const answer = await clients.call(clients.provider, 'Complete', request);
    expect(answer.finish_reason).toBe('stop');
    expect(String(answer.content)).not.toBe('');
    const chunks = await clients.stream(request);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.at(-1)?.finish_reason).toBe('stop');
  });
});
