/**
 * Background responses through the real stack: the provider (real `openai` SDK, the pool's auth
 * fetch hook) against the emulator's background mode (queued -> in_progress -> final by poll).
 */

import { resolveConfig } from '@amplifier-azure-openai/config';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortedError,
  BackgroundTimeoutError,
  createAzureOpenAIProvider,
  InvalidRequestError,
} from '../src/index.js';
import {
  providerFor,
  recordingSink,
  SETUP_TIMEOUT_MS,
  startTestEmulator,
  TEST_DEPLOYMENTS,
} from './harness.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    backgroundPolls: 3,
    deployments: {
      ...TEST_DEPLOYMENTS,
      endless: { model: 'gpt-4o', backgroundPolls: 1_000_000 },
      broken: {
        model: 'gpt-4o',
        backgroundPolls: 1,
        backgroundFailure: { code: 'invalid_prompt', message: 'The prompt was refused.' },
      },
    },
  });
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await emulator?.close();
});

const HELLO = [{ role: 'user' as const, content: 'Say hello' }];

/** A clock the injected sleep advances: polling and background_timeout without real waiting. */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      now += ms;
    },
  };
}

const paths = (method: string) =>
  emulator.recorder.requests.filter(r => r.method === method).map(r => r.path);

describe('background responses', () => {
  it('creates with background: true, polls until completed and returns the answer', async () => {
    emulator.recorder.clear();
    const { provider, sink } = providerFor(emulator, {
      settings: { store: true, background: true, poll_interval: 2 },
    });
    try {
      const response = await provider.complete({ messages: HELLO });
      const text = response.content.find(block => block.type === 'text');
      expect(text).toMatchObject({ type: 'text' });
      expect(response.metadata?.status).toBe('completed');
      const body = emulator.recorder.responsesRequests()[0]?.body as Record<string, unknown>;
      expect(body).toMatchObject({ background: true, store: true });
      const id = response.metadata?.response_id as string;
      expect(paths('GET')).toEqual([
        `/openai/v1/responses/${id}`,
        `/openai/v1/responses/${id}`,
        `/openai/v1/responses/${id}`,
      ]);
      // Every poll carries the credential and its own client request id.
      const polls = emulator.recorder.requests.filter(r => r.method === 'GET');
      expect(polls.every(r => r.auth === 'api-key')).toBe(true);
      const ids = new Set(polls.map(r => r.headers['x-ms-client-request-id']));
      expect(ids.size).toBe(3);
      expect(sink.named('provider:background_start')).toEqual([
        expect.objectContaining({ response_id: id, status: 'queued', poll_interval_ms: 2000 }),
      ]);
      expect(sink.named('provider:background_poll').map(p => p.status)).toEqual([
        'in_progress',
        'in_progress',
        'completed',
      ]);
      expect(emulator.backgroundResponses().find(r => r.id === id)?.status).toBe('completed');
    } finally {
      await provider.close();
    }
  });

  it('a request turns background on (metadata) while use_streaming would stream', async () => {
    const { provider } = providerFor(emulator, { settings: { store: true } });
    try {
      const response = await provider.complete({ messages: HELLO, metadata: { background: true } });
      expect(response.metadata?.status).toBe('completed');
      expect(emulator.backgroundResponses().map(r => r.id)).toContain(
        response.metadata?.response_id,
      );
    } finally {
      await provider.close();
    }
  });

  it('cancels the Azure response when the caller aborts while polling', async () => {
    emulator.recorder.clear();
    const controller = new AbortController();
    const sink = recordingSink();
    const { provider } = providerFor(emulator, {
      settings: { store: true, background: true, default_model: 'endless' },
      options: {
        events: {
          emit(event, payload) {
            sink.emit(event, payload);
            if (event === 'provider:background_poll' && payload.poll === 2) controller.abort();
          },
        },
      },
    });
    try {
      const error = await provider
        .complete({ messages: HELLO }, { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(AbortedError.isInstance(error)).toBe(true);
      const id = sink.named('provider:background_start')[0]?.response_id as string;
      expect(paths('POST')).toContain(`/openai/v1/responses/${id}/cancel`);
      expect(emulator.backgroundResponses().find(r => r.id === id)).toMatchObject({
        status: 'cancelled',
        cancelRequests: 1,
      });
      expect(sink.named('provider:background_cancel')).toEqual([
        expect.objectContaining({ response_id: id, reason: 'aborted', cancelled: true }),
      ]);
    } finally {
      await provider.close();
    }
  });

  it('cancels the Azure response when close() ends an in-flight call', async () => {
    let close: (() => Promise<void>) | undefined;
    const sink = recordingSink();
    const { provider } = providerFor(emulator, {
      settings: { store: true, background: true, default_model: 'endless' },
      options: {
        events: {
          emit(event, payload) {
            sink.emit(event, payload);
            if (event === 'provider:background_poll' && payload.poll === 1) void close?.();
          },
        },
      },
    });
    close = () => provider.close();
    const error = await provider.complete({ messages: HELLO }).catch((e: unknown) => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    const id = sink.named('provider:background_start')[0]?.response_id as string;
    expect(emulator.backgroundResponses().find(r => r.id === id)?.status).toBe('cancelled');
  });

  it('cancels and fails with BackgroundTimeoutError after background_timeout', async () => {
    emulator.recorder.clear();
    const clock = fakeClock();
    const { provider, sink } = providerFor(emulator, {
      settings: {
        store: true,
        background: true,
        default_model: 'endless',
        poll_interval: 5,
        background_timeout: 30,
      },
      options: { sleep: clock.sleep, now: clock.now },
    });
    try {
      const error = await provider.complete({ messages: HELLO }).catch((e: unknown) => e);
      expect(BackgroundTimeoutError.isInstance(error)).toBe(true);
      const timeout = error as BackgroundTimeoutError;
      expect(timeout).toMatchObject({
        code: 'background_timeout',
        retryable: false,
        cancelled: true,
        lastStatus: 'in_progress',
      });
      expect(timeout.message).toMatch(/background_timeout \(30 s/);
      expect(emulator.backgroundResponses().find(r => r.id === timeout.responseId)).toMatchObject({
        status: 'cancelled',
        polls: 5,
        cancelRequests: 1,
      });
      expect(sink.named('provider:background_cancel')[0]).toMatchObject({ reason: 'timeout' });
      // Not retried: one create only.
      expect(
        emulator.recorder
          .responsesRequests()
          .filter(r => (r.body as { model?: string }).model === 'endless'),
      ).toHaveLength(1);
    } finally {
      await provider.close();
    }
  });

  it('a failed background response rejects with its typed error', async () => {
    const { provider } = providerFor(emulator, {
      settings: { store: true, background: true, default_model: 'broken', max_retries: 0 },
    });
    try {
      const error = (await provider
        .complete({ messages: HELLO })
        .catch((e: unknown) => e)) as InvalidRequestError;
      // A failed response is typed by its error code, as for any answer (invalid_prompt: 400-like).
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(error.code).toBe('invalid_prompt');
      expect(error.message).toContain('The prompt was refused.');
    } finally {
      await provider.close();
    }
  });

  it('an incomplete background response is handled like any incomplete answer', async () => {
    const { provider } = providerFor(emulator, {
      settings: { store: true, background: true },
    });
    try {
      emulator.addFault({ kind: 'incomplete', reason: 'max_output_tokens' });
      const response = await provider.complete({ messages: HELLO });
      expect(response.metadata?.status).toBe('incomplete');
      expect(response.finish_reason).toBe('length');
      expect(response.metadata?.incomplete).toMatchObject({ reason: 'max_output_tokens' });
    } finally {
      await provider.close();
    }
  });

  it('resumes an in-flight response by id in a fresh provider (after a restart)', async () => {
    // The process before the restart: it created the response, then went away.
    const before = new OpenAI({
      baseURL: `${emulator.url}/openai/v1`,
      apiKey: 'unused',
      defaultHeaders: { 'api-key': emulator.apiKey },
      maxRetries: 0,
    });
    const created = await before.responses.create({
      model: 'gpt-4o',
      input: 'Say hello',
      background: true,
    });
    expect(created.status).toBe('queued');
    emulator.recorder.clear();
    const { provider, sink } = providerFor(emulator, { settings: { store: false } });
    try {
      const response = await provider.complete({
        messages: [],
        metadata: { background_response_id: created.id },
      });
      expect(response.metadata?.response_id).toBe(created.id);
      expect(response.content.some(block => block.type === 'text')).toBe(true);
      // No new response was created: only polls of the existing one.
      expect(emulator.recorder.responsesRequests()).toHaveLength(0);
      expect(paths('GET').every(path => path === `/openai/v1/responses/${created.id}`)).toBe(true);
      expect(sink.named('provider:background_start')[0]).toMatchObject({ resumed: true });
    } finally {
      await provider.close();
    }
  });

  it('refuses background when the config forbids storing, with a typed error', async () => {
    const { provider } = providerFor(emulator, { settings: { background: true } });
    try {
      const error = await provider.complete({ messages: HELLO }).catch((e: unknown) => e);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'background_requires_store', param: 'store' });
      expect((error as InvalidRequestError).fix).toMatch(/store = true/);
    } finally {
      await provider.close();
    }
  });

  it('stream() of a background request yields the polled answer and message.end', async () => {
    const provider = createAzureOpenAIProvider({
      config: resolveConfig(
        {
          azure_endpoint: emulator.url,
          api_key: emulator.apiKey,
          default_model: 'gpt-4o',
          store: true,
          background: true,
          poll_interval: 0.001,
        },
        {},
      ),
    });
    try {
      const types: string[] = [];
      let text = '';
      for await (const event of provider.stream({ messages: HELLO })) {
        types.push(event.type);
        if (event.type === 'text.delta') text += event.text;
      }
      expect(types[0]).toBe('message.start');
      expect(types.at(-1)).toBe('message.end');
      expect(text).not.toBe('');
    } finally {
      await provider.close();
    }
  });
});
