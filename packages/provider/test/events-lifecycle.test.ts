import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  type ChatRequest,
  createAzureOpenAIProvider,
  InvalidRequestError,
  ProviderClosedError,
} from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('events', () => {
  it('emits llm:request and llm:response with the normative usage keys', async () => {
    let clock = 1000;
    const { provider, sink } = providerFor(emulator(), {
      settings: { use_streaming: false },
      options: { now: () => (clock += 25) },
    });
    await provider.complete(hello);
    expect(sink.events.map(entry => entry.event)).toEqual([
      'provider:resolve',
      'llm:request',
      'llm:response',
    ]);
    const [request] = sink.named('llm:request');
    expect(request).toMatchObject({
      provider: 'azure-openai',
      model: 'gpt-4o',
      deployment: 'gpt-4o',
      message_count: 1,
      stream: false,
    });
    const [response] = sink.named('llm:response');
    expect(response).toMatchObject({
      provider: 'azure-openai',
      model: 'gpt-4o',
      status: 'ok',
      duration_ms: 25,
      request_id: emulator().recorder.responsesRequests()[0]!.requestId,
    });
    const usage = response!.usage as Record<string, unknown>;
    // The contract's keys, plus cost_usd as Microsoft's Python providers send it (a decimal string).
    const allowed = [
      'input_tokens',
      'output_tokens',
      'cache_read_tokens',
      'cache_write_tokens',
      'cost_usd',
    ];
    for (const key of Object.keys(usage)) expect(allowed).toContain(key);
    expect(usage.cost_usd).toMatch(/^\d+(\.\d+)?$/);
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(0);
    expect(usage).not.toHaveProperty('total_tokens');
    await provider.close();
  });

  it('emits :debug (truncated) with debug, and :raw only with raw_debug; no secret anywhere', async () => {
    const debugOnly = providerFor(emulator(), { settings: { debug: true, use_streaming: false } });
    await debugOnly.provider.complete({
      ...hello,
      messages: [{ role: 'user', content: `long text ${'x'.repeat(2000)}` }],
    });
    const names = debugOnly.sink.events.map(entry => entry.event);
    expect(names).toEqual([
      'provider:resolve',
      'llm:request',
      'llm:request:debug',
      'llm:response',
      'llm:response:debug',
    ]);
    expect(JSON.stringify(debugOnly.sink.named('llm:request:debug'))).toContain('...[+');
    await debugOnly.provider.close();

    const raw = providerFor(emulator(), {
      settings: { debug: true, raw_debug: true, use_streaming: false },
    });
    await raw.provider.complete(hello);
    expect(raw.sink.events.map(entry => entry.event)).toEqual([
      'provider:resolve',
      'llm:request',
      'llm:request:debug',
      'llm:request:raw',
      'llm:response',
      'llm:response:debug',
      'llm:response:raw',
    ]);
    const [rawRequest] = raw.sink.named('llm:request:raw');
    expect((rawRequest!.request as Record<string, unknown>).model).toBe('gpt-4o');
    const everything = JSON.stringify([...debugOnly.sink.events, ...raw.sink.events]);
    expect(everything).not.toContain(emulator().apiKey);
    await raw.provider.close();
  });

  it('reports failures on llm:response with status error', async () => {
    const { provider, sink } = providerFor(emulator());
    emulator().addFault({ kind: 'content-filter' });
    await expect(provider.complete(hello)).rejects.toThrow();
    expect(sink.named('llm:response')).toEqual([
      expect.objectContaining({
        status: 'error',
        error: expect.objectContaining({ type: 'ContentFilterError', status: 400 }),
      }),
    ]);
    await provider.close();
  });

  it('streams emit the same pair, with usage, once the stream is complete', async () => {
    const { provider, sink } = providerFor(emulator());
    for await (const _event of provider.stream(hello)) {
      // drain
    }
    expect(
      sink.events.map(entry => entry.event).filter(name => !name.startsWith('llm:stream_')),
    ).toEqual(['provider:resolve', 'llm:request', 'llm:response']);
    expect(sink.named('llm:request')[0]).toMatchObject({ stream: true });
    expect(
      (sink.named('llm:response')[0]!.usage as { output_tokens: number }).output_tokens,
    ).toBeGreaterThan(0);
    await provider.close();
  });

  it('a consumer that stops at message.end still gets llm:response', async () => {
    const { provider, sink } = providerFor(emulator());
    for await (const event of provider.stream(hello)) {
      if (event.type === 'message.end') break;
    }
    expect(sink.named('llm:response')).toEqual([expect.objectContaining({ status: 'ok' })]);
    await provider.close();
  });

  it('a failing event sink never fails the request', async () => {
    const { provider } = providerFor(emulator(), {
      options: {
        events: {
          emit: () => Promise.reject(new Error('sink down')),
        },
      },
    });
    const response = await provider.complete(hello);
    expect(response.content.length).toBeGreaterThan(0);
    await provider.close();
  });
});

