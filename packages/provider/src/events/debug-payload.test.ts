import { describe, expect, it } from 'vitest';
import { toDebugPayload } from './debug-payload.js';
import { toUsageEventPayload } from './usage-payload.js';

describe('toDebugPayload', () => {
  it('redacts credential-named keys at any depth without mutating the input', () => {
    const input = {
      headers: { 'api-key': 'k-secret', Authorization: 'Bearer t-secret' },
      nested: [{ access_token: 'tok', keep: 'visible' }],
      model: 'dep',
    };
    const output = toDebugPayload(input) as typeof input;
    expect(JSON.stringify(output)).not.toMatch(/k-secret|t-secret|"tok"/);
    expect(output.headers['api-key']).toBe('[REDACTED]');
    expect(output.nested[0]!.keep).toBe('visible');
    expect(input.headers['api-key']).toBe('k-secret');
  });

  it('truncates long strings and arrays, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { text: 'x'.repeat(30), list: [1, 2, 3, 4] };
    cyclic.self = cyclic;
    const output = toDebugPayload(cyclic, { maxStringLength: 10, maxArrayLength: 2 }) as Record<
      string,
      unknown
    >;
    expect(output.text).toBe(`${'x'.repeat(10)}...[+20 chars]`);
    expect(output.list).toEqual([1, 2, '...[+2 items]']);
    expect(output.self).toBe('[Circular]');
  });
});

describe('toUsageEventPayload', () => {
  it('uses exactly the normative keys, cache keys only when non-zero', () => {
    expect(
      toUsageEventPayload({
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        reasoning_tokens: 2,
      }),
    ).toEqual({ input_tokens: 10, output_tokens: 5 });
    expect(
      toUsageEventPayload({
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        cache_read_tokens: 4,
        cache_write_tokens: 0,
      }),
    ).toEqual({ input_tokens: 10, output_tokens: 5, cache_read_tokens: 4 });
    expect(toUsageEventPayload(undefined)).toEqual({ input_tokens: 0, output_tokens: 0 });
  });
});
