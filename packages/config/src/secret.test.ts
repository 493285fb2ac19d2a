import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REDACTED, Secret, typeOfValue } from './secret.js';

const VALUE = 'sk-live-0123456789abcdef';

describe('Secret', () => {
  it('reveals the value only through reveal()', () => {
    expect(new Secret(VALUE).reveal()).toBe(VALUE);
  });

  it('prints [REDACTED] in toString, template literals and String()', () => {
    const secret = new Secret(VALUE);
    expect(secret.toString()).toBe(REDACTED);
    expect(`${secret}`).toBe(REDACTED);
    expect(String(secret)).toBe(REDACTED);
    expect(`${secret}`).not.toContain(VALUE);
  });

  it('prints [REDACTED] in JSON.stringify, alone and nested', () => {
    const secret = new Secret(VALUE);
    expect(JSON.stringify(secret)).toBe(`"${REDACTED}"`);
    expect(JSON.stringify({ nested: { secret } })).not.toContain(VALUE);
  });

  it('prints [REDACTED] in util.inspect and console-style formatting, even with showHidden', () => {
    const secret = new Secret(VALUE);
    expect(inspect(secret)).toBe(REDACTED);
    expect(
      inspect({ secret }, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    ).not.toContain(VALUE);
    expect(format('%s %o %O %j', secret, secret, secret, secret)).not.toContain(VALUE);
  });

  it('has no enumerable or own property holding the value', () => {
    const secret = new Secret(VALUE);
    expect(Object.keys(secret)).toEqual([]);
    expect(Object.getOwnPropertyNames(secret)).toEqual([]);
    expect(Object.values(secret)).toEqual([]);
    expect({ ...secret }).toEqual({});
  });

  it('is frozen', () => {
    expect(Object.isFrozen(new Secret(VALUE))).toBe(true);
  });

  it('rejects a non-string value naming the type, not the value', () => {
    expect(() => new Secret(12345678 as unknown as string)).toThrow(
      'Secret value must be a string, received a number',
    );
    try {
      new Secret({ key: VALUE } as unknown as string);
    } catch (error) {
      expect(String(error)).not.toContain(VALUE);
    }
  });

  it('isInstance recognises secrets, including another copy marked with the shared symbol', () => {
    expect(Secret.isInstance(new Secret(VALUE))).toBe(true);
    expect(Secret.isInstance({ reveal: () => VALUE })).toBe(false);
    expect(Secret.isInstance(null)).toBe(false);
    expect(Secret.isInstance(VALUE)).toBe(false);
    const foreign = { [Symbol.for('amplifier-azure-openai.secret')]: true };
    expect(Secret.isInstance(foreign)).toBe(true);
  });
});

describe('typeOfValue', () => {
  it.each([
    ['x', 'a string'],
    [1, 'a number'],
    [true, 'a boolean'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [{}, 'a table/object'],
    [new Date(0), 'a date'],
    [10n, 'a bigint'],
  ])('%o -> %s', (value, expected) => {
    expect(typeOfValue(value)).toBe(expected);
  });
});
