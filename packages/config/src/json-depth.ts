/**
 * The deepest nesting of JSON objects and arrays accepted in tool schemas, tool arguments, the
 * CLI's `--tools` file and the gRPC JSON fields (`parameters_json`, `input_json`, ...): 64.
 * Real schemas stay far below; deeper documents are refused as bad input before anything walks
 * them recursively (which would overflow the stack).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of JSON text (objects and arrays; strings are skipped, escapes honoured),
 * found in one pass without parsing, stopping as soon as it passes `limit`.
 *
 * @returns the depth (`limit + 1` at most).
 */
export function jsonTextDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return deepest;
}

/**
 * The nesting depth of a JavaScript value made of plain objects and arrays (what `JSON.parse`
 * returns), walked without recursion, stopping as soon as it passes `limit`. Scalars are depth 0.
 */
export function jsonValueDepth(value: unknown, limit: number = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (seen.has(current)) continue;
    seen.add(current);
    const here = depth + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > limit) return deepest;
    }
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) stack.push([child, here]);
  }
  return deepest;
}
