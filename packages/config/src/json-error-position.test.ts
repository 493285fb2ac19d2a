import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset, lineAndColumn } from './json-error-position.js';

describe('findJsonErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\"y\\u00e9"], "b": {}} ',
    '"text"',
    '0',
  ])('returns -1 for valid JSON %s', text => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonErrorOffset(text)).toBe(-1);
  });

  it.each([
    ['{"a": sk-123}', 6],
    ['{"a": 1,\n}', 9],
    ['{"a": 1', 7],
    ['', 0],
    ['{"a": 1} x', 9],
    ["{'a': 1}", 1],
    ['[1, 2,]', 6],
    ['{"a": "line\nbreak"}', 11],
    ['{"a": 01}', 7],
    ['{"a": tru}', 9],
    ['{"a" 1}', 5],
    ['{"a": "\\x"}', 8],
  ])('finds the error in %j at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonErrorOffset(text)).toBe(offset);
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 2, 2, 1],
    ['a\nbc\n', 5, 3, 1],
  ])('%j at %i -> %i:%i', (text, offset, line, column) => {
    expect(lineAndColumn(text, offset)).toEqual({ line, column });
  });
});
