import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.stream-interrupted';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link StreamInterruptedError}. */
export interface StreamInterruptedErrorOptions extends AzureOpenAIErrorOptions {
  /** How many stream events had arrived before the interruption. */
  receivedEvents?: number | undefined;
}

/**
 * A streamed answer stopped before Azure said it was complete (connection dropped, or the stream
 * ended without `response.completed`). The partial answer is never reported as a complete one;
 * `receivedEvents` says how far it got.
 */
export class StreamInterruptedError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** How many stream events had arrived before the interruption. */
  readonly receivedEvents: number;

  /** @param options - message and context; see {@link StreamInterruptedErrorOptions}. */
  constructor(options: StreamInterruptedErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'StreamInterruptedError';
    this.receivedEvents = options.receivedEvents ?? 0;
  }

  /** True when `value` is a {@link StreamInterruptedError} from any copy of this package. */
  static override isInstance(value: unknown): value is StreamInterruptedError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), receivedEvents: this.receivedEvents };
  }
}
