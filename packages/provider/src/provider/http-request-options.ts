import { CLIENT_REQUEST_ID_HEADER } from '../client/client-request-ids.js';
import { requestExtraHeaders } from '../request/request-options.js';
import type { ChatRequest } from '../types.js';
import type { ProviderContext } from './provider-context.js';

/** The SDK request options of one HTTP request. */
export interface HttpRequestOptions {
  headers: Record<string, string>;
  signal?: AbortSignal;
  timeout?: number;
}

/**
 * The SDK request options of one HTTP request: gateway headers, then the credential's headers
 * (which win; remembered by the scrubber), the client request id, the call's signal and a
 * per-request `timeout` (seconds in the request, ms for the SDK).
 */
export async function httpRequestOptions(
  context: Pick<ProviderContext, 'config' | 'auth' | 'scrubber'>,
  request: ChatRequest,
  signal: AbortSignal | undefined,
  clientRequestId: string,
): Promise<HttpRequestOptions> {
  const extraHeaders = requestExtraHeaders(request, context.config);
  const authHeaders = await context.auth.getAuthHeaders(
    signal === undefined ? undefined : { signal },
  );
  context.scrubber.remember(authHeaders);
  // The credential's headers win over gateway headers.
  const headers = extraHeaders === undefined ? authHeaders : { ...extraHeaders, ...authHeaders };
  headers[CLIENT_REQUEST_ID_HEADER] = clientRequestId;
  const options: HttpRequestOptions = { headers };
  if (signal !== undefined) options.signal = signal;
  if (typeof request.timeout === 'number' && request.timeout > 0) {
    options.timeout = Math.round(request.timeout * 1000);
  }
  return options;
}
