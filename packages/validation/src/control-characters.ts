// C0 controls (NUL, CR, LF, ESC...), DEL and C1 controls: never valid in a key, token or name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_GLOBAL = /[\u0000-\u001f\u007f-\u009f]/g;

const NAMES: Readonly<Record<number, string>> = {
  0: 'NUL',
  9: 'tab',
  10: 'line feed',
  13: 'carriage return',
  27: 'escape',
  127: 'DEL',
};

/**
 * Describes the first control character (C0, DEL or C1) in `text`, e.g. `U+000A (line feed)`,
 * or returns `undefined` when there is none. The description never includes the text itself.
 */
export function findControlCharacter(text: string): string | undefined {
  const match = CONTROL.exec(text);
  if (match === null) return undefined;
  const code = match[0].charCodeAt(0);
  const name = NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name === undefined ? '' : ` (${name})`}`;
}

/**
 * `text` with every control character (C0, DEL, C1) written as a visible escape (`\n`, `\r`, `\t`,
 * `\u001b`, ...), so a value echoed to a terminal cannot move the cursor, recolour it or hide text.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_GLOBAL, character => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
