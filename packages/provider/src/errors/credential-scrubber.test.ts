import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCredentialScrubber } from './credential-scrubber.js';

const KEY = 'scrubber-key-0123456789';

describe('createCredentialScrubber', () => {
  it('returns values without credentials as they are (no copy), and copies the others', () => {
    const scrubber = createCredentialScrubber([KEY, undefined, 'short']);
    const clean = { a: 'x', list: [1, 'y'] };
    expect(scrubber.value(clean)).toBe(clean);
    const dirty = { a: `k=${KEY}`, list: [{ b: KEY }], short: 'short' };
    expect(scrubber.value(dirty)).toEqual({
      a: 'k=[REDACTED]',
      list: [{ b: '[REDACTED]' }],
      short: 'short',
    });
    expect(dirty.a).toContain(KEY);
  });

  it('remembers per-request credentials, the most recent few', () => {
    const scrubber = createCredentialScrubber([]);
    for (let index = 0; index < 20; index++) {
      scrubber.remember({ authorization: `Bearer token-number-${index}-abcdef` });
    }
    expect(scrubber.text('token-number-19-abcdef')).toBe('[REDACTED]');
    expect(scrubber.text('token-number-0-abcdef')).toBe('token-number-0-abcdef');
  });

  it('scrubs an error in place: message, stack, fields, headers and the cause chain', () => {
    const scrubber = createCredentialScrubber([KEY]);
    const root = Object.assign(new Error(`root ${KEY}`), {
      headers: new Headers({ 'x-echo': KEY, 'api-key': 'whatever-value' }),
      error: { message: KEY },
    });
    const outer = new Error(`outer ${KEY}`, { cause: new AggregateError([root], KEY) });
    scrubber.error(outer);
    const text = inspect(outer, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('whatever-value');
    expect(outer.message).toBe('outer [REDACTED]');
    expect(root.headers.get('x-echo')).toBe('[REDACTED]');
  });
});
