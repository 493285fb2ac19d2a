/** Result of decoding a tool call's JSON arguments. */
export interface DecodedArguments {
  /** The decoded object; `{}` when the text was empty or could not be decoded. */
  value: Record<string, unknown>;
  /** Why the text could not be decoded into an object, when it could not. */
  error?: string | undefined;
}

const OPEN_BRACE = 0x7b;

/**
 * Decodes JSON-encoded tool arguments into an object without ever throwing. Empty or
 * whitespace-only text is `{}` (models send that for argument-less tools); text that is not JSON,
 * or JSON that is not an object, gives `{}` plus an error message.
 */
export function decodeArguments(text: string): DecodedArguments {
  // Text starting with `{` (the usual case) is not blank: skip the trimmed copy.
  if (text.charCodeAt(0) !== OPEN_BRACE && text.trim() === '') return { value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { value: {}, error: `arguments are not valid JSON: ${reason}` };
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return { value: parsed as Record<string, unknown> };
  }
  const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
  return { value: {}, error: `arguments must be a JSON object, got ${kind}` };
}
