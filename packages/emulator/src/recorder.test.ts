import { describe, expect, it } from 'vitest';
import { maskHeaders, maskSecret, Recorder } from './recorder.js';

describe('maskHeaders', () => {
  it('masks api-key, authorization and x-identity-header', () => {
    const masked = maskHeaders({
      'API-Key': 'secret-key-1234567890',
      authorization: 'Bearer eyJhbGciOi.payload.signature-abcd',
      'x-identity-header': 'short',
      'content-type': 'application/json',
    });
    expect(masked).toEqual({
      'api-key': '***7890',
      authorization: 'Bearer ***abcd',
      'x-identity-header': '***',
      'content-type': 'application/json',
    });
    expect(maskSecret('abc')).toBe('***');
  });
});

describe('Recorder', () => {
  it('keeps at most max entries and numbers them', () => {
    const recorder = new Recorder(2);
    const base = {
      method: 'POST',
      path: '/openai/v1/responses',
      query: {},
      headers: {},
      body: undefined,
      surface: 'v1' as const,
      auth: 'api-key' as const,
      timestamp: 0,
      status: 200,
      faults: [],
      requestId: 'r',
      stream: false,
    };
    recorder.add(base);
    recorder.add(base);
    recorder.add({ ...base, path: '/msi/token' });
    expect(recorder.requests.map(r => r.seq)).toEqual([2, 3]);
    expect(recorder.responsesRequests()).toHaveLength(1);
    expect(recorder.last()?.path).toBe('/msi/token');
    recorder.clear();
    expect(recorder.requests).toEqual([]);
  });
});
