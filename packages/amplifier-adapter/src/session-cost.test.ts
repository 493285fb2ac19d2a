import { describe, expect, it } from 'vitest';
import { createSessionCost } from './session-cost.js';

describe('createSessionCost', () => {
  it('contributes nothing before a priced answer, then the exact decimal sum', () => {
    const cost = createSessionCost();
    expect(cost.contribution()).toBeUndefined();
    cost.observe('llm:response', { usage: { input_tokens: 1, output_tokens: 1 } }); // no price
    cost.observe('llm:request', { usage: { cost_usd: '5' } }); // not an answer
    expect(cost.contribution()).toBeUndefined();
    cost.observe('llm:response', { usage: { cost_usd: '0.1' } });
    cost.observe('llm:response', { usage: { cost_usd: '0.2' } });
    expect(cost.contribution()).toEqual({ cost_usd: '0.3' }); // not 0.30000000000000004
  });

  it('counts a PTU answer (0) as data and ignores malformed values', () => {
    const cost = createSessionCost();
    cost.observe('llm:response', { usage: { cost_usd: '0' } });
    expect(cost.contribution()).toEqual({ cost_usd: '0' });
    cost.observe('llm:response', { usage: { cost_usd: -1 } });
    cost.observe('llm:response', { usage: { cost_usd: 'NaN' } });
    cost.observe('llm:response', { usage: null });
    expect(cost.contribution()).toEqual({ cost_usd: '0' });
  });
});
