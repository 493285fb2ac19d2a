/**
 * What a stored response was asked and said, kept so that a request chained to it with
 * `previous_response_id` and no new user message (a continuation of an answer cut off at
 * `max_output_tokens`) goes on where it stopped.
 */
export interface StoredTranscript {
  /** The user text the answer replied to. */
  userText: string;
  /** Everything the answer said so far (over all its continuations). */
  said: string;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(word => word !== '');
}

/**
 * The rest of `full` once the words of `said` were said, or `undefined` when `said` is empty or
 * not the start of `full` (then the request is not a continuation). Words are compared, so a cut
 * in the middle of the whitespace does not matter.
 */
export function remainingText(full: string, said: string): string | undefined {
  const done = words(said);
  if (done.length === 0) return undefined;
  const all = words(full);
  if (done.length > all.length) return undefined;
  for (let i = 0; i < done.length; i += 1) if (all[i] !== done[i]) return undefined;
  return all.slice(done.length).join(' ');
}

/** The text of the message items of a response's output. */
export function outputText(output: readonly unknown[]): string {
  let text = '';
  for (const item of output) {
    if (typeof item !== 'object' || item === null) continue;
    const { type, content } = item as { type?: unknown; content?: unknown };
    if (type !== 'message' || !Array.isArray(content)) continue;
    for (const part of content) {
      const value = (part as { text?: unknown } | null)?.text;
      if (typeof value === 'string') text += value;
    }
  }
  return text;
}
