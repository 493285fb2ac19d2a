import { describe, expect, it } from 'vitest';
import { mapTools } from './tools.js';

describe('mapTools: schema depth', () => {
  it('refuses a schema nested deeper than 64 levels with a typed InvalidRequestError', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 20_000; level++) schema = { type: 'array', items: schema };
    let caught: unknown;
    try {
      mapTools([{ name: 'deep', parameters: schema }]);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).name).toBe('InvalidRequestError');
    expect((caught as Error).message).toContain('more than 64 levels');
    expect((caught as { param?: string }).param).toBe('tools[0].parameters');
  });

  it('accepts an ordinary nested schema', () => {
    const tools = mapTools([
      {
        name: 'ok',
        parameters: {
          type: 'object',
          properties: { a: { type: 'array', items: { type: 'string' } } },
        },
      },
    ]);
    expect(tools[0]?.name).toBe('ok');
  });
});
