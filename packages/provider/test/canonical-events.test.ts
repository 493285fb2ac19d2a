import { describe, expect, it } from 'vitest';
import { DECLARED_EVENTS, type Message, OWN_PROVIDER_EVENTS } from '../src/index.js';
import { providerFor, useTestEmulator, WEATHER_TOOL } from './harness.js';

const emulator = useTestEmulator();

describe('canonical provider events through the emulator', () => {
  it('provider:resolve names the model, deployment, rule and failover order once per call', async () => {
    const { provider, sink } = providerFor(emulator(), {
      settings: { deployment_mapping: { smart: ['production-gpt5', 'backup-gpt5'] } },
    });
    await provider.complete({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
    expect(sink.named('provider:resolve')).toEqual([
      {
        provider: 'azure-openai',
        model: 'smart',
        deployment: 'production-gpt5',
        rule: 'mapping',
        targets: ['production-gpt5', 'backup-gpt5'],
        family: 'gpt-5',
      },
    ]);
    await provider.complete({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    expect(sink.named('provider:resolve')[1]).toMatchObject({
      model: 'gpt-4o',
      deployment: 'gpt-4o',
      rule: 'passthrough',
    });
    await provider.close();
  });

  it('provider:error reports a final failure (not a cancellation), with no secret', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'server-error', status: 503 });
    const error = (await provider
      .complete({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((thrown: unknown) => thrown)) as Error;
    const [reported] = sink.named('provider:error');
    expect(reported).toMatchObject({
      provider: 'azure-openai',
      model: 'gpt-4o',
      deployment: 'gpt-4o',
      error_type: error.name,
      error: error.message,
      status: 503,
      retryable: true,
    });
    expect(typeof reported?.duration_ms).toBe('number');
    expect(JSON.stringify(sink.events)).not.toContain(emulator().apiKey);

    const controller = new AbortController();
    controller.abort();
    await provider
      .complete(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
        {
          signal: controller.signal,
        },
      )
      .catch(() => undefined);
    expect(sink.named('provider:error')).toHaveLength(1);
    await provider.close();
  });

  it('provider:tool_sequence_repaired when a tool call has no result, once per call id', async () => {
    const { provider, sink } = providerFor(emulator());
    const messages: Message[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_call', id: 'call_lost', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'user', content: 'Well?' },
    ];
    await provider.complete({ model: 'gpt-4o', messages, tools: [WEATHER_TOOL] });
    expect(sink.named('provider:tool_sequence_repaired')).toEqual([
      {
        provider: 'azure-openai',
        repair_count: 1,
        repairs: [{ tool_call_id: 'call_lost', tool_name: 'get_weather' }],
      },
    ]);
    const input = emulator().recorder.responsesRequests()[0]?.body as { input: unknown[] };
    expect(input.input).toContainEqual(
      expect.objectContaining({ type: 'function_call_output', call_id: 'call_lost' }),
    );
    // The same gap on the next turn is repaired again, but not reported again.
    await provider.complete({ model: 'gpt-4o', messages, tools: [WEATHER_TOOL] });
    expect(sink.named('provider:tool_sequence_repaired')).toHaveLength(1);
    await provider.close();
  });

  it('provider:response_chain_invalidated when Azure no longer knows previous_response_id; the conversation is resent whole', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { store: true } });
    const first: Message[] = [{ role: 'user', content: 'first question' }];
    const one = await provider.complete({ model: 'gpt-4o', conversation_id: 'c', messages: first });
    emulator().forgetResponses();
    const second: Message[] = [
      ...first,
      { role: 'assistant', content: one.content },
      { role: 'user', content: 'second question' },
    ];
    const two = await provider.complete({
      model: 'gpt-4o',
      conversation_id: 'c',
      messages: second,
    });
    expect(two.content.length).toBeGreaterThan(0);
    expect(sink.named('provider:response_chain_invalidated')).toEqual([
      {
        provider: 'azure-openai',
        model: 'gpt-4o',
        deployment: 'gpt-4o',
        invalidated_id: one.metadata?.response_id,
        error_code: 'previous_response_not_found',
      },
    ]);
    const bodies = emulator()
      .recorder.responsesRequests()
      .map(request => request.body as Record<string, unknown>);
    expect(bodies[1]?.previous_response_id).toBe(one.metadata?.response_id);
    expect(bodies[2]).not.toHaveProperty('previous_response_id');
    expect(JSON.stringify(bodies[2]?.input)).toContain('first question');
    await provider.close();
  });

  it('declares every event it emits, and keeps provider:failover', () => {
    for (const name of [
      'provider:resolve',
      'provider:error',
      'provider:tool_sequence_repaired',
      'provider:response_chain_invalidated',
      'provider:incomplete_continuation',
      'provider:failover',
      'provider:retry',
      'provider:throttle',
      'provider:warning',
    ]) {
      expect(DECLARED_EVENTS).toContain(name);
    }
    expect(OWN_PROVIDER_EVENTS).toContain('provider:resolve');
    expect(new Set(DECLARED_EVENTS).size).toBe(DECLARED_EVENTS.length);
  });
});
