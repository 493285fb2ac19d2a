import { createAuthStrategy } from '@amplifier-azure-openai/auth';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, type AzureOpenAIError } from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();
const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

async function failure(promise: Promise<unknown>): Promise<AzureOpenAIError> {
  try {
    await promise;
  } catch (error) {
    return error as AzureOpenAIError;
  }
  throw new Error('expected the call to fail');
}

/** A TokenCredential handing out emulator tokens, counting its calls. */
function emulatorCredential() {
  const issued: string[] = [];
  return {
    issued,
    getToken: async () => {
      const token = emulator().issueToken();
      issued.push(token);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

describe('a 401 on a token forces one token refresh and one retry (real SDK, emulator)', () => {
  it('credential: the revoked token is dropped, a fresh one is fetched and the call succeeds', async () => {
    const credential = emulatorCredential();
    const auth = createAuthStrategy({ credential });
    const { provider } = providerFor(emulator(), { withoutApiKey: true, options: { auth } });
    await provider.complete(hello);
    emulator().addFault({ kind: 'revoke-token' });
    const response = await provider.complete(hello);
    expect(response.finish_reason).toBe('stop');
    expect(credential.issued).toHaveLength(2);
    const sent = emulator().recorder.responsesRequests();
    expect(sent.map(request => request.status)).toEqual([200, 401, 200]);
    expect(sent[1]!.faults).toEqual(['revoke-token']);
    // A fresh client request id for the re-sent request.
    expect(sent[2]!.headers['x-ms-client-request-id']).not.toBe(
      sent[1]!.headers['x-ms-client-request-id'],
    );
    await provider.close();
    await auth.close();
  });

  it('streaming: the same single refresh happens before the stream opens', async () => {
    const credential = emulatorCredential();
    const auth = createAuthStrategy({ credential });
    const { provider } = providerFor(emulator(), { withoutApiKey: true, options: { auth } });
    emulator().addFault({ kind: 'revoke-token' });
    const response = await provider.complete({ ...hello, stream: true });
    expect(response.finish_reason).toBe('stop');
    expect(credential.issued).toHaveLength(2);
    await provider.close();
    await auth.close();
  });

  it('token provider: called again after the 401', async () => {
    let calls = 0;
    const auth = createAuthStrategy({
      tokenProvider: async () => {
        calls++;
        return emulator().issueToken();
      },
    });
    const { provider } = providerFor(emulator(), { withoutApiKey: true, options: { auth } });
    emulator().addFault({ kind: 'revoke-token' });
    await provider.complete(hello);
    expect(calls).toBe(2);
    expect(
      emulator()
        .recorder.responsesRequests()
        .map(request => request.status),
    ).toEqual([401, 200]);
    await provider.close();
  });

  it('a second 401 after the refresh is an AuthenticationError saying the token was refreshed and still refused', async () => {
    const credential = emulatorCredential();
    const auth = createAuthStrategy({ credential });
    const { provider, sink } = providerFor(emulator(), { withoutApiKey: true, options: { auth } });
    emulator().addFault({ kind: 'revoke-token', times: 2 });
    const error = await failure(provider.complete(hello));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/refused the token \(HTTP 401\) again after it was refreshed/);
    expect(error.fix).toMatch(/fetched again once, and Azure still refused it/);
    const sent = emulator().recorder.responsesRequests();
    expect(sent).toHaveLength(2);
    expect(error.requestId).toBe(sent[1]!.requestId);
    expect(error.clientRequestId).toBe(sent[1]!.headers['x-ms-client-request-id']);
    expect(credential.issued).toHaveLength(2);
    const everything = `${error.message} ${error.fix} ${JSON.stringify(error)} ${JSON.stringify(sink.events)}`;
    for (const token of credential.issued) expect(everything).not.toContain(token);
    await provider.close();
    await auth.close();
  });

  it('API keys and static Entra tokens are not retried', async () => {
    const wrongKey = providerFor(emulator(), { settings: { api_key: 'wrong-key-123' } });
    const keyError = await failure(wrongKey.provider.complete(hello));
    expect(AuthenticationError.isInstance(keyError)).toBe(true);
    expect(keyError.message).not.toMatch(/refreshed/);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await wrongKey.provider.close();

    emulator().recorder.clear();
    const staticToken = providerFor(emulator(), {
      withoutApiKey: true,
      settings: { azure_ad_token: emulator().issueToken() },
    });
    emulator().addFault({ kind: 'revoke-token' });
    const tokenError = await failure(staticToken.provider.complete(hello));
    expect(AuthenticationError.isInstance(tokenError)).toBe(true);
    expect(emulator().recorder.responsesRequests()).toHaveLength(1);
    await staticToken.provider.close();
  });
});
