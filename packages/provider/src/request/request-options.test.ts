import { Secret } from '@amplifier-azure-openai/config';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { ChatRequest } from '../types.js';
import { applyRequestOptions, perRequestOption, requestExtraHeaders } from './request-options.js';

const hi: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };
const NONE: ReadonlySet<string> = new Set();

function apply(request: ChatRequest, config = {}, body: Record<string, unknown> = {}) {
  applyRequestOptions(body, request, config, NONE);
  return body;
}

function thrown(fn: () => unknown): InvalidRequestError {
  try {
    fn();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('applyRequestOptions', () => {
  it('sends nothing by default', () => {
    expect(apply(hi)).toEqual({});
  });

  it('sends the configured options', () => {
    expect(
      apply(
        hi,
        {
          promptCacheKey: 'k',
          promptCacheRetention: '24h',
          safetyIdentifier: 's',
          truncation: 'auto',
          serviceTier: 'flex',
          textVerbosity: 'low',
          extraBody: { user: 'u' },
        },
        { text: { format: { type: 'json_object' } } },
      ),
    ).toEqual({
      prompt_cache_key: 'k',
      prompt_cache_retention: '24h',
      safety_identifier: 's',
      truncation: 'auto',
      service_tier: 'flex',
      text: { format: { type: 'json_object' }, verbosity: 'low' },
      user: 'u',
    });
  });

  it('takes per-request values from the request, then its metadata, over the config', () => {
    const request = {
      ...hi,
      prompt_cache_key: 'own',
      metadata: { prompt_cache_key: 'meta', service_tier: 'priority', verbosity: 'high' },
    } as ChatRequest;
    expect(apply(request, { promptCacheKey: 'config', serviceTier: 'auto' })).toEqual({
      prompt_cache_key: 'own',
      service_tier: 'priority',
      text: { verbosity: 'high' },
    });
    expect(
      perRequestOption({ ...hi, metadata: { safety_identifier: '' } }, 'safety_identifier'),
    ).toBe(undefined);
  });

  it('sends parallel_tool_calls only with tools, and keeps the request field', () => {
    expect(apply(hi, { parallelToolCalls: false })).toEqual({});
    expect(apply(hi, { parallelToolCalls: false }, { tools: [] })).toMatchObject({
      parallel_tool_calls: false,
    });
    expect(
      apply(hi, { parallelToolCalls: false }, { tools: [], parallel_tool_calls: true }),
    ).toMatchObject({ parallel_tool_calls: true });
  });

  it('leaves out parameters the deployment rejected before', () => {
    const body: Record<string, unknown> = {};
    applyRequestOptions(
      body,
      hi,
      { serviceTier: 'flex', promptCacheKey: 'k' },
      new Set(['service_tier']),
    );
    expect(body).toEqual({ prompt_cache_key: 'k' });
  });

  it('refuses bad per-request values with the parameter named', () => {
    expect(thrown(() => apply({ ...hi, metadata: { service_tier: 'gold' } })).param).toBe(
      'service_tier',
    );
    expect(
      thrown(() => apply({ ...hi, metadata: { prompt_cache_key: 'x'.repeat(65) } })).param,
    ).toBe('prompt_cache_key');
    expect(thrown(() => apply({ ...hi, metadata: { extra_body: { model: 'x' } } })).param).toBe(
      'extra_body.model',
    );
    expect(thrown(() => apply({ ...hi, metadata: { extra_body: 'x' } })).fix).toContain(
      'extra_body',
    );
    expect(
      thrown(() => apply({ ...hi, metadata: { parallel_tool_calls: 'yes' } }, {}, { tools: [] }))
        .param,
    ).toBe('parallel_tool_calls');
  });
});

describe('requestExtraHeaders', () => {
  it('is undefined without extra headers', () => {
    expect(requestExtraHeaders(hi, {})).toBeUndefined();
  });

  it('reveals configured headers; the request wins', () => {
    expect(
      requestExtraHeaders(
        { ...hi, metadata: { extra_headers: { 'x-b': '2', 'x-a': 'request' } } },
        { extraHeaders: { 'x-a': new Secret('config') } },
      ),
    ).toEqual({ 'x-a': 'request', 'x-b': '2' });
  });

  it('refuses credential headers and malformed values per request', () => {
    expect(
      thrown(() =>
        requestExtraHeaders({ ...hi, metadata: { extra_headers: { 'Api-Key': 'x' } } }, {}),
      ).param,
    ).toBe('extra_headers.Api-Key');
    expect(
      thrown(() =>
        requestExtraHeaders({ ...hi, metadata: { extra_headers: { 'x-a': 'a\nb' } } }, {}),
      ).param,
    ).toBe('extra_headers.x-a');
    expect(
      thrown(() => requestExtraHeaders({ ...hi, metadata: { extra_headers: ['x'] } }, {})).param,
    ).toBe('extra_headers');
  });
});
