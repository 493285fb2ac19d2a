import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { httpRequestOptions } from './http-request-options.js';

describe('httpRequestOptions', () => {
  it('sends the credential, the client request id, and a per-request timeout in ms', async () => {
    const { context } = testContext([]);
    const options = await httpRequestOptions(
      context,
      { messages: [], timeout: 2.5 },
      undefined,
      'crid-1',
    );
    expect(options.headers['api-key']).toBe('unit-key-123456');
    expect(options.headers['x-ms-client-request-id']).toBe('crid-1');
    expect(options.timeout).toBe(2500);
    expect(options).not.toHaveProperty('signal');
  });

  it('passes the signal and leaves the timeout to the client without one in the request', async () => {
    const { context } = testContext([]);
    const signal = new AbortController().signal;
    const options = await httpRequestOptions(context, { messages: [] }, signal, 'crid-2');
    expect(options.signal).toBe(signal);
    expect(options).not.toHaveProperty('timeout');
  });
});
