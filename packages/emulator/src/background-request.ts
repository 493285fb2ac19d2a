import { type ErrorAnswer, invalidRequest } from './azure-errors.js';

/**
 * Azure's rules for `background: true`: the response must be stored (it is polled by id), and the
 * emulator serves background responses by polling only (not as a stream). `background` itself must
 * be a boolean.
 */
export function checkBackgroundRequest(body: Record<string, unknown>): ErrorAnswer | undefined {
  const { background } = body;
  if (background === undefined || background === null || background === false) return undefined;
  if (background !== true) {
    return invalidRequest(
      `Invalid type for 'background': expected a boolean, but got ${typeof background} instead.`,
      'background',
      'invalid_type',
    );
  }
  if (body.store === false) {
    return invalidRequest(
      'Background mode requires store to be true: a background response is stored so it can be retrieved by id.',
      'store',
      'invalid_value',
    );
  }
  if (body.stream === true) {
    return invalidRequest(
      'The emulator serves background responses by polling (GET /responses/{id}) only; send stream: false.',
      'stream',
      'unsupported_value',
    );
  }
  return undefined;
}
