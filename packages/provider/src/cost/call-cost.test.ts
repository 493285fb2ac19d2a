import { resolveConfig } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { createCredentialScrubber } from '../errors/credential-scrubber.js';
import type { ChatResponse } from '../types.js';
import { applyCost, type CostContext, deploymentPrice } from './call-cost.js';

function contextWith(config: Record<string, unknown>) {
  const events: Array<{ event: string; payload: Record<string, unknown> }> = [];
  const context: CostContext = {
    config: resolveConfig(
      { azure_endpoint: 'https://r.openai.azure.com', api_key: 'k', ...config },
      {},
    ).config,
    unpricedModels: new Set(),
    events: { emit: (event, payload) => void events.push({ event, payload }) },
    scrubber: createCredentialScrubber([]),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
  return { context, events };
}

function answer(deployment: string, model: string): ChatResponse {
  return {
    content: [],
    usage: {
      input_tokens: 1_000_000,
      output_tokens: 1_000_000,
      total_tokens: 2_000_000,
      cache_read_tokens: 500_000,
    },
    metadata: { deployment, model },
  } as ChatResponse;
}

describe('applyCost', () => {
  it('prices by the model Azure reported (dated version)', async () => {
    const { context } = contextWith({});
    const response = answer('chat', 'gpt-4o-2024-11-20');
    await applyCost(context, response);
    // 0.5M fresh * 2.5 + 0.5M cached * 1.25 + 1M out * 10
    expect(response.usage?.cost_usd).toBe('11.875');
  });

  it('PTU costs 0 per token: the whole provider, or one deployment', async () => {
    const all = contextWith({ deployment_type: 'PTU' });
    const response = answer('chat', 'gpt-4o');
    await applyCost(all.context, response);
    expect(response.usage?.cost_usd).toBe('0');
    const one = contextWith({ deployment_pricing: { reserved: { deployment_type: 'PTU' } } });
    expect(deploymentPrice(one.context, 'reserved', 'gpt-4o')).toEqual({ kind: 'ptu' });
    expect(deploymentPrice(one.context, 'chat', 'gpt-4o').kind).toBe('price');
    const back = contextWith({
      deployment_type: 'PTU',
      deployment_pricing: { paygo: { deployment_type: 'PAYG' } },
    });
    expect(deploymentPrice(back.context, 'paygo', 'gpt-4o').kind).toBe('price');
  });

  it('a deployment price override wins over the table (cached defaults to input)', async () => {
    const { context } = contextWith({ deployment_pricing: { eu: { input: 3, output: 12 } } });
    const response = answer('eu', 'gpt-4o');
    await applyCost(context, response);
    expect(response.usage?.cost_usd).toBe('15'); // 1M*3 + 1M*12
  });

  it('uses the family deployment_models declares when Azure reports no known model', () => {
    const { context } = contextWith({ deployment_models: { 'prod-chat': 'gpt-4.1' } });
    expect(deploymentPrice(context, 'prod-chat', 'prod-chat')).toEqual({
      kind: 'price',
      price: { input: 2, cachedInput: 0.5, output: 8 },
    });
  });

  it('an unknown model has no cost (never a guess) and is reported once', async () => {
    const { context, events } = contextWith({});
    const first = answer('mystery', 'gpt-9-ultra');
    await applyCost(context, first);
    await applyCost(context, answer('mystery', 'gpt-9-ultra'));
    expect(first.usage?.cost_usd).toBeUndefined();
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBe('provider:warning');
    expect(String(events[0]?.payload.message)).toContain("No price for model 'gpt-9-ultra'");
    expect(String(events[0]?.payload.fix)).toContain('[deployment_pricing] "mystery"');
  });

  it('prices each deployment and model of one provider on its own, call after call', async () => {
    const { context } = contextWith({
      deployment_pricing: { eu: { input: 3, output: 12 }, reserved: { deployment_type: 'PTU' } },
    });
    const cases: Array<[string, string, string | undefined]> = [
      ['eu', 'gpt-4o', '15'],
      ['chat', 'gpt-4o', '11.875'],
      ['reserved', 'gpt-4o', '0'],
      ['chat', 'gpt-4.1-mini', '1.85'], // 0.5M*0.4 + 0.5M*0.1 + 1M*1.6
      ['chat', 'gpt-9-ultra', undefined],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [deployment, model, cost] of cases) {
        const response = answer(deployment, model);
        await applyCost(context, response);
        expect(response.usage?.cost_usd, `${deployment}/${model} round ${round}`).toBe(cost);
      }
    }
  });

  it('leaves an answer without usage alone', async () => {
    const { context } = contextWith({});
    const response = {
      content: [],
      metadata: { deployment: 'x', model: 'gpt-4o' },
    } as unknown as ChatResponse;
    await applyCost(context, response);
    expect(response.usage).toBeUndefined();
  });
});
