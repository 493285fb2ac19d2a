import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { createClientRequestIds } from '../client/client-request-ids.js';
import type { ChatRequest } from '../types.js';
import { buildCallBody, capabilitiesFor, type SendContext } from './build-call-body.js';

function attempt(
  context: ReturnType<typeof testContext>['context'],
  request: ChatRequest,
): SendContext {
  const plan = context.resolver.plan('gpt-4o');
  return {
    target: plan.targets[0] ?? { deployment: 'gpt-4o' },
    resolution: plan.resolution,
    request,
    signal: undefined,
    stream: false,
    ids: createClientRequestIds(),
  };
}

describe('buildCallBody', () => {
  it('removes the parameters the target rejected before', async () => {
    const { context } = testContext([]);
    const request: ChatRequest = { messages: [{ role: 'user', content: 'hi' }], temperature: 0.3 };
    const full = await buildCallBody(context, attempt(context, request), new Set());
    expect(full.temperature).toBe(0.3);
    const omitted = await buildCallBody(
      context,
      attempt(context, request),
      new Set(['temperature']),
    );
    expect(omitted).not.toHaveProperty('temperature');
    expect(omitted.model).toBe('gpt-4o');
  });

  it('reports a repaired tool sequence once per call id', async () => {
    const { context, events } = testContext([]);
    const request: ChatRequest = {
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: [{ type: 'tool_call', id: 'call_1', name: 'f', input: {} }],
        },
        { role: 'user', content: 'again' },
      ],
    };
    await buildCallBody(context, attempt(context, request), new Set());
    await buildCallBody(context, attempt(context, request), new Set());
    expect(events.filter(([name]) => name === 'provider:tool_sequence_repaired')).toHaveLength(1);
  });

  it('emits the request payload with debug on, and nothing without', async () => {
    const request: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };
    const quiet = testContext([]);
    await buildCallBody(quiet.context, attempt(quiet.context, request), new Set());
    expect(quiet.events).toEqual([]);
    const debug = testContext([], { debug: true });
    await buildCallBody(debug.context, attempt(debug.context, request), new Set());
    expect(debug.events.map(([name]) => name)).toEqual(['llm:request:debug']);
  });
});

describe('capabilitiesFor', () => {
  it("uses the primary's capabilities for an unknown fallback deployment", () => {
    const { context } = testContext([]);
    const resolution = context.resolver.plan('gpt-4o').resolution;
    expect(capabilitiesFor(context, resolution, resolution.primary)).toBe(resolution.capabilities);
    expect(capabilitiesFor(context, resolution, { deployment: 'unknown-xyz' })).toBe(
      resolution.capabilities,
    );
  });
});
