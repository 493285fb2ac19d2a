import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { Client, credentials, type Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';
import { type OfficialClients, officialClients } from './official-client.js';

interface RawFailure {
  code: number;
  details: string;
  metadata: Record<string, string>;
}

const COMPLETE = '/amplifier.module.ProviderService/Complete';
const COMPLETE_STREAMING = '/amplifier.module.ProviderService/CompleteStreaming';
const MOUNT = '/amplifier.module.ModuleLifecycle/Mount';

const UNDECODABLE = [
  Buffer.from([0xff, 0xff, 0xff]),
  Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), // length-delimited field far past the end
  Buffer.from([0x0a, 0x05, 0x12]), // truncated message
];

const identity = (value: Buffer) => value;

function metadataObject(metadata: Metadata | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata?.getMap() ?? {})) result[key] = String(value);
  return result;
}

function failure(error: ServiceError): RawFailure {
  return { code: error.code, details: error.details, metadata: metadataObject(error.metadata) };
}

describe('gRPC server: request bytes that do not decode', () => {
  let emulator: Emulator;
  let server: GrpcServerHandle;
  let clients: OfficialClients;
  let generic: Client;

  function rawUnary(path: string, bytes: Buffer): Promise<RawFailure | 'ok'> {
    return new Promise(resolve => {
      generic.makeUnaryRequest(path, identity, identity, bytes, (error: ServiceError | null) =>
        resolve(error ? failure(error) : 'ok'),
      );
    });
  }

  function rawStream(path: string, bytes: Buffer): Promise<RawFailure | 'ok'> {
    return new Promise(resolve => {
      const call = generic.makeServerStreamRequest(path, identity, identity, bytes);
      call.on('data', () => undefined);
      call.on('error', (error: ServiceError) => resolve(failure(error)));
      call.on('end', () => resolve('ok'));
    });
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    server = await startGrpcServer({
      config: {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        default_model: 'gpt-4o',
        max_retries: 0,
      },
      env: {},
      port: 0,
    });
    clients = officialClients(server.address);
    generic = new Client(server.address, credentials.createInsecure());
  });

  afterAll(async () => {
    generic.close();
    clients.close();
    await server.close();
    await emulator.close();
  });

  it('Complete (unary): INVALID_ARGUMENT naming the message type, ProtoConversionError metadata', async () => {
    for (const bytes of UNDECODABLE) {
      const outcome = await rawUnary(COMPLETE, bytes);
      expect(outcome).not.toBe('ok');
      const { code, details, metadata } = outcome as RawFailure;
      expect(code, details).toBe(status.INVALID_ARGUMENT);
      expect(details).toMatch(
        /^ProtoConversionError: request could not be decoded as amplifier\.module\.ChatRequest: \S/,
      );
      expect(details).not.toContain('Error deserializing request');
      expect(metadata['x-error-name']).toBe('ProtoConversionError');
      expect(metadata['x-provider-error-type']).toBe('PROVIDER_ERROR_TYPE_INVALID_REQUEST');
    }
  });

  it('CompleteStreaming (server streaming): INVALID_ARGUMENT, no messages', async () => {
    for (const bytes of UNDECODABLE) {
      const outcome = await rawStream(COMPLETE_STREAMING, bytes);
      expect(outcome).not.toBe('ok');
      const { code, details, metadata } = outcome as RawFailure;
      expect(code, details).toBe(status.INVALID_ARGUMENT);
      expect(details).toContain('could not be decoded as amplifier.module.ChatRequest');
      expect(metadata['x-error-name']).toBe('ProtoConversionError');
    }
  });

  it('ModuleLifecycle methods are guarded too (Mount names MountRequest)', async () => {
    const outcome = await rawUnary(MOUNT, Buffer.from([0xff, 0xff, 0xff]));
    expect(outcome).not.toBe('ok');
    const { code, details } = outcome as RawFailure;
    expect(code, details).toBe(status.INVALID_ARGUMENT);
    expect(details).toContain('could not be decoded as amplifier.module.MountRequest');
  });

  it('stays healthy and keeps answering valid requests afterwards', async () => {
    const health = await clients.call(clients.lifecycle, 'HealthCheck');
    expect(health.status).toBe('HEALTH_STATUS_SERVING');
    const response = await clients.call(clients.provider, 'Complete', {
      model: 'gpt-4o',
      messages: [{ role: 'ROLE_USER', text_content: 'still alive?' }],
    });
    const blocks = response.content_blocks as { text_block?: { text?: string } }[];
    expect(blocks.map(block => block.text_block?.text ?? '').join('')).toBe('Echo: still alive?');
    const streamed = await clients.stream({
      model: 'gpt-4o',
      messages: [{ role: 'ROLE_USER', text_content: 'stream too' }],
    });
    expect(streamed.length).toBeGreaterThan(0);
  });
});
