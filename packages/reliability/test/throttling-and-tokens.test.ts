/**
 * Azure throttling every deployment of a failover list gives one clear RateLimitError after a
 * bounded number of requests (never a loop); a failing managed-identity token endpoint under load
 * gives typed errors and recovers, with one token request at a time.
 */
import { createAuthStrategy } from '@amplifier-azure-openai/auth';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { createDeploymentResolver } from '@amplifier-azure-openai/deployments';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import {
  AuthenticationError,
  AzureOpenAIError,
  type ChatRequest,
  createAzureOpenAIProvider,
  RateLimitError,
} from '@amplifier-azure-openai/provider';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const REQUEST: ChatRequest = { model: 'gpt-5', messages: [{ role: 'user', content: 'hello' }] };
const FAILOVER = ['production-gpt5', 'backup-gpt5'];

describe('Azure throttling every deployment of a failover list', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({});
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.clearFaults();
    emulator.recorder.clear();
  });

  function throttledProvider(retryAfterMs: number, maxRetries: number) {
    for (const deployment of FAILOVER) {
      emulator.addFault({ kind: 'rate-limit', retryAfterMs, deployment, times: 'always' });
    }
    const waits: number[] = [];
    const config = resolveConfig(
      {
        azure_endpoint: emulator.url,
        api_key: emulator.apiKey,
        max_retries: maxRetries,
        deployment_mapping: { 'gpt-5': FAILOVER },
      },
      {},
    );
    // A fake clock shared with the resolver: the injected sleep advances it, so cooldowns expire
    // without waiting for real.
    let clock = 1_000_000;
    const provider = createAzureOpenAIProvider({
      config,
      resolver: createDeploymentResolver({ ...config.config, now: () => clock }),
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        waits.push(ms);
        clock += ms;
      },
    });
    return { provider, waits };
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('retry-after below the failover threshold: retries each deployment max_retries times, then one RateLimitError', async () => {
    const { provider, waits } = throttledProvider(2000, 2);
    const error = await failure(provider.complete(REQUEST));
    await provider.close();
    expect(RateLimitError.isInstance(error), String(error)).toBe(true);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.retryAfterMs).toBeGreaterThan(0);
    expect(rateLimit.message).toContain('production-gpt5');
    expect(rateLimit.message).toContain('backup-gpt5');
    expect(rateLimit.fix).toBeTruthy();
    const sent = emulator.recorder.responsesRequests();
    expect(sent.length).toBeLessThanOrEqual((2 + 1) * FAILOVER.length);
    expect(new Set(sent.map(request => request.deployment))).toEqual(new Set(FAILOVER));
    expect(waits.every(wait => wait <= 2000)).toBe(true);
  });

  it('retry-after above the failover threshold: fails over at once, one request per deployment', async () => {
    const { provider, waits } = throttledProvider(60_000, 3);
    const error = await failure(provider.complete(REQUEST));
    expect(RateLimitError.isInstance(error), String(error)).toBe(true);
    expect(emulator.recorder.responsesRequests()).toHaveLength(FAILOVER.length);
    expect(waits).toEqual([]);
    // Both deployments are now cooling down: the next call does not hammer them again.
    emulator.recorder.clear();
    const again = await failure(provider.complete(REQUEST));
    await provider.close();
    expect(RateLimitError.isInstance(again), String(again)).toBe(true);
    expect(emulator.recorder.responsesRequests().length).toBeLessThanOrEqual(FAILOVER.length);
    expect((again as RateLimitError).retryAfterMs).toBeGreaterThan(0);
  });

  it('20 concurrent calls while everything is throttled: each ends in RateLimitError, requests stay bounded', async () => {
    const { provider } = throttledProvider(1000, 2);
    const errors = await Promise.all(
      Array.from({ length: 20 }, () => failure(provider.complete(REQUEST))),
    );
    await provider.close();
    for (const error of errors) expect(RateLimitError.isInstance(error), String(error)).toBe(true);
    expect(emulator.recorder.responsesRequests().length).toBeLessThanOrEqual(
      20 * (2 + 1) * FAILOVER.length,
    );
  });
});

describe('managed-identity token endpoint failure and recovery under load', () => {
  let emulator: Emulator;
  let restoreEnv: () => void;
  // The emulator and the auth cycler share a fake clock a day behind: msal-node (real clock) then
  // never serves a token from its own cache, so every refresh really reaches the token endpoint.
  let clock = Date.now() - 86_400_000;
  beforeAll(async () => {
    emulator = await startEmulator({ tokenLifetimeSeconds: 3600, now: () => clock });
    restoreEnv = isolateIdentityEnv({
      IDENTITY_ENDPOINT: emulator.identityEndpoint,
      IDENTITY_HEADER: emulator.identityHeader,
    });
  });
  afterAll(async () => {
    restoreEnv();
    await emulator.close();
  });

  it('failures give typed AuthenticationErrors, never untyped ones; requests recover; one token fetch at a time', async () => {
    const config = resolveConfig(
      { azure_endpoint: emulator.url, use_managed_identity: true, max_retries: 1 },
      {},
    );
    const auth = createAuthStrategy({ ...config.config, now: () => clock });
    const provider = createAzureOpenAIProvider({ config, auth });
    const burst = async (size: number) => {
      const results = await Promise.allSettled(
        Array.from({ length: size }, (_, i) =>
          provider.complete({
            ...REQUEST,
            model: 'gpt-4o',
            messages: [{ role: 'user', content: `q${i}` }],
          }),
        ),
      );
      return {
        ok: results.filter(result => result.status === 'fulfilled').length,
        errors: results
          .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
          .map(result => result.reason as unknown),
      };
    };

    // 1. Healthy: 20 concurrent calls share one token.
    const healthy = await burst(20);
    expect(healthy.errors).toEqual([]);
    expect(emulator.tokenRequests()).toBe(1);

    // 2. The token expires and the endpoint fails (400: msal does not retry it).
    clock += 3600 * 1000 + 1;
    emulator.addFault({ kind: 'token-endpoint-error', status: 400, times: 1 });
    const failing = await burst(20);
    for (const error of failing.errors) {
      expect(AzureOpenAIError.isInstance(error), String(error)).toBe(true);
      expect(AuthenticationError.isInstance(error), String(error)).toBe(true);
      expect((error as AuthenticationError).fix).toBeTruthy();
    }
    expect(failing.errors.length).toBeGreaterThan(0);
    expect(
      emulator.recorder.requests.some(request => request.faults.includes('token-endpoint-error')),
    ).toBe(true);
    // One refresh in flight at a time: not one token request per caller.
    const tokenAttempts = emulator.recorder.requests.filter(r => r.surface === 'identity').length;
    expect(tokenAttempts).toBeLessThanOrEqual(3);

    // 3. The endpoint recovers: calls succeed again (after the cycler's retry pause, if any).
    clock += 60_000;
    const recovered = await burst(20);
    expect(recovered.errors.map(String)).toEqual([]);
    expect(recovered.ok).toBe(20);
    expect(emulator.tokenRequests()).toBe(2);
    await provider.close();
  });
});
