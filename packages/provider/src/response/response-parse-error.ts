import { AzureOpenAIError, type AzureOpenAIErrorOptions } from '../errors/azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.response-parse';
const SYMBOL = Symbol.for(MARKER);

/** The fix of an answer that is not what the Responses API sends (HTML, not JSON, no event stream). */
export const UNEXPECTED_ANSWER_FIX =
  'Check that azure_endpoint is the Azure OpenAI resource itself and that no proxy or gateway in between rewrites its answers.';

/** Constructor options of {@link ResponseParseError}. */
export interface ResponseParseErrorOptions extends Omit<AzureOpenAIErrorOptions, 'code'> {
  /** Where in the payload the problem is, as a JSON path (`output`, `output[2].content`). */
  path: string;
  /** The Responses response id, when the payload had one. */
  responseId?: string | undefined;
}

/**
 * Azure's answer could not be understood as a Responses API response (not an object, no
 * `output` list, an unfinished status, ...). `path` says where; `code` is
 * `response_parse_error`. Item-level oddities never raise this: unknown or malformed output
 * items are kept in `metadata.unknown_output_items` instead.
 */
export class ResponseParseError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** Where in the payload the problem is. */
  readonly path: string;
  /** The Responses response id, when the payload had one. */
  readonly responseId: string | undefined;

  /** @param options - message and context; see {@link ResponseParseErrorOptions}. */
  constructor(options: ResponseParseErrorOptions) {
    super({ retryable: false, ...options, code: 'response_parse_error' });
    this.name = 'ResponseParseError';
    this.path = options.path;
    this.responseId = options.responseId;
  }

  /** True when `value` is a {@link ResponseParseError} from any copy of this package. */
  static override isInstance(value: unknown): value is ResponseParseError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), path: this.path, responseId: this.responseId };
  }
}
