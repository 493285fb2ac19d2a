import { describe, expect, it } from 'vitest';
import { computeCostUsd } from './compute-cost.js';
import { PRICES_AS_OF, PRICING_TABLE, tablePriceFor } from './pricing-table.js';
import {
  formatUsd,
  formatUsdNumber,
  parseUsd,
  tokenCostPico,
  tokenCostPicoNumber,
} from './usd-amount.js';

describe('usd amounts', () => {
  it('formats and parses picodollars exactly', () => {
    expect(formatUsd(0n)).toBe('0');
    expect(formatUsd(12_500_000_000n)).toBe('0.0125');
    expect(formatUsd(3n * 10n ** 12n)).toBe('3');
    expect(parseUsd('0.0125')).toBe(12_500_000_000n);
    expect(parseUsd('2')).toBe(2n * 10n ** 12n);
    expect(parseUsd('-1')).toBeUndefined();
    expect(parseUsd('1e-3')).toBeUndefined();
    expect(parseUsd(0.1)).toBeUndefined();
  });

  it('adds many small costs without floating-point drift', () => {
    let total = 0n;
    for (let i = 0; i < 1000; i++) total += tokenCostPico(1, 0.1); // 1000 x $0.0000001
    expect(formatUsd(total)).toBe('0.0001');
    expect(tokenCostPico(0, 5)).toBe(0n);
  });
});

describe('usd amounts without BigInt', () => {
  it('format every safe picodollar amount exactly as the BigInt path does', () => {
    const amounts = [
      0,
      1,
      10,
      999_999_999_999,
      1_000_000_000_000,
      1_000_000_000_001,
      1_999_999_999_999,
      2_000_000_000_000,
      12_500_000_000,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER - 1,
      9_007_199_254_740_000 - 1,
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let i = 0; i < 2000; i++) {
      const whole = Math.floor(random() * 9000);
      const near =
        random() < 0.5 ? Math.floor(random() * 1000) : 1e12 - 1 - Math.floor(random() * 1000);
      amounts.push(whole * 1e12 + near, Math.floor(random() * Number.MAX_SAFE_INTEGER));
    }
    for (const pico of amounts) {
      expect(formatUsdNumber(pico), String(pico)).toBe(formatUsd(BigInt(pico)));
    }
  });

  it('price tokens like the BigInt path', () => {
    for (const [tokens, price] of [
      [0, 2.5],
      [5, 0],
      [1_234_567, 0.075],
      [3, 0.005],
      [1000, 1.1],
    ] as const) {
      expect(BigInt(tokenCostPicoNumber(tokens, price))).toBe(tokenCostPico(tokens, price));
    }
  });
});

describe('computeCostUsd', () => {
  it('stays exact past 2^53 picodollars (BigInt then)', () => {
    const price = { input: 15, cachedInput: 7.5, output: 60 };
    const usage = { input_tokens: 1e12, output_tokens: 3e11, total_tokens: 1.3e12 };
    // 1e12 * 15 + 3e11 * 60 per million = 15,000,000 + 18,000,000 USD
    expect(computeCostUsd(usage, price)).toBe('33000000');
    expect(computeCostUsd({ ...usage, output_tokens: 3e11 + 1 }, price)).toBe('33000000.00006');
  });

  const gpt4o = { input: 2.5, cachedInput: 1.25, output: 10 };

  it('prices fresh input, cached input at the cached rate, and output', () => {
    // 1000 input of which 400 cached; 200 output: 600*2.5 + 400*1.25 + 200*10 = 1500+500+2000 = 4000 per M
    expect(
      computeCostUsd(
        { input_tokens: 1000, output_tokens: 200, total_tokens: 1200, cache_read_tokens: 400 },
        gpt4o,
      ),
    ).toBe('0.004');
  });

  it('bills reasoning tokens as output (they are part of output_tokens)', () => {
    const o4mini = tablePriceFor('o4-mini')!;
    const withReasoning = computeCostUsd(
      {
        input_tokens: 0,
        output_tokens: 1_000_000,
        total_tokens: 1_000_000,
        reasoning_tokens: 900_000,
      },
      o4mini,
    );
    expect(withReasoning).toBe('4.4');
  });

  it('never goes negative when the cached count exceeds the input', () => {
    expect(
      computeCostUsd(
        { input_tokens: 10, output_tokens: 0, total_tokens: 10, cache_read_tokens: 50 },
        gpt4o,
      ),
    ).toBe('0.0000125');
  });
});

describe('pricing table', () => {
  it('is dated', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('covers the GPT-4o, 4.1, 5 and o-series families Azure sells', () => {
    for (const family of [
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-5',
      'gpt-5-mini',
      'o3',
      'o4-mini',
    ]) {
      expect(PRICING_TABLE[family], family).toBeDefined();
    }
    for (const price of Object.values(PRICING_TABLE)) {
      expect(price.cachedInput).toBeLessThanOrEqual(price.input);
      expect(price.output).toBeGreaterThan(0);
    }
  });

  it('matches exact names and dated versions only', () => {
    expect(tablePriceFor('GPT-4o-2024-11-20')).toBe(PRICING_TABLE['gpt-4o']);
    expect(tablePriceFor('o3-mini-2025-01-31')).toBe(PRICING_TABLE['o3-mini']);
    expect(tablePriceFor('gpt-5.4-pro')).toBeUndefined();
    expect(tablePriceFor('gpt-4o-realtime')).toBeUndefined();
    expect(tablePriceFor('toString')).toBeUndefined();
    expect(tablePriceFor(undefined)).toBeUndefined();
  });
});
