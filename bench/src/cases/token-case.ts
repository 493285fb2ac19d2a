import { createAuthStrategy } from '@amplifier-azure-openai/auth';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { createAzureOpenAIProvider } from '@amplifier-azure-openai/provider';
import { type EmulatorProcess, startEmulatorProcess } from '../emulator-process.js';
import { simpleChatRequest } from '../scenarios.js';

/** One burst of concurrent calls and the token requests it caused. */
export interface TokenPhase {
  phase: string;
  concurrentCalls: number;
  /** Managed-identity token requests the emulator answered during the phase. */
  tokenRequests: number;
  /** What the goal allows. */
  expected: number;
  failedCalls: number;
  /** Seconds since the current token was issued when the burst started. */
  tokenAgeSeconds: number;
}

/** Result of case 4. */
export interface TokenCaseResult {
  tokenLifetimeSeconds: number;
  /** The refresh margin in effect: the configured 300 s, capped by the cycler at half the lifetime. */
  effectiveRefreshMarginSeconds: number;
  phases: TokenPhase[];
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, Math.max(0, ms)));

async function lastTokenIssuedAt(emu: EmulatorProcess): Promise<number> {
  const identity = (await emu.recorded()).filter(r => r.surface === 'identity' && r.status === 200);
  return identity.at(-1)?.timestamp ?? Date.now();
}

/**
 * Case 4: managed identity (App Service: IDENTITY_ENDPOINT / IDENTITY_HEADER pointing at a second
 * emulator process with short-lived tokens), `createAuthStrategy({ useManagedIdentity: true })` and
 * the provider. Bursts of concurrent calls: cold, with a fresh token, inside the refresh window,
 * right after the refresh, and after the token expired unused.
 */
export async function runTokenCase(
  burst: number,
  log: (line: string) => void,
): Promise<TokenCaseResult> {
  const lifetime = 20;
  const margin = lifetime / 2; // the default 300 s margin, capped at half the lifetime
  const emu = await startEmulatorProcess({
    tokenLifetimeSeconds: lifetime,
    maxRecordedRequests: 10_000,
  });
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
  process.env.IDENTITY_ENDPOINT = emu.identityEndpoint;
  process.env.IDENTITY_HEADER = emu.identityHeader;
  const auth = createAuthStrategy({ useManagedIdentity: true });
  const provider = createAzureOpenAIProvider({
    config: resolveConfig({ azure_endpoint: emu.url, use_managed_identity: true }, {}),
    auth,
  });
  const phases: TokenPhase[] = [];
  let tokenAt = 0;
  const run = async (phase: string, expected: number): Promise<void> => {
    const before = (await emu.stats()).tokenRequests;
    const age = tokenAt === 0 ? 0 : (Date.now() - tokenAt) / 1000;
    const results = await Promise.allSettled(
      Array.from({ length: burst }, () => provider.complete(simpleChatRequest())),
    );
    await sleep(100); // a background refresh has finished by now
    const after = (await emu.stats()).tokenRequests;
    const failed = results.filter(r => r.status === 'rejected');
    const entry: TokenPhase = {
      phase,
      concurrentCalls: burst,
      tokenRequests: after - before,
      expected,
      failedCalls: failed.length,
      tokenAgeSeconds: Math.round(age * 10) / 10,
    };
    phases.push(entry);
    log(
      `  ${phase} (token age ${entry.tokenAgeSeconds} s): ${burst} calls -> ${entry.tokenRequests} token request(s) (goal ${expected}), ${failed.length} failed`,
    );
    const firstFailure = failed[0];
    if (firstFailure !== undefined && firstFailure.status === 'rejected') {
      log(`    first failure: ${String(firstFailure.reason)}`);
    }
    if (after > before) tokenAt = await lastTokenIssuedAt(emu);
  };
  try {
    await run('cold start', 1);
    await run('token fresh', 0);
    await sleep(tokenAt + (lifetime - margin) * 1000 + 1000 - Date.now());
    await run('near expiry (refresh window)', 1);
    await run('right after the refresh', 0);
    await sleep(tokenAt + lifetime * 1000 + 1000 - Date.now());
    await run('after expiry (idle past the lifetime)', 1);
    return {
      tokenLifetimeSeconds: lifetime,
      effectiveRefreshMarginSeconds: margin,
      phases,
    };
  } finally {
    await provider.close();
    await emu.close();
    if (saved.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT;
    else process.env.IDENTITY_ENDPOINT = saved.endpoint;
    if (saved.header === undefined) delete process.env.IDENTITY_HEADER;
    else process.env.IDENTITY_HEADER = saved.header;
  }
}
