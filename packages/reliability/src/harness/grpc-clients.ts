import {
  Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS, protoPath } from 'amplifier-module-provider-azure-openai';

/** A JSON-ish object as proto-loader gives and takes. */
export type GrpcJson = Record<string, unknown>;

/** The outcome of a unary call: a response or a status. */
export interface GrpcOutcome {
  response?: GrpcJson | undefined;
  code?: number | undefined;
  details?: string | undefined;
}

type UnaryMethod = (
  request: GrpcJson,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: GrpcJson) => void,
) => unknown;

type ClientConstructor = new (
  address: string,
  channelCredentials: ReturnType<typeof credentials.createInsecure>,
  options?: Record<string, unknown>,
) => Client;

let services: { provider: ClientConstructor; lifecycle: ClientConstructor } | undefined;

function load() {
  if (services !== undefined) return services;
  const definition = loadSync(protoPath(), PROTO_LOADER_OPTIONS);
  const amplifier = (loadPackageDefinition(definition).amplifier as GrpcJson).module as Record<
    string,
    ClientConstructor
  >;
  services = {
    provider: amplifier.ProviderService as ClientConstructor,
    lifecycle: amplifier.ModuleLifecycle as ClientConstructor,
  };
  return services;
}

/** Typed clients of the module server, from the adapter's own proto. */
export interface ModuleClients {
  call(service: 'provider' | 'lifecycle', method: string, request?: GrpcJson): Promise<GrpcOutcome>;
  stream(request: GrpcJson): Promise<{ responses: GrpcJson[]; code?: number | undefined }>;
  /** Sends raw bytes as the request of `path` (e.g. `/amplifier.module.ProviderService/Complete`). */
  raw(path: string, bytes: Buffer): Promise<GrpcOutcome>;
  close(): void;
}

/**
 * Opens clients to a module server. `maxSendBytes` raises the client's own limit so oversize
 * requests reach the server.
 */
export function connectModuleClients(
  address: string,
  maxSendBytes = 64 * 1024 * 1024,
): ModuleClients {
  const { provider, lifecycle } = load();
  const options = {
    'grpc.max_send_message_length': maxSendBytes,
    'grpc.max_receive_message_length': maxSendBytes,
  };
  const insecure = credentials.createInsecure();
  const clients = {
    provider: new provider(address, insecure, options),
    lifecycle: new lifecycle(address, insecure, options),
  };
  const generic = new Client(address, insecure, options);
  return {
    call(service, method, request = {}) {
      const client = clients[service] as unknown as Record<string, UnaryMethod>;
      const fn = client[method];
      if (fn === undefined) throw new Error(`no method ${method}`);
      return new Promise(resolve => {
        fn.call(client, request, new Metadata(), (error, response) => {
          if (error) resolve({ code: error.code, details: error.details });
          else resolve({ response });
        });
      });
    },
    stream(request) {
      const client = clients.provider as unknown as Record<
        string,
        (request: GrpcJson) => NodeJS.EventEmitter
      >;
      const call = (client.CompleteStreaming as (request: GrpcJson) => NodeJS.EventEmitter).call(
        client,
        request,
      );
      const responses: GrpcJson[] = [];
      return new Promise(resolve => {
        call.on('data', (data: GrpcJson) => responses.push(data));
        call.on('error', (error: ServiceError) => resolve({ responses, code: error.code }));
        call.on('end', () => resolve({ responses }));
      });
    },
    raw(path, bytes) {
      return new Promise(resolve => {
        generic.makeUnaryRequest(
          path,
          (value: Buffer) => value,
          (value: Buffer) => value,
          bytes,
          (error: ServiceError | null, response?: Buffer) => {
            if (error) resolve({ code: error.code, details: error.details });
            else resolve({ response: { bytes: response?.length ?? 0 } });
          },
        );
      });
    },
    close() {
      clients.provider.close();
      clients.lifecycle.close();
      generic.close();
    },
  };
}
