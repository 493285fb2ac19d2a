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
  const decoder = new TextDecoder();
  let text = '';
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
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    clearTimeout(timer);
  }
}
