/**
 * Tool call arguments on the gRPC wire. A call whose arguments the model sent as text that is not
 * a JSON object (cut off, or not JSON) travels with that raw text in `arguments_json` /
 * `input_json`, never as `{}`: a kernel that decodes the field gets the same parse error the
 * provider got, instead of running the tool with empty arguments the model never sent.
 */

/** What a native tool call or tool-call block says about its arguments. */
export interface NativeToolArguments {
  arguments: Record<string, unknown>;
  raw_arguments?: string | undefined;
  parse_error?: string | undefined;
}

/** The `arguments_json` / `input_json` text of a native call: the raw text when it did not decode. */
export function toolArgumentsToProto(
  args: Record<string, unknown> | undefined,
  raw: string | undefined,
  parseError: string | undefined,
): string {
  if (parseError !== undefined && typeof raw === 'string') return raw;
  return JSON.stringify(args ?? {});
}

/**
 * Decodes `arguments_json` / `input_json`: a JSON object as it is, empty text as `{}`, anything
 * else as `{}` with the raw text and why it did not decode (never an exception: one bad call must
 * not fail the whole message).
 */
export function toolArgumentsToNative(text: string | undefined): NativeToolArguments {
  if (text === undefined || text.trim() === '') return { arguments: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      arguments: {},
      raw_arguments: text,
      parse_error: `arguments are not valid JSON: ${reason}`,
    };
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return { arguments: parsed as Record<string, unknown> };
  }
  const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
  return {
    arguments: {},
    raw_arguments: text,
    parse_error: `arguments must be a JSON object, got ${kind}`,
  };
}
