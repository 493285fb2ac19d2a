import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/provider-context.js';
import { AzureOpenAIError } from '../errors/azure-openai-error.js';
import { ProviderClosedError } from '../errors/provider-closed-error.js';
import { configOf, describeAuth, ensureOpen, errorContext } from './provider-context.js';

describe('createProviderContext', () => {
  it('owns the auth strategy it created, not one passed in', () => {
    const created = testContext([]).context;
    expect(created.ownedAuth).toBe(created.auth);
    const passed = testContext([], {}, { auth: created.auth }).context;
    expect(passed.ownedAuth).toBeUndefined();
    expect(passed.auth).toBe(created.auth);
  });

  it('keeps a conversation chain only with store on', () => {
    expect(testContext([]).context.chain).toBeUndefined();
    expect(testContext([], { store: true }).context.chain).toBeDefined();
  });

  it('refuses options without a config, saying what to pass', () => {
    expect(() => configOf({} as never)).toThrow(AzureOpenAIError);
    expect(() => configOf(undefined)).toThrow(/needs \{ config \}/);
  });
});

describe('describeAuth / errorContext', () => {
  it('asks the strategy once and falls back to its method when describe() throws', () => {
    const { context } = testContext([]);
    let asked = 0;
    const auth = {
      ...context.auth,
      method: 'api-key' as const,
      describe: () => {
        asked++;
        throw new Error('no');
      },
    };
    const state = { closed: false, running: 0, authContext: undefined };
    expect(describeAuth({ auth, state })).toEqual({ method: 'api-key' });
    describeAuth({ auth, state });
    expect(asked).toBe(1);
  });

  it('names the config endpoint when the target has none', () => {
    const { context } = testContext([]);
    const info = errorContext(context, 'gpt-4o', 'mapping', { deployment: 'd1' });
    expect(info).toMatchObject({
      model: 'gpt-4o',
      deployment: 'd1',
      endpoint: 'https://unit.openai.azure.com',
      rule: 'mapping',
    });
    expect(
      errorContext(context, 'm', undefined, { deployment: 'd', endpoint: 'https://x' }).endpoint,
    ).toBe('https://x');
  });
});

describe('ensureOpen', () => {
  it('throws ProviderClosedError once closed', () => {
    const state = { closed: false, running: 0, authContext: undefined };
    expect(() => ensureOpen({ state })).not.toThrow();
    state.closed = true;
    expect(() => ensureOpen({ state })).toThrow(ProviderClosedError);
  });
});
