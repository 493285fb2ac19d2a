import {
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '../src/grpc/proto-path.js';

/*
 * A gRPC client built from a proto file other than the one the server loads at run time: by
 * default the project's own copy of the contract (proto/amplifier_provider.proto, needs nothing
 * outside the repository), which proto-compat.conformance.test.ts proves identical to Amplifier's
 * official amplifier_module.proto; official-proto.conformance.test.ts passes the official file
 * itself (read from ../shared at test time, never copied).
 */

type Json = Record<string, unknown>;
type UnaryMethod = (
  request: Json,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: Json) => void,
) => unknown;
type StreamMethod = (request: Json) => NodeJS.EventEmitter & { cancel(): void };

type ServiceConstructor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
) => Client;

function servicesOf(file: string): Record<string, ServiceConstructor> {
  const definition = loadSync(file, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return (loadPackageDefinition(definition).amplifier as Json).module as Record<
    string,
    ServiceConstructor
  >;
}

/** A unary call's failure, with its status code, details and metadata. */
export interface CallFailure {
  code: number;
  details: string;
  metadata: Record<string, string>;
}

/** Clients of ProviderService and ModuleLifecycle from the official proto. */
export interface OfficialClients {
  provider: Client;
  lifecycle: Client;
  call(client: Client, method: string, request?: Json): Promise<Json>;
  fail(client: Client, method: string, request?: Json): Promise<CallFailure>;
  stream(request: Json): Promise<Json[]>;
  close(): void;
}

function metadataObject(metadata: Metadata | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata?.getMap() ?? {})) result[key] = String(value);
  return result;
}

/**
 * Creates ProviderService and ModuleLifecycle clients for the server at `address`, built from
 * `protoFile` (default: the project's own proto).
 */
export function officialClients(address: string, protoFile: string = protoPath()): OfficialClients {
  const amplifier = servicesOf(protoFile);
  const ProviderService = amplifier.ProviderService;
  const ModuleLifecycle = amplifier.ModuleLifecycle;
  if (!ProviderService || !ModuleLifecycle) throw new Error(`${protoFile} lacks the services`);
  const provider = new ProviderService(address, credentials.createInsecure());
  const lifecycle = new ModuleLifecycle(address, credentials.createInsecure());

  function call(client: Client, method: string, request: Json = {}): Promise<Json> {
    return new Promise((resolve, reject) => {
      const fn = (client as unknown as Record<string, UnaryMethod>)[method];
      if (!fn) throw new Error(`no method ${method}`);
      fn.call(client, request, new Metadata(), (error, response) =>
        error ? reject(error) : resolve(response),
      );
    });
  }

  return {
    provider,
    lifecycle,
    call,
    async fail(client, method, request = {}) {
      try {
        await call(client, method, request);
      } catch (error) {
        const serviceError = error as ServiceError;
        return {
          code: serviceError.code,
          details: serviceError.details,
          metadata: metadataObject(serviceError.metadata),
        };
      }
      throw new Error(`${method} succeeded but a failure was expected`);
    },
    stream(request) {
      return new Promise((resolve, reject) => {
        const fn = (provider as unknown as Record<string, StreamMethod>).CompleteStreaming;
        if (!fn) throw new Error('no CompleteStreaming');
        const messages: Json[] = [];
        const stream = fn.call(provider, request);
        stream.on('data', (message: Json) => messages.push(message));
        stream.on('error', reject);
        stream.on('end', () => resolve(messages));
      });
    },
    close() {
      provider.close();
      lifecycle.close();
    },
  };
}
