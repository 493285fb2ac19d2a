import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { startGrpcServer } from '../src/grpc/start-grpc-server.js';
import type { ChatResponse, ProviderLike } from '../src/provider-shapes.js';
import { officialClients } from './official-client.js';

/** A deferred promise. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

const ANSWER: ChatResponse = { content: [{ type: 'text', text: 'done' }], finish_reason: 'stop' };

/** A provider whose `complete` waits until released (or aborted) and reports what happened. */
function controllableProvider() {
  const started = deferred();
  const release = deferred();
  const aborted = deferred<string>();
  let closed = false;
  const provider: ProviderLike = {
    name: 'azure-openai',
    getInfo: () => ({
      id: 'azure-openai',
      display_name: 'Fake',
      credential_env_vars: [],
      capabilities: [],
      defaults: {},
      config_fields: [],
    }),
    listModels: async () => [],
    complete(_request, options) {
      started.resolve();
      return new Promise<ChatResponse>((resolve, reject) => {
        options?.signal?.addEventListener('abort', () => {
          aborted.resolve('aborted');
          reject(Object.assign(new Error('The request was aborted.'), { name: 'AbortedError' }));
        });
        release.promise.then(() => resolve(ANSWER));
      });
    },
    async *stream(_request, options) {
      started.resolve();
      yield { type: 'text.delta', text: 'first' };
      await new Promise<void>(resolve => {
        options?.signal?.addEventListener('abort', () => {
          aborted.resolve('aborted');
          resolve();
        });
        release.promise.then(() => resolve());
      });
      if (options?.signal?.aborted) {
        throw Object.assign(new Error('The request was aborted.'), { name: 'AbortedError' });
      }
      yield { type: 'message.end', response: ANSWER };
    },
    parseToolCalls: () => [],
    close: async () => {
      closed = true;
    },
  };
  return { provider, started, release, aborted, isClosed: () => closed };
}

const request = { messages: [{ role: 'ROLE_USER', text_content: 'hi' }] };

describe('cancellation and shutdown', () => {
  it('aborts the provider call when the client cancels', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    try {
      const call = new Promise<number>(resolve => {
        const pending = (
          clients.provider as unknown as Record<string, (...args: unknown[]) => { cancel(): void }>
        ).Complete?.call(clients.provider, request, (error: { code: number } | null) =>
          resolve(error?.code ?? 0),
        );
        fake.started.promise.then(() => pending?.cancel());
      });
      expect(await call).toBe(status.CANCELLED);
      expect(await fake.aborted.promise).toBe('aborted');
    } finally {
      clients.close();
      await server.close();
    }
  });

  it('aborts the provider call when the client deadline passes', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    try {
      const code = await new Promise<number>(resolve => {
        (
          clients.provider as unknown as Record<string, (...args: unknown[]) => unknown>
        ).Complete?.call(
          clients.provider,
          request,
          new Metadata(),
          { deadline: Date.now() + 200 },
          (error: { code: number } | null) => resolve(error?.code ?? 0),
        );
      });
      expect(code).toBe(status.DEADLINE_EXCEEDED);
      expect(await fake.aborted.promise).toBe('aborted');
    } finally {
      clients.close();
      await server.close();
    }
  });

  it('aborts the provider stream when the client cancels a CompleteStreaming call', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    try {
      const stream = (
        clients.provider as unknown as Record<
          string,
          (...args: unknown[]) => NodeJS.EventEmitter & { cancel(): void }
        >
      ).CompleteStreaming?.call(clients.provider, request);
      const code = new Promise<number>(resolve =>
        stream?.on('error', (error: { code: number }) => resolve(error.code)),
      );
      const first = await new Promise<Record<string, unknown>>(resolve =>
        stream?.once('data', resolve),
      );
      expect(first.metadata_json).toBe('{"stream_event":"text.delta"}');
      stream?.cancel();
      expect(await code).toBe(status.CANCELLED);
      expect(await fake.aborted.promise).toBe('aborted');
    } finally {
      clients.close();
      await server.close();
    }
  });

  it('close() lets in-flight calls finish, then closes the provider', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    const answer = clients.call(clients.provider, 'Complete', request);
    await fake.started.promise;
    const closing = server.close(60_000);
    expect(fake.isClosed()).toBe(false);
    fake.release.resolve();
    expect((await answer).finish_reason).toBe('stop');
    await closing;
    expect(fake.isClosed()).toBe(true);
    clients.close();
  });

  it('close() cancels calls still running after the grace period', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    const failure = clients.fail(clients.provider, 'Complete', request);
    await fake.started.promise;
    await server.close(0);
    expect([status.CANCELLED, status.UNAVAILABLE]).toContain((await failure).code);
    expect(fake.isClosed()).toBe(true);
    clients.close();
  });

  it('a second close() with a shorter grace cancels the calls still running (a second Ctrl+C)', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    const failure = clients.fail(clients.provider, 'Complete', request);
    await fake.started.promise;
    const graceful = server.close(60_000);
    expect(fake.isClosed()).toBe(false);
    const forced = server.close(0);
    expect(forced).toBe(graceful);
    await forced;
    expect([status.CANCELLED, status.UNAVAILABLE]).toContain((await failure).code);
    expect(fake.isClosed()).toBe(true);
    clients.close();
  });

  it('a provider passed in is served as is (Mount without config keeps it)', async () => {
    const fake = controllableProvider();
    const server = await startGrpcServer({ provider: fake.provider });
    const clients = officialClients(server.address);
    try {
      expect(await clients.call(clients.lifecycle, 'Mount', { config: {} })).toEqual({
        success: true,
        error: '',
        status: 'HEALTH_STATUS_SERVING',
      });
      expect((await clients.call(clients.provider, 'GetInfo')).display_name).toBe('Fake');
    } finally {
      clients.close();
      await server.close();
    }
  });
});
