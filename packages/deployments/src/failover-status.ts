/**
 * True when an HTTP status from a deployment should move the request to the next deployment of
 * the failover plan (after that deployment's own retry budget): 429 (throttled) or any 5xx.
 * Everything else (400, 401, 403, 404, content filter...) would fail the same way elsewhere.
 *
 * @example isFailoverStatus(429) // true
 * @example isFailoverStatus(503) // true
 * @example isFailoverStatus(400) // false
 */
export function isFailoverStatus(status: number | undefined): boolean {
  if (typeof status !== 'number' || !Number.isInteger(status)) return false;
  return status === 429 || (status >= 500 && status <= 599);
}
