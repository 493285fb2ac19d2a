/**
 * Cancellation: aborting during the request, the backoff wait, the token fetch and the stream
 * stops at once and frees the connection. "At once" is shown without a clock: the fault would
 * hold the call for 30 s, and each test has a few seconds.
 */
import type { ServerResponse } from 'node:http';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import {
  AbortedError,
  type ChatRequest,
  createAzureOpenAIProvider,
  type ProviderStreamEvent,
  StreamInterruptedError,
} from '@amplifier-azure-openai/provider';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeResourceCounts,
  resourceGrowth,
  settleResources,
} from '../src/harness/active-resources.js';
import { type StallServer, startStallServer } from '../src/harness/stall-server.js';

const HOLD_MS = 30_000;
const TEST_TIMEOUT_MS = 8_000;
/** Loading @azure/identity takes seconds on a busy machine; still far below the stall. */
const TOKEN_TEST_TIMEOUT_MS = 20_000;
const REQUEST: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] };

let emulator: Emulator;
let baseline: Record<string, number>;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  emulator = await startEmulator({});
  baseline = activeResourceCounts();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await emulator.close();
});

function providerFor(settings: Record<string, unknown> = {}, events?: (name: string) => void) {
  const provider = createAzureOpenAIProvider({
    config: resolveConfig(
      { azure_endpoint: emulator.url, api_key: emulator.apiKey, max_retries: 2, ...settings },
      {},
    ),
    ...(events === undefined ? {} : { events: { emit: (name: string) => events(name) } }),
  });
  cleanups.push(() => provider.close());
  return provider;
}

/** Waits (event-loop turns, no clock) until the emulator has recorded `count` Responses requests. */
async function untilRecorded(count: number): Promise<void> {
  while (emulator.recorder.responsesRequests().length < count) {
    await new Promise<void>(resolve => setImmediate(resolve));
  }
}

async function expectAborted(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(AbortedError.isInstance(error), `expected AbortedError, got ${String(error)}`).toBe(true);
}

