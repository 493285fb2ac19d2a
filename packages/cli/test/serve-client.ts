import {
  type ChannelCredentials,
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS, protoPath } from 'amplifier-module-provider-azure-openai';

/*
 * gRPC clients of `serve` built from the module's own proto (shipped in the package: no ../shared).
 */

type Json = Record<string, unknown>;
type ClientConstructor = new (address: string, creds: ChannelCredentials) => Client;

const services = (() => {
  const definition = loadSync(protoPath(), PROTO_LOADER_OPTIONS);
  return (loadPackageDefinition(definition).amplifier as Json).module as Record<
    string,
    ClientConstructor
  >;
})();

/** A client of `ProviderService` or `ModuleLifecycle` at `address` (insecure unless `creds`). */
export function serveClient(
  service: 'ProviderService' | 'ModuleLifecycle',
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
): Client {
  const Service = services[service];
  if (Service === undefined) throw new Error(`no service ${service}`);
  return new Service(address, creds);
}

/** The outcome of one unary call. */
export type CallOutcome =
  | { ok: true; value: Json }
  | { ok: false; code: number; details: string; errorName: string | undefined };

/** Calls `method`; `token` is sent as `authorization: Bearer <token>` when given. */
export function callUnary(
  client: Client,
  method: string,
  request: Json = {},
  token?: string,
): Promise<CallOutcome> {
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return new Promise(resolve => {
    const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
    if (fn === undefined) throw new Error(`no method ${method}`);
    fn.call(client, request, metadata, (error: ServiceError | null, response: Json) => {
      if (error) {
        const name = error.metadata?.get('x-error-name')[0];
        resolve({
          ok: false,
          code: error.code,
          details: error.details,
          errorName: typeof name === 'string' ? name : undefined,
        });
      } else resolve({ ok: true, value: response });
    });
  });
}

/** Like {@link callUnary}, but throws on failure. */
export async function callOk(
  client: Client,
  method: string,
  request: Json = {},
  token?: string,
): Promise<Json> {
  const outcome = await callUnary(client, method, request, token);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.code} ${outcome.details}`);
  return outcome.value;
}
