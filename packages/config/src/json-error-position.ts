class StopScan extends Error {}

/**
 * Finds where `JSON.parse` fails in `text` (Node's messages do not always give a position and may
 * echo the text, which can hold a secret). Returns the 0-based offset, or -1 when `text` is valid.
 */
export function findJsonErrorOffset(text: string): number {
  let index = 0;
  const fail = (): never => {
    throw new StopScan();
  };
  const skipWhitespace = () => {
    while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index++;
  };
  const expect = (character: string) => {
    if (text.charAt(index) !== character) fail();
    index++;
  };
  const scanString = () => {
    expect('"');
    for (;;) {
      if (index >= text.length) fail();
      const character = text.charAt(index);
      if (character === '"') {
        index++;
        return;
      }
      if (character.charCodeAt(0) < 0x20) fail();
      if (character === '\\') {
        index++;
        const escaped = text.charAt(index);
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 1, index + 5))) fail();
          index += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escaped) || escaped === '') fail();
      }
      index++;
    }
  };
  const scanLiteral = (word: string) => {
    for (const character of word) expect(character);
  };
  const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const scanValue = (): void => {
    skipWhitespace();
    const character = text.charAt(index);
    if (character === '{') {
      index++;
      skipWhitespace();
      if (text.charAt(index) === '}') {
        index++;
        return;
      }
      for (;;) {
        skipWhitespace();
        scanString();
        skipWhitespace();
        expect(':');
        scanValue();
        skipWhitespace();
        if (text.charAt(index) === ',') {
          index++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (character === '[') {
      index++;
      skipWhitespace();
      if (text.charAt(index) === ']') {
        index++;
        return;
      }
      for (;;) {
        scanValue();
        skipWhitespace();
        if (text.charAt(index) === ',') {
          index++;
          continue;
        }
        expect(']');
        return;
      }
    }
    const literal = { t: 'true', f: 'false', n: 'null' }[character];
    if (character === '"') {
      scanString();
      return;
    }
    if (literal !== undefined) {
      scanLiteral(literal);
      return;
    }
    numberPattern.lastIndex = index;
    const match = numberPattern.exec(text);
    if (!match || match[0] === '') fail();
    index = numberPattern.lastIndex;
  };
  try {
    scanValue();
    skipWhitespace();
    if (index < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof StopScan) return index;
    throw error;
  }
}

/** 1-based line and column of a 0-based offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