describe('cancellation', () => {
  it(
    'abort during the request (30 s emulator latency) rejects with AbortedError and frees the socket',
    async () => {
      emulator.addFault({ kind: 'latency', ms: HOLD_MS });
      const provider = providerFor();
      const controller = new AbortController();
      const call = provider.complete(REQUEST, { signal: controller.signal });
      await untilRecorded(1);
      // The emulator's 30 s latency timer (and the client's timeout timer) are running...
      expect(resourceGrowth(baseline, activeResourceCounts()).Timeout).toBeGreaterThan(0);
      controller.abort();
      await expectAborted(call);
      await provider.close();
      // ...and are cleared: the emulator saw the connection close. (Node's fetch may open a
      // fresh idle keep-alive socket after an abort; it is unref'd and not counted here.)
      expect((await settleResources(baseline)).Timeout).toBeUndefined();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'abort during the backoff wait (429 asking for 30 s) rejects at once, no timer left',
    async () => {
      emulator.addFault({ kind: 'rate-limit', retryAfterMs: HOLD_MS });
      let retried: () => void = () => {};
      const retryScheduled = new Promise<void>(resolve => {
        retried = resolve;
      });
      const provider = providerFor({ failover_retry_after_threshold_seconds: 120 }, name => {
        if (name === 'provider:retry') retried();
      });
      const controller = new AbortController();
      const call = provider.complete(REQUEST, { signal: controller.signal });
      await retryScheduled;
      controller.abort();
      await expectAborted(call);
      expect(emulator.recorder.responsesRequests()).toHaveLength(1);
      await provider.close();
      expect((await settleResources(baseline)).Timeout).toBeUndefined();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'abort during the stream (server stalls after the first events) rejects at once and closes the connection',
    async () => {
      const stall = await startStallServer({
        begin(_request, response) {
          writeStreamStart(response, 'partial');
        },
      });
      cleanups.push(() => stall.close());
      const provider = createAzureOpenAIProvider({
        config: resolveConfig({ azure_endpoint: stall.url, api_key: 'k'.repeat(32) }, {}),
      });
      cleanups.push(() => provider.close());
      const controller = new AbortController();
      const seen: ProviderStreamEvent[] = [];
      const consume = (async () => {
        for await (const event of provider.stream(REQUEST, { signal: controller.signal })) {
          seen.push(event);
          if (event.type === 'message.start') controller.abort();
        }
      })();
      await expectAborted(consume);
      expect(seen.some(event => event.type === 'message.end')).toBe(false);
      const request = await stall.waitForRequest(0);
      await request.closed;
      expect(request.isClosed).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'breaking out of a stream closes the connection at once',
    async () => {
      const stall = await startStallServer({
        begin(_request, response) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write(
            sse({ type: 'response.created', sequence_number: 0, response: created() }),
          );
        },
      });
      cleanups.push(() => stall.close());
      const provider = createAzureOpenAIProvider({
        config: resolveConfig({ azure_endpoint: stall.url, api_key: 'k'.repeat(32) }, {}),
      });
      cleanups.push(() => provider.close());
      for await (const event of provider.stream(REQUEST)) {
        if (event.type === 'message.start') break;
      }
      const request = await stall.waitForRequest(0);
      await request.closed;
      expect(request.isClosed).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    // The provider's documented rule: close() aborts streams and calls made with a signal; a
    // complete() without a signal is not given one (performance) and settles by itself.
    'close() during an in-flight call made with a signal rejects it with AbortedError and frees the socket',
    async () => {
      emulator.addFault({ kind: 'latency', ms: HOLD_MS });
      const provider = providerFor();
      const call = provider.complete(REQUEST, { signal: new AbortController().signal });
      await untilRecorded(1);
      await provider.close();
      await expectAborted(call);
      expect((await settleResources(baseline)).Timeout).toBeUndefined();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'abort during the managed-identity token fetch (token endpoint stalls) rejects at once',
    async () => {
      const { call, controller, tokenRequest } = await startTokenStall();
      controller.abort();
      await expectAborted(call);
      expect(emulator.recorder.responsesRequests()).toHaveLength(0);
      expect(tokenRequest.isClosed).toBe(false); // the endpoint still stalls: nothing answered
    },
    TOKEN_TEST_TIMEOUT_MS,
  );

  // Was a known bug (the shared token request kept its ref'd socket open after close()):
  // @azure/identity 4.13's ManagedIdentityCredential ignores getToken's abortSignal, so the auth
  // strategy sends its token requests through its own httpClient, and provider.close() closes
  // the strategy it created, which cancels that request.
  it(
    'abort during the token fetch, then close(): the token request is cancelled too',
    async () => {
      const { call, controller, tokenRequest, provider } = await startTokenStall();
      controller.abort();
      await expectAborted(call);
      await provider.close();
      for (let turn = 0; turn < 500 && !tokenRequest.isClosed; turn++) {
        await new Promise<void>(resolve => setImmediate(resolve));
      }
      expect(tokenRequest.isClosed).toBe(true);
    },
    TOKEN_TEST_TIMEOUT_MS,
  );
});

describe('interrupted streams are never reported as complete', () => {
  it('a mid-stream drop gives StreamInterruptedError, no message.end, from stream() and complete()', async () => {
    const provider = providerFor({ max_retries: 0 });
    emulator.addFault({ kind: 'drop-mid-stream', afterEvents: 5 });
    const seen: ProviderStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of provider.stream({ ...REQUEST, model: 'gpt-5' })) seen.push(event);
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(StreamInterruptedError.isInstance(error), String(error)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some(event => event.type === 'message.end')).toBe(false);

    emulator.addFault({ kind: 'drop-mid-stream', afterEvents: 5 });
    const viaComplete = await provider.complete({ ...REQUEST, stream: true }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(StreamInterruptedError.isInstance(viaComplete), String(viaComplete)).toBe(true);
  });

  it('a stream that ends cleanly without response.completed is an error, not an answer', async () => {
    const stall = await startStallServer({
      end: true,
      begin(_request, response) {
        writeStreamStart(response, 'half an ans');
      },
    });
    cleanups.push(() => stall.close());
    const provider = createAzureOpenAIProvider({
      config: resolveConfig(
        { azure_endpoint: stall.url, api_key: 'k'.repeat(32), max_retries: 0 },
        {},
      ),
    });
    cleanups.push(() => provider.close());
    const seen: ProviderStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of provider.stream(REQUEST)) seen.push(event);
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(StreamInterruptedError.isInstance(error), String(error)).toBe(true);
    expect(seen.some(event => event.type === 'message.end')).toBe(false);
    const viaComplete = await provider.complete({ ...REQUEST, stream: true }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(StreamInterruptedError.isInstance(viaComplete), String(viaComplete)).toBe(true);
  });
});

let tokenServer: StallServer | undefined;
let restoreIdentityEnv: (() => void) | undefined;

afterAll(async () => {
  restoreIdentityEnv?.();
  await tokenServer?.close();
});

/**
 * A managed-identity provider whose token endpoint never answers, with a call waiting on it. One
 * token server for the whole file: msal-node remembers the managed-identity endpoint per process.
 */
async function startTokenStall() {
  if (tokenServer === undefined) {
    tokenServer = await startStallServer();
    restoreIdentityEnv = isolateIdentityEnv({
      IDENTITY_ENDPOINT: `${tokenServer.url}/msi/token`,
      IDENTITY_HEADER: 'identity-header-secret',
    });
  }
  const index = tokenServer.requests.length;
  const provider = createAzureOpenAIProvider({
    config: resolveConfig({ azure_endpoint: emulator.url, use_managed_identity: true }, {}),
  });
  cleanups.push(() => provider.close());
  const controller = new AbortController();
  const call = provider.complete(REQUEST, { signal: controller.signal });
  call.catch(() => {});
  const tokenRequest = await tokenServer.waitForRequest(index);
  return { call, controller, tokenRequest, provider };
}

function created() {
  return {
    id: 'resp_stall',
    object: 'response',
    created_at: 1,
    status: 'in_progress',
    model: 'gpt-4o',
    output: [],
  };
}

function sse(event: Record<string, unknown>): string {
  return `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The start of a 200 event stream: `response.created` and one text delta, and no end. */
function writeStreamStart(response: ServerResponse, delta: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(sse({ type: 'response.created', sequence_number: 0, response: created() }));
  response.write(
    sse({
      type: 'response.output_text.delta',
      sequence_number: 1,
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta,
    }),
  );
}
