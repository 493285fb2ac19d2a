import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, startTestEmulator } from './fixtures.js';
import { type BinResult, collect, spawnBin, waitForOutput } from './run-bin.js';
import { callOk, callUnary, serveClient } from './serve-client.js';

/*
 * `serve` driven the way amplifier-core's Rust host drives a gRPC provider
 * (`transport::load_grpc_provider` -> `GrpcProviderBridge`): connect to the `[grpc] endpoint`,
 * GetInfo once, then unary Complete only. No Mount, no HealthCheck, no metadata.
 */

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters_json: JSON.stringify({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
};

const TOKEN = 'serve-test-token-0123456789abcdef';

let emulator: Emulator;
const running: Array<{ child: ChildProcess; done: Promise<BinResult> }> = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  for (const { child, done } of running.splice(0)) {
    child.kill('SIGTERM');
    await done;
  }
});

/**
 * Starts `serve ...args`, waits for its banner, and resolves with the port of the `READY:<port>`
 * line that must open stdout.
 */
async function startServe(args: string[], env: Record<string, string> = emulatorEnv(emulator)) {
  const child = spawnBin(['serve', '--port', '0', ...args], env);
  const done = collect(child);
  running.push({ child, done });
  const output = await waitForOutput(child, /Press Ctrl\+C/);
  const port = /^READY:(\d+)\n/.exec(output)?.[1];
  if (port === undefined) throw new Error(`stdout does not start with READY:<port>: ${output}`);
  return { child, done, output, port: Number(port), address: `127.0.0.1:${port}` };
}

/**
 * The address tonic 0.12 (amplifier-core's Rust host) dials for an `[grpc] endpoint`: the
 * endpoint is an `http::Uri`; hyper-util's `HttpConnector` runs with `enforce_http(false)`, so any
 * scheme goes, but a URI without a scheme fails ("invalid URL, scheme is missing") and so does one
 * without a host; the port defaults to 80 (443 for https). Requests carry the URI's scheme.
 */
function tonicTarget(endpoint: string): string {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)/i.exec(endpoint);
  if (match === null)
    throw new Error(`tonic cannot connect to ${endpoint}: invalid URL, scheme is missing`);
  const url = new URL(`http://${match[2]}`);
  const port = url.port !== '' ? url.port : match[1]?.toLowerCase() === 'https' ? '443' : '80';
  return `${url.hostname}:${port}`;
}

/**
 * The address Python's `grpc.aio.insecure_channel` (amplifier-core's Python host) dials for a
 * target, for the forms with an IP literal: `dns:[//server]/host:port` (an IP literal needs no DNS
 * query), `ipv4:[///]host:port`, bare `host:port`. Any other scheme is taken as part of a DNS name
 * (`dns:///http://...`) and fails.
 */
function pythonGrpcTarget(target: string): string {
  const match =
    /^dns:(?:\/\/[^/]*)?\/(\d+\.\d+\.\d+\.\d+:\d+)$/.exec(target) ??
    /^ipv4:(?:\/\/\/)?(\d+\.\d+\.\d+\.\d+:\d+)$/.exec(target) ??
    /^(\d+\.\d+\.\d+\.\d+:\d+)$/.exec(target);
  if (match?.[1] === undefined) throw new Error(`grpc resolves ${target} as a DNS name and fails`);
  return match[1];
}

