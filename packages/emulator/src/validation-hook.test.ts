import { describe, expect, it } from 'vitest';
import { runValidator, toParam } from './validation-hook.js';

describe('runValidator', () => {
  it('accepts true, undefined, null and valid results', () => {
    expect(runValidator(() => true, {})).toBeUndefined();
    expect(runValidator(() => undefined, {})).toBeUndefined();
    expect(runValidator(() => ({ valid: true, errors: [] }), {})).toBeUndefined();
  });

  it('names the first failing field', () => {
    const answer = runValidator(
      () => ({
        valid: false,
        errors: [
          { path: '/input/0/content', message: 'must be string' },
          { path: '/x', message: 'y' },
        ],
      }),
      {},
    );
    expect(answer?.status).toBe(400);
    expect(answer?.body).toEqual({
      error: {
        message: "Invalid request: 'input[0].content' must be string (and 1 more problem(s))",
        type: 'invalid_request_error',
        param: 'input[0].content',
        code: 'invalid_value',
      },
    });
  });

  it('handles false, strings and throwing validators', () => {
    expect(runValidator(() => false, {})?.status).toBe(400);
    expect(runValidator(() => 'bad body', {})?.body).toMatchObject({ error: { param: null } });
    const thrown = runValidator(() => {
      throw Object.assign(new Error('nope'), { param: 'tools' });
    }, {});
    expect(thrown?.body).toMatchObject({
      error: { param: 'tools', message: "Invalid request: 'tools' nope" },
    });
  });

  it('converts paths', () => {
    expect(toParam('/reasoning/effort')).toBe('reasoning.effort');
    expect(toParam('tools.1.name')).toBe('tools[1].name');
  });
});
