/**
 * The gRPC server (real grpc-js, the package's own proto) in front of upstreams on 127.0.0.1
 * that misbehave on the wire: a body trickling past the timeout, and one echoing the credential
 * that `Mount` supplied in its error bodies and headers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  type Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterEach, describe, expect, it } from 'vitest';
import { protoPath } from '../src/grpc/proto-path.js';
import { PROTO_LOADER_OPTIONS } from '../src/grpc/proto-types.js';
import { type GrpcServerHandle, startGrpcServer } from '../src/grpc/start-grpc-server.js';

type Json = Record<string, unknown>;
type ClientConstructor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
) => Client;

const MOUNT_KEY = 'mount-supplied-key-4e7b2a9c';
const definition = loadSync(protoPath(), { ...PROTO_LOADER_OPTIONS });
const services = (loadPackageDefinition(definition).amplifier as Json).module as Record<
  string,
  ClientConstructor
>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(service: string, address: string): Client {
  const Service = services[service];
  if (Service === undefined) throw new Error(`no ${service} in the proto`);
  const created = new Service(address, credentials.createInsecure());
  cleanups.push(() => created.close());
  return created;
}

function unary(target: Client, method: string, request: Json = {}): Promise<Json> {
  return new Promise((resolve, reject) => {
    const fn = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
    if (fn === undefined) throw new Error(`no method ${method}`);
    fn.call(target, request, new Metadata(), (error: Error | null, response: Json) =>
      error ? reject(error) : resolve(response),
    );
  });
}

async function serve(options: Parameters<typeof startGrpcServer>[0]): Promise<GrpcServerHandle> {
  const server = await startGrpcServer({ env: {}, port: 0, ...options });
  cleanups.push(() => server.close(0));
  return server;
}

const hi = { messages: [{ role: 'ROLE_USER', text_content: 'hi' }] };

/** An upstream that answers 200 with `contentType` and then writes `chunk` every 100 ms, forever. */
async function trickling(contentType: string, chunk: string): Promise<string> {
  const intervals: ReturnType<typeof setInterval>[] = [];
  cleanups.push(() => {
    for (const interval of intervals) clearInterval(interval);
  });
  return listen(
    createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': contentType });
      const interval = setInterval(() => response.write(chunk), 100);
      intervals.push(interval);
      response.on('close', () => clearInterval(interval));
    }),
  );
}

describe('gRPC Complete: timeout bounds the whole answer', () => {
  it('a body trickling past `timeout` fails the call with DEADLINE_EXCEEDED (TimeoutError)', async () => {
    const upstream = await trickling('application/json', ' ');
    // The single-request path: `use_streaming` off (with it on, Complete streams: next test).
    const server = await serve({
      config: {
        azure_endpoint: upstream,
        api_key: 'start-up-key-0123456789',
        default_model: 'gpt-4o',
        timeout: 1,
        max_retries: 0,
        use_streaming: false,
      },
    });
    const error = (await unary(client('ProviderService', server.address), 'Complete', hi).catch(
      (thrown: unknown) => thrown,
    )) as ServiceError;
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toMatch(/TimeoutError/);
    expect(error.details).toMatch(/not the whole answer within 1 s/);
  });

  it('a streamed Complete whose stream sends only keep-alive comments fails with DEADLINE_EXCEEDED at the idle watchdog', async () => {
    const upstream = await trickling('text/event-stream', ': keep-alive\n\n');
    const server = await serve({
      config: {
        azure_endpoint: upstream,
        api_key: 'start-up-key-0123456789',
        default_model: 'gpt-4o',
        timeout: 1,
        max_retries: 0,
      },
    });
    const error = (await unary(client('ProviderService', server.address), 'Complete', hi).catch(
      (thrown: unknown) => thrown,
    )) as ServiceError;
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toMatch(/TimeoutError/);
    expect(error.details).toMatch(/sent nothing for 1 s/);
  });
});

describe('gRPC: a credential supplied through Mount never leaves', () => {
  it('an upstream echoing it in error bodies and headers: not in the gRPC error, events, logs; the host is told it', async () => {
    const upstream = await listen(
      createServer((request, response) => {
        request.resume();
        const key = String(request.headers['api-key']);
        response.writeHead(400, {
          'content-type': 'application/json',
          'apim-request-id': `req-${key}`,
          'x-echo': key,
        });
        response.end(
          JSON.stringify({
            error: { message: `bad request from ${key}`, code: 'bad', param: key },
          }),
        );
      }),
    );
    const logs: string[] = [];
    const record = (message: string, data?: Record<string, unknown>) =>
      logs.push(`${message} ${inspect(data, { depth: Number.POSITIVE_INFINITY })}`);
    const events: unknown[] = [];
    const told: string[] = [];
    const server = await serve({
      logger: { debug: record, info: record, warn: record, error: record },
      events: { emit: (event, payload) => void events.push({ event, payload }) },
      onSecrets: secrets => told.push(...secrets),
    });
    const mounted = await unary(client('ModuleLifecycle', server.address), 'Mount', {
      config: { azure_endpoint: upstream, api_key: MOUNT_KEY, max_retries: '0' },
    });
    expect(mounted).toMatchObject({ success: true });
    expect(told).toContain(MOUNT_KEY);
    const error = (await unary(client('ProviderService', server.address), 'Complete', hi).catch(
      (thrown: unknown) => thrown,
    )) as ServiceError;
    expect(error.code).toBeDefined();
    expect(error.details).toContain('bad request from [REDACTED]');
    const everything = [
      error.details,
      inspect(error.metadata?.getMap()),
      inspect(events, { depth: Number.POSITIVE_INFINITY }),
      logs.join('\n'),
    ].join('\n');
    expect(everything).not.toContain(MOUNT_KEY);
    expect(events.length).toBeGreaterThan(0);
  });
});