describe("serve, driven like amplifier-core's Rust host (GetInfo once, then Complete only)", () => {
  it('answers GetInfo and Complete, including a tool-call turn, with no Mount and no token', async () => {
    const { address, port } = await startServe(['--allow-unauthenticated-calls']);
    const provider = serveClient('ProviderService', address);
    try {
      const info = await callOk(provider, 'GetInfo');
      expect(info.id).toBe('azure-openai');

      const question = {
        role: 'ROLE_USER',
        text_content: 'call get_weather {"city":"Paris"}',
      };
      const first = await callOk(provider, 'Complete', {
        messages: [question],
        tools: [WEATHER_TOOL],
      });
      const calls = first.tool_calls as Array<Record<string, unknown>>;
      expect(calls).toHaveLength(1);
      expect(calls[0]?.name).toBe('get_weather');
      expect(JSON.parse(String(calls[0]?.arguments_json))).toEqual({ city: 'Paris' });

      const second = await callOk(provider, 'Complete', {
        messages: [
          question,
          { role: 'ROLE_ASSISTANT', block_content: { blocks: first.content_blocks } },
          {
            role: 'ROLE_TOOL',
            tool_call_id: calls[0]?.id,
            block_content: {
              blocks: [
                { tool_result_block: { tool_call_id: calls[0]?.id, output_json: '"sunny, 21 C"' } },
              ],
            },
          },
        ],
        tools: [WEATHER_TOOL],
      });
      expect(second.tool_calls).toEqual([]);
      expect(JSON.stringify(second.content_blocks)).toContain('sunny, 21 C');
    } finally {
      provider.close();
    }
    // The emulator saw exactly the two Complete calls (GetInfo makes no request).
    expect(emulator.recorder.responsesRequests().length).toBeGreaterThanOrEqual(2);
    expect(port).toBeGreaterThan(0);
  });

  it('prints READY:<port> as the first stdout line and an endpoint tonic accepts', async () => {
    const { output: banner, port } = await startServe(['--allow-unauthenticated-calls']);
    expect(banner.split('\n')[0]).toBe(`READY:${port}`);
    expect(banner.match(/READY:/g)).toHaveLength(1);
    const endpoint = /endpoint = "([^"]+)"/.exec(banner)?.[1] ?? '';
    expect(tonicTarget(endpoint)).toBe(`127.0.0.1:${port}`);
  });

  it('the shipped amplifier.toml names an endpoint both hosts dial as 127.0.0.1:50051', () => {
    const toml = readFileSync(
      new URL('../../amplifier-adapter/amplifier.toml', import.meta.url),
      'utf8',
    );
    expect(toml).toContain('transport = "grpc"');
    expect(toml).toContain('type = "provider"');
    const endpoint = /^endpoint = "([^"]+)"$/m.exec(toml)?.[1] ?? '';
    expect(tonicTarget(endpoint)).toBe('127.0.0.1:50051');
    expect(pythonGrpcTarget(endpoint)).toBe('127.0.0.1:50051');
    // The forms each parser refuses, as the models say.
    expect(() => tonicTarget('127.0.0.1:50051')).toThrow(/scheme is missing/);
    expect(() => pythonGrpcTarget('http://127.0.0.1:50051')).toThrow(/DNS name/);
  });

  it('answers a call with the :scheme tonic sends for that endpoint (dns)', async () => {
    const { port } = await startServe(['--allow-unauthenticated-calls']);
    const client = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const request = client.request({
        ':method': 'POST',
        ':scheme': 'dns',
        ':authority': `127.0.0.1:${port}`,
        ':path': '/amplifier.module.ProviderService/GetInfo',
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      request.end(Buffer.from([0, 0, 0, 0, 0])); // an empty message, uncompressed
      const chunks: Buffer[] = [];
      let status: unknown;
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('trailers', trailers => {
        status = trailers['grpc-status'];
      });
      await new Promise(resolve => request.on('close', resolve));
      expect(status).toBe('0');
      expect(Buffer.concat(chunks).includes('azure-openai')).toBe(true);
    } finally {
      client.close();
    }
  });
});

describe('serve authenticates its callers', () => {
  const env = () => ({ ...emulatorEnv(emulator), AMPLIFIER_AZURE_OPENAI_SERVE_TOKEN: TOKEN });
  const hello = { messages: [{ role: 'ROLE_USER', text_content: 'hello auth' }] };

  it('refuses calls without the token or with a wrong one (UNAUTHENTICATED), serves the right one', async () => {
    const { address, child, done } = await startServe([], env());
    const provider = serveClient('ProviderService', address);
    const lifecycle = serveClient('ModuleLifecycle', address);
    try {
      for (const token of [undefined, 'wrong-token-wrong-token-wrong']) {
        for (const [client, method] of [
          [provider, 'GetInfo'],
          [provider, 'Complete'],
          [lifecycle, 'HealthCheck'],
          [lifecycle, 'Mount'],
          [lifecycle, 'Cleanup'],
        ] as const) {
          const outcome = await callUnary(
            client,
            method,
            method === 'Complete' ? hello : {},
            token,
          );
          expect(outcome.ok, method).toBe(false);
          if (outcome.ok) continue;
          expect(outcome.code).toBe(16);
          expect(outcome.errorName).toBe('UnauthenticatedCallError');
          expect(outcome.details).toContain(method);
          expect(outcome.details).toContain('authorization: Bearer <token>');
          expect(outcome.details).not.toContain(TOKEN);
        }
      }
      const answer = await callOk(provider, 'Complete', hello, TOKEN);
      expect(JSON.stringify(answer)).toContain('Echo: hello auth');
    } finally {
      provider.close();
      lifecycle.close();
    }
    child.kill('SIGTERM');
    const result = await done;
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('--allow-unauthenticated-calls opens the provider calls but never Mount or Cleanup', async () => {
    const { address } = await startServe(['--allow-unauthenticated-calls'], env());
    const provider = serveClient('ProviderService', address);
    const lifecycle = serveClient('ModuleLifecycle', address);
    try {
      expect((await callUnary(provider, 'GetInfo')).ok).toBe(true);
      expect((await callUnary(provider, 'ListModels')).ok).toBe(true);
      expect((await callUnary(provider, 'Complete', hello)).ok).toBe(true);
      for (const method of ['Mount', 'Cleanup']) {
        const outcome = await callUnary(lifecycle, method);
        expect(outcome.ok ? 0 : outcome.code, method).toBe(16);
      }
      // With the token, Cleanup works (and the provider is gone afterwards).
      expect((await callUnary(lifecycle, 'Cleanup', {}, TOKEN)).ok).toBe(true);
      const after = await callUnary(provider, 'Complete', hello);
      expect(after.ok).toBe(false);
    } finally {
      provider.close();
      lifecycle.close();
    }
  });
});
