/**
 * Background responses over gRPC (real server, official proto client, real provider and SDK,
 * emulator): a Complete call polls to the answer; cancelling the call cancels the Azure response.
 */
import {
  DEFAULT_DEPLOYMENTS,
  type Emulator,
  startEmulator,
} from '@amplifier-azure-openai/emulator';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';
import { type OfficialClients, officialClients } from './official-client.js';

const request = (model: string) => ({
  model,
  messages: [{ role: 'ROLE_USER', text_content: 'hello' }],
});

describe('background responses over gRPC', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      deployments: {
        ...DEFAULT_DEPLOYMENTS,
        endless: { model: 'gpt-4o', backgroundPolls: 1_000_000 },
      },
    });
    server = await startGrpcServer({
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        max_retries: 0,
        store: true,
        background: true,
        poll_interval: 0.01,
        deployment_mapping: { 'gpt-4o': 'gpt-4o', endless: 'endless' },
      },
      env: {},
      port: 0,
    });
    clients = officialClients(server.address);
  });

  afterAll(async () => {
    clients.close();
    await server.close();
    await emulator.close();
  });

  it('Complete polls the background response to its answer', async () => {
    const response = (await clients.call(clients.provider, 'Complete', request('gpt-4o'))) as {
      content: unknown[];
    };
    expect(JSON.stringify(response.content)).toContain('Echo: hello');
    expect(emulator.backgroundResponses().at(-1)).toMatchObject({ status: 'completed' });
  });

  it('cancelling the Complete call cancels the background response on Azure', async () => {
    const code = await new Promise<number>(resolve => {
      const pending = (
        clients.provider as unknown as Record<string, (...args: unknown[]) => { cancel(): void }>
      ).Complete?.call(clients.provider, request('endless'), (error: { code: number } | null) =>
        resolve(error?.code ?? 0),
      );
      const waitForPolls = (): void => {
        const endless = emulator.backgroundResponses().find(r => r.deployment === 'endless');
        if (endless !== undefined && endless.polls >= 2) pending?.cancel();
        else setTimeout(waitForPolls, 10);
      };
      waitForPolls();
    });
    expect(code).toBe(status.CANCELLED);
    // The provider's cancel request reaches the emulator shortly after the call ends.
    for (let i = 0; i < 500; i++) {
      if (emulator.backgroundResponses().some(r => r.status === 'cancelled')) break;
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    const endless = emulator.backgroundResponses().find(r => r.deployment === 'endless');
    expect(endless).toMatchObject({ status: 'cancelled', cancelRequests: 1 });
  });
});