describe('provider object', () => {
  it('getInfo and listModels', async () => {
    const { provider } = providerFor(emulator(), {
      settings: { deployment_mapping: { 'gpt-5': ['production-gpt5', 'backup-gpt5'] } },
    });
    expect(provider.name).toBe('azure-openai');
    const info = provider.getInfo();
    expect(info).toMatchObject({ id: 'azure-openai', display_name: 'Azure OpenAI' });
    expect(info.credential_env_vars).toContain('AZURE_OPENAI_API_KEY');
    expect(info.config_fields.map(field => field.id)).toContain('azure_endpoint');
    expect(info.defaults).toMatchObject({ model: 'gpt-4o', max_retries: 3 });
    const models = await provider.listModels();
    expect(models.map(model => model.id)).toContain('gpt-5');
    await provider.close();
  });

  it('a missing config is a clear error', () => {
    expect(() =>
      createAzureOpenAIProvider({} as unknown as Parameters<typeof createAzureOpenAIProvider>[0]),
    ).toThrow(/needs \{ config \}/);
  });

  it('a malformed chat request is a clear InvalidRequestError, nothing is sent', async () => {
    const { provider } = providerFor(emulator());
    const error = await provider.complete(null as unknown as ChatRequest).catch(e => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error.param).toBe('messages');
    expect(error.fix).toContain('messages');
    expect(emulator().recorder.responsesRequests()).toHaveLength(0);
    await provider.close();
  });

  it('close() is idempotent, aborts in-flight calls and refuses later ones', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'latency', ms: 30_000 });
    const caller = new AbortController();
    const pending = provider.complete(hello, { signal: caller.signal }).catch(e => e);
    await new Promise(resolve => setTimeout(resolve, 50));
    await provider.close();
    await provider.close();
    const inFlight = await pending;
    expect(AbortedError.isInstance(inFlight)).toBe(true);
    expect(inFlight.message).toContain('closed');
    const later = await provider.complete(hello).catch(e => e);
    expect(ProviderClosedError.isInstance(later)).toBe(true);
    const streamed = await (async () => {
      for await (const _event of provider.stream(hello)) {
        // never reached
      }
    })().catch(e => e);
    expect(ProviderClosedError.isInstance(streamed)).toBe(true);
    await expect(provider.listModels()).rejects.toSatisfy(ProviderClosedError.isInstance);
  });

  it('close() aborts an in-flight stream', async () => {
    const { provider } = providerFor(emulator());
    emulator().addFault({ kind: 'latency', ms: 30_000 });
    const pending = (async () => {
      for await (const _event of provider.stream(hello)) {
        // never reached
      }
    })().catch(e => e);
    await new Promise(resolve => setTimeout(resolve, 50));
    await provider.close();
    const error = await pending;
    expect(AbortedError.isInstance(error)).toBe(true);
  });

  it('a complete() without a signal in flight during close() still settles', async () => {
    const { provider } = providerFor(emulator(), { settings: { use_streaming: false } });
    emulator().addFault({ kind: 'latency', ms: 100 });
    const pending = provider.complete(hello);
    await provider.close();
    const response = await pending;
    expect(response.content.length).toBeGreaterThan(0);
  });
});
