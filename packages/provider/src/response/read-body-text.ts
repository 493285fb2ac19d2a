/**
 * Reads a response body as text, cancelling it (and so the connection) when `deadline` (epoch
 * ms) passes first: then rejects with `timedOut()`. The `openai` SDK's timeout stops at the
 * headers; this bounds the body of a non-streaming answer that stalls or trickles.
 */
export async function readBodyText(
  http: Response,
  deadline: number | undefined,
  timedOut: () => Error,
): Promise<string> {
  if (deadline === undefined || http.body === null) return http.text();
  const reader = http.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let expired = false;
  const timer = setTimeout(
    () => {
      expired = true;
      reader.cancel().catch(() => {});
    },
    Math.max(0, deadline - Date.now()),
  );
  try {
    for (;;) {
      const chunk = await reader.read().catch((error: unknown) => {
        if (expired) return { done: true as const, value: undefined };
        throw error;
      });
      if (expired) throw timedOut();
      if (chunk.done) break;
      chunks.push(chunk.value);
      length += chunk.value.byteLength;
    }
    return decode(chunks, length);
  } finally {
    clearTimeout(timer);
  }
}

function decode(chunks: readonly Uint8Array[], length: number): string {
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}
