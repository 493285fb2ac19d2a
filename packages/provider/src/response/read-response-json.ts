import { redactText } from '@amplifier-azure-openai/auth';
import { TimeoutError } from '../errors/timeout-error.js';
import { readBodyText } from './read-body-text.js';
import { ResponseParseError, UNEXPECTED_ANSWER_FIX } from './response-parse-error.js';

/** What {@link readResponseJson} names in its error. */
export interface ReadResponseJsonContext {
  /** The Azure deployment the request went to. */
  deployment: string;
  /** The model the caller asked for. */
  model: string;
  /** Azure's request id of the response. */
  requestId?: string | undefined;
  /**
   * The credential headers the request was sent with (`api-key`, `authorization`): their values
   * are cut out of any quoted body (a proxy may echo the request).
   */
  credentialHeaders?: Readonly<Record<string, string>> | undefined;
  /**
   * When the call's time is up (epoch ms): a body still arriving then is cancelled and the read
   * rejects with a {@link TimeoutError}. Default: no bound.
   */
  deadline?: number | undefined;
  /** The call's timeout in seconds, named in the {@link TimeoutError}. */
  timeoutSeconds?: number | undefined;
}

/** How much of an unreadable body an error quotes. */
const QUOTED_CHARS = 120;

/**
 * Reads a successful HTTP answer's body as JSON. The provider reads it itself instead of through
 * the SDK's parsed result: same bytes and the same `JSON.parse`, without the SDK's per-call
 * wrapping it does not need.
 *
 * @throws ResponseParseError when the body is empty or not valid JSON; the message names the
 * status and content type and quotes the start of the body (credentials cut out).
 * @throws TimeoutError when the body is not complete by `context.deadline`.
 */
export async function readResponseJson(
  http: Response,
  context: ReadResponseJsonContext,
): Promise<unknown> {
  const text = await readBodyText(
    http,
    context.deadline,
    () =>
      new TimeoutError({
        code: 'body_timeout',
        message: `Azure OpenAI sent the headers but not the whole answer within ${
          context.timeoutSeconds === undefined ? 'the timeout' : `${context.timeoutSeconds} s`
        } (deployment '${context.deployment}'); the body was cancelled.`,
        fix: 'Raise `timeout` (seconds) in the provider config, or retry; a proxy that buffers or throttles the answer can cause this.',
        deployment: context.deployment,
        model: context.model,
        requestId: context.requestId,
      }),
  );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const contentType = http.headers.get('content-type') ?? 'no content type';
    const quoted = quoteBody(text, context.credentialHeaders);
    throw new ResponseParseError({
      message: `Azure OpenAI answered HTTP ${http.status} (${contentType}) with a body that is not JSON: ${quoted}.`,
      path: '',
      deployment: context.deployment,
      model: context.model,
      requestId: context.requestId,
      fix: UNEXPECTED_ANSWER_FIX,
    });
  }
}

/** The start of a body for an error message, with the request's credentials replaced. */
function quoteBody(text: string, credentialHeaders: ReadResponseJsonContext['credentialHeaders']) {
  if (text.length === 0) return 'an empty body';
  const secrets = Object.values(credentialHeaders ?? {}).map(value =>
    value.replace(/^bearer\s+/i, ''),
  );
  const safe = redactText(text, secrets);
  const start = safe.slice(0, QUOTED_CHARS).replace(/\s+/g, ' ');
  return `"${start}${safe.length > QUOTED_CHARS ? '...' : ''}"`;
}
