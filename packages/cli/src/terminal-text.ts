// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with control characters other than line feed (C0, DEL, C1: ESC sequences, CR, NUL...)
 * written as visible escapes (`\r`, `\t`, `\u001b`), so a value echoed in a message (a deployment
 * name, a flag value) cannot move the cursor, recolour the terminal or hide text.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(CONTROL, character => {
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `U+000A`-style name of the first control character in `text` (line feed included), or undefined. */
export function firstControlCharacter(text: string): string | undefined {
  const match = ANY_CONTROL.exec(text);
  return match === null
    ? undefined
    : `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
