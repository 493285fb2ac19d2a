/**
 * An upstream on 127.0.0.1 that echoes the request's credentials everywhere it can: error
 * bodies, response headers (request id included), and stream error events. Nothing the provider
 * hands out (errors with their whole cause chain, events, log lines) may contain them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
import { resolveConfig } from '@amplifier-azure-openai/config';
import { afterEach, describe, expect, it } from 'vitest';
import { createAzureOpenAIProvider } from '../src/index.js';

const KEY = 'echo-test-api-key-1f9e2d7c';
const AD_TOKEN = 'echo-test-entra-token-8b3a6f0d';
const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

type Mode = 'error-400' | 'error-500' | 'stream-error' | 'stream-failed' | 'param-400';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      server =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

function credentialOf(request: IncomingMessage): string {
  const key = request.headers['api-key'];
  if (typeof key === 'string') return key;
  return String(request.headers.authorization ?? '').replace(/^Bearer /, '');
}

/** Answers every request the `mode` way, with the credential it received echoed everywhere. */
async function echoServer(mode: Mode): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    const secret = credentialOf(request);
    const echoed = `you sent ${secret} (Authorization: ${String(request.headers.authorization)}, api-key: ${String(request.headers['api-key'])})`;
    const headers = {
      'apim-request-id': `req-${secret}`,
      'x-echo-credential': secret,
      'x-ms-error-detail': echoed,
    };
    if (mode === 'error-400' || mode === 'error-500' || mode === 'param-400') {
      response.writeHead(mode === 'error-500' ? 500 : 400, {
        ...headers,
        'content-type': 'application/json',
      });
      response.end(
        JSON.stringify({
          error: {
            message: echoed,
            code: mode === 'param-400' ? 'unsupported_parameter' : `code-${secret}`,
            param: mode === 'param-400' ? 'temperature' : secret,
            type: 'invalid_request_error',
            innererror: { detail: echoed, secret },
          },
        }),
      );
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
    const event =
      mode === 'stream-error'
        ? { type: 'error', code: 'server_error', message: echoed, param: secret }
        : {
            type: 'response.failed',
            response: {
              id: 'resp_1',
              object: 'response',
              status: 'failed',
              output: [],
              error: { code: 'server_error', message: echoed },
            },
          };
    response.end(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Every way the outside world can look at an error. */
function everyView(error: unknown): string {
  const chain: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    chain.push(
      String(current),
      inspect(current, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      (current as Error).message ?? '',
      (current as Error).stack ?? '',
      safeJson(current),
    );
    current = (current as { cause?: unknown }).cause;
  }
  return chain.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

async function run(
  mode: Mode,
  credential: { api_key: string } | { azure_ad_token: string } | Record<string, never>,
  auth?: AuthStrategy,
) {
  const endpoint = await echoServer(mode);
  const events: { event: string; payload: unknown }[] = [];
  const logs: string[] = [];
  const record =
    (level: string) =>
    (message: string, data?: Record<string, unknown>): void => {
      logs.push(`${level} ${message} ${inspect(data, { depth: Number.POSITIVE_INFINITY })}`);
    };
  const provider = createAzureOpenAIProvider({
    config: resolveConfig(
      {
        azure_endpoint: endpoint,
        ...credential,
        default_model: 'gpt-4o',
        max_retries: 1,
        debug: true,
        raw_debug: true,
      },
      {},
    ),
    events: { emit: (event, payload) => void events.push({ event, payload }) },
    logger: {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    },
    sleep: async () => {},
    ...(auth === undefined ? {} : { auth }),
  });
  const stream = mode.startsWith('stream');
  let thrown: unknown;
  try {
    await provider.complete({ ...hello, stream });
  } catch (error) {
    thrown = error;
  }
  let streamThrown: unknown;
  if (stream) {
    try {
      for await (const _ of provider.stream(hello)) {
        // consume
      }
    } catch (error) {
      streamThrown = error;
    }
  }
  await provider.close();
  return { thrown, streamThrown, events, logs };
}

const MODES: Mode[] = ['error-400', 'error-500', 'param-400', 'stream-error', 'stream-failed'];
const CREDENTIALS = [
  { name: 'api key', secret: KEY, settings: { api_key: KEY } },
  { name: 'Entra token', secret: AD_TOKEN, settings: { azure_ad_token: AD_TOKEN } },
] as const;

describe('credentials echoed by the upstream never leave the provider', () => {
  for (const credential of CREDENTIALS) {
    for (const mode of MODES) {
      it(`${credential.name}, ${mode}`, async () => {
        const { thrown, streamThrown, events, logs } = await run(mode, credential.settings);
        expect(thrown).toBeInstanceOf(Error);
        const views = [everyView(thrown), everyView(streamThrown)].join('\n');
        // the upstream's text is still there (only the credential is cut out)
        expect(views).toContain('you sent [REDACTED]');
        expect(views).not.toContain(credential.secret);
        expect(inspect(events, { depth: Number.POSITIVE_INFINITY })).not.toContain(
          credential.secret,
        );
        expect(safeJson(events)).not.toContain(credential.secret);
        expect(logs.join('\n')).not.toContain(credential.secret);
        expect(events.length).toBeGreaterThan(0);
      });
    }
  }

  it('a token the provider only learns per request (a rotating token provider) is cut out too', async () => {
    let issued = 0;
    const tokens: string[] = [];
    const auth = createAuthStrategy({
      tokenProvider: async () => {
        issued++;
        const token = `rotating-token-${issued}-a8c3e1f7d2`;
        tokens.push(token);
        return token;
      },
      tokenRefreshMarginSeconds: 0,
    });
    const { thrown, events, logs } = await run('error-500', {}, auth);
    await auth.close?.();
    expect(tokens.length).toBeGreaterThan(0);
    const everything = [everyView(thrown), safeJson(events), logs.join('\n')].join('\n');
    expect(everything).toContain('you sent [REDACTED]');
    for (const token of tokens) expect(everything).not.toContain(token);
  });
});
