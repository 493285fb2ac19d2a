import type { EventSink } from '@amplifier-azure-openai/provider';

/**
 * An event sink that prints the answer as the provider streams it, driven by the provider's
 * `llm:stream_block_delta` events (the events Amplifier's streaming display consumes): the
 * fragments of `text` blocks go to `write`; thinking fragments and tool blocks are not printed.
 */
export function streamDisplaySink(write: (text: string) => void): EventSink {
  return {
    emit(event, payload) {
      if (event !== 'llm:stream_block_delta' || payload.block_type !== 'text') return;
      if (typeof payload.text === 'string' && payload.text !== '') write(payload.text);
    },
  };
}

/** One sink sending every event to each of `sinks` in turn (`undefined` entries skipped). */
export function combineSinks(...sinks: Array<EventSink | undefined>): EventSink | undefined {
  const present = sinks.filter((sink): sink is EventSink => sink !== undefined);
  if (present.length <= 1) return present[0];
  return {
    async emit(event, payload) {
      for (const sink of present) await sink.emit(event, payload);
    },
  };
}
