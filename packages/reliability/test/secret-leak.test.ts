/**
 * Secrets never leak: the provider (debug and raw_debug on) and every CLI command run through
 * success and every error path (401, 404, 429, content filter, 500, dropped connection,
 * mid-stream drop, config error, managed identity failing, expired Entra token). All output, log
 * lines, emitted events, error messages, `util.inspect` / `JSON.stringify` of errors, providers,
 * configs and auth strategies are scanned for the API keys, the identity header and any JWT the
 * emulator issued: zero hits. The CLI runs in process (runCli) for the whole matrix and as real
 * child processes (real stdout/stderr) for a subset.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { createAuthStrategy } from '@amplifier-azure-openai/auth';
import { runCli } from '@amplifier-azure-openai/cli';
import { describeConfig, resolveConfig } from '@amplifier-azure-openai/config';
import {
  DEFAULT_DEPLOYMENTS,
  type Emulator,
  startEmulator,
} from '@amplifier-azure-openai/emulator';
import {
  type ChatRequest,
  createAzureOpenAIProvider,
  type ProviderStreamEvent,
} from '@amplifier-azure-openai/provider';
import { isolateIdentityEnv } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretScanner, type SecretScanner } from '../src/harness/secret-scanner.js';

const WRONG_KEY = 'wrong-key-4f2a9c1e7b3d5f6a8c0e2b4d6f8a0c1e';
const FAULTED = {
  'leak-429': { kind: 'rate-limit', retryAfterMs: 5 },
  'leak-500': { kind: 'server-error', status: 500 },
  'leak-filter': { kind: 'content-filter' },
  'leak-drop': { kind: 'drop-connection' },
  'leak-midstream': { kind: 'drop-mid-stream', afterEvents: 4 },
} as const;

let emulator: Emulator;
let scanner: SecretScanner;
let dir: string;
let restoreEnv: () => void;
let adToken: string;
let expiredToken: string;

function fullView(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch (error) {
    json = `JSON.stringify threw ${String(error)}`;
  }
  return [
    String(value),
    json,
    inspect(value, { depth: 12, showHidden: true, getters: true }),
    value instanceof Error && value.stack !== undefined ? value.stack : '',
  ].join('\n');
}

beforeAll(async () => {
  emulator = await startEmulator({
    // A clock a day behind: msal-node (real clock) never serves an emulator token from its cache,
    // so every managed-identity call really reaches the token endpoint (and its faults).
    now: () => Date.now() - 86_400_000,
    deployments: {
      ...DEFAULT_DEPLOYMENTS,
      ...Object.fromEntries(
        Object.entries(FAULTED).map(([name, fault]) => [
          name,
          { model: 'gpt-4o', faults: [{ ...fault, times: 'always' as const }] },
        ]),
      ),
    },
  });
  adToken = emulator.issueToken();
  expiredToken = emulator.issueToken({ lifetimeSeconds: -60 });
  scanner = createSecretScanner();
  scanner.addSecret('the API key', emulator.apiKey);
  scanner.addSecret('the wrong API key', WRONG_KEY);
  scanner.addSecret('the identity header', emulator.identityHeader);
  scanner.addSecret('the Entra token', adToken);
  scanner.addSecret('the expired Entra token', expiredToken);
  dir = mkdtempSync(join(tmpdir(), 'reliability-leak-'));
  restoreEnv = isolateIdentityEnv({
    IDENTITY_ENDPOINT: emulator.identityEndpoint,
    IDENTITY_HEADER: emulator.identityHeader,
  });
});

afterAll(async () => {
  restoreEnv();
  rmSync(dir, { recursive: true, force: true });
  await emulator.close();
});

const REQUEST: ChatRequest = {
  messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  tools: [
    {
      name: 'get_weather',
      description: 'Weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
};

describe('the provider with debug and raw_debug on', () => {
  async function exercise(label: string, settings: Record<string, unknown>, models: string[]) {
    const lines: string[] = [];
    const log = (level: string) => (message: string, data?: Record<string, unknown>) => {
      lines.push(
        `${level} ${message} ${JSON.stringify(data ?? {})} ${inspect(data, { depth: 8 })}`,
      );
    };
    const logger = {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
    };
    const events: string[] = [];
    const resolved = resolveConfig(
      {
        azure_endpoint: emulator.url,
        debug: true,
        raw_debug: true,
        max_retries: 1,
        ...settings,
      },
      {},
    );
    const auth = createAuthStrategy({ ...resolved.config, logger });
    const provider = createAzureOpenAIProvider({
      config: resolved,
      auth,
      logger,
      events: {
        emit(event, payload) {
          events.push(`${event} ${JSON.stringify(payload)} ${inspect(payload, { depth: 12 })}`);
        },
      },
    });
    const outcomes: string[] = [];
    for (const model of models) {
      for (const mode of ['complete', 'stream'] as const) {
        try {
          if (mode === 'complete') {
            outcomes.push(fullView(await provider.complete({ ...REQUEST, model })));
          } else {
            const streamed: ProviderStreamEvent[] = [];
            for await (const event of provider.stream({ ...REQUEST, model })) streamed.push(event);
            outcomes.push(fullView(streamed));
          }
        } catch (error) {
          outcomes.push(fullView(error));
          const cause = (error as { cause?: unknown }).cause;
          if (cause !== undefined) outcomes.push(fullView(cause));
        }
      }
    }
    const views = [
      fullView(provider),
      fullView(resolved),
      fullView(resolved.config),
      fullView(describeConfig(resolved)),
      fullView(auth),
      fullView(auth.describe()),
      fullView(provider.getInfo()),
    ];
    await provider.close();
    scanner.scan(`${label}: log lines`, lines.join('\n'));
    scanner.scan(`${label}: events`, events.join('\n'));
    scanner.scan(`${label}: outcomes`, outcomes.join('\n'));
    scanner.scan(`${label}: inspected objects`, views.join('\n'));
    return { lines, events, outcomes };
  }

  const MODELS = ['gpt-4o', 'gpt-5', 'no-such-deployment', ...Object.keys(FAULTED)];

  it('api key: success and every error path, zero secrets anywhere', async () => {
    const { events, outcomes } = await exercise(
      'provider api-key',
      { api_key: emulator.apiKey },
      MODELS,
    );
    // The matrix really ran: debug and raw events, answers and each kind of error.
    expect(events.some(line => line.startsWith('llm:request:raw'))).toBe(true);
    expect(events.some(line => line.startsWith('llm:response:raw'))).toBe(true);
    const all = outcomes.join('\n');
    for (const name of [
      'DeploymentNotFoundError',
      'RateLimitError',
      'ContentFilterError',
      'ServiceUnavailableError',
      'StreamInterruptedError',
    ]) {
      expect(all, name).toContain(name);
    }
    expect(scanner.hits).toEqual([]);
  });

  it('wrong api key (401) and expired Entra token (401), zero secrets', async () => {
    await exercise('provider wrong key', { api_key: WRONG_KEY }, ['gpt-4o']);
    const { outcomes } = await exercise(
      'provider expired token',
      { azure_ad_token: expiredToken },
      ['gpt-4o'],
    );
    expect(outcomes.join('\n')).toContain('AuthenticationError');
    await exercise('provider Entra token', { azure_ad_token: adToken }, ['gpt-4o']);
    expect(scanner.hits).toEqual([]);
  });

  it('managed identity: tokens issued and then a failing token endpoint, zero tokens anywhere', async () => {
    await exercise('provider managed identity', { use_managed_identity: true }, [
      'gpt-4o',
      'leak-500',
    ]);
    expect(emulator.tokenRequests()).toBeGreaterThan(0);
    emulator.addFault({ kind: 'token-endpoint-error', status: 400, times: 'always' });
    try {
      const { outcomes } = await exercise(
        'provider managed identity failing',
        { use_managed_identity: true },
        ['gpt-4o'],
      );
      expect(outcomes.join('\n')).toContain('AuthenticationError');
    } finally {
      emulator.clearFaults();
      emulator.resetFaults();
    }
    expect(scanner.hits).toEqual([]);
  });

  it('a config error holding both a key and a token, zero secrets', () => {
    try {
      resolveConfig(
        {
          azure_endpoint: emulator.url,
          api_key: emulator.apiKey,
          azure_ad_token: adToken,
          temperature: 'hot',
        },
        {},
      );
      throw new Error('accepted an invalid config');
    } catch (error) {
      scanner.scan('config error', fullView(error));
    }
    expect(scanner.hits).toEqual([]);
  });
});

/** One CLI run: arguments, extra env, and whether to run it as a real child process too. */
interface CliRun {
  args: string[];
  env?: Record<string, string>;
  child?: boolean;
}

describe('every CLI command with --verbose, debug and raw_debug', () => {
  let configFile: string;
  let keyConfigFile: string;
  let toolsFile: string;
  beforeAll(() => {
    configFile = join(dir, 'settings.toml');
    writeFileSync(configFile, 'debug = true\nraw_debug = true\nmax_retries = 1\n');
    keyConfigFile = join(dir, 'settings-with-key.toml');
    writeFileSync(
      keyConfigFile,
      `azure_endpoint = "${emulator.url}"\napi_key = "${emulator.apiKey}"\ndebug = true\nraw_debug = true\nmax_retries = 1\n`,
    );
    toolsFile = join(dir, 'tools.json');
    writeFileSync(toolsFile, JSON.stringify(REQUEST.tools));
  });

  function baseEnv(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AZURE_OPENAI_ENDPOINT: emulator.url,
      AZURE_OPENAI_API_KEY: emulator.apiKey,
    };
  }

  function runs(): CliRun[] {
    const c = ['--config', configFile];
    const chat = (...rest: string[]): string[] => ['--verbose', 'chat', ...c, ...rest];
    return [
      { args: chat('Say hi') },
      { args: chat('--stream', 'Say hi'), child: true },
      { args: chat('--json', 'Say hi') },
      { args: chat('--tools', toolsFile, 'What is the weather in Paris?') },
      { args: chat('--json', '--model', 'gpt-5', 'Say hi') },
      { args: ['--verbose', 'config', ...c] },
      {
        args: ['--verbose', 'config', '--config', keyConfigFile],
        env: { AZURE_OPENAI_API_KEY: '' },
      },
      { args: ['--verbose', 'doctor', ...c] },
      { args: ['--verbose', 'demo', ...c], child: true },
      { args: chat('--json', 'Say hi'), env: { AZURE_OPENAI_API_KEY: WRONG_KEY } },
      { args: chat('--model', 'no-such-deployment', 'Say hi') },
      { args: ['--verbose', 'doctor', ...c], env: { AZURE_OPENAI_API_KEY: WRONG_KEY } },
      ...Object.keys(FAULTED).flatMap(model => [
        { args: chat('--model', model, 'Say hi') },
        { args: chat('--stream', '--model', model, 'Say hi') },
      ]),
      { args: chat('--json', '--model', 'leak-500', 'Say hi'), child: true },
      { args: chat('Say hi'), env: { AZURE_OPENAI_TEMPERATURE: 'hot' }, child: true },
      {
        args: chat('Say hi'),
        env: { AZURE_OPENAI_API_KEY: '', AZURE_OPENAI_AD_TOKEN: expiredToken },
      },
      { args: ['--verbose', 'config', ...c], env: { AZURE_OPENAI_AD_TOKEN: adToken } },
      {
        args: chat('Say hi'),
        env: { AZURE_OPENAI_API_KEY: '', AZURE_USE_MANAGED_IDENTITY: 'true' },
      },
    ];
  }

  async function runInProcess(run: CliRun): Promise<{ code: number; output: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(run.args, {
      stdout: { write: chunk => (stdout += chunk) },
      stderr: { write: chunk => (stderr += chunk) },
      env: { ...baseEnv(), ...run.env },
      cwd: dir,
      onSignal: () => () => {},
    });
    return { code, output: `${stdout}\n${stderr}` };
  }

  function runChild(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number | null; output: string }> {
    const require = createRequire(import.meta.url);
    const bin = join(
      dirname(require.resolve('@amplifier-azure-openai/cli/package.json')),
      'dist',
      'bin.js',
    );
    return new Promise(resolve => {
      const child = spawn(process.execPath, [bin, ...args], {
        env: { ...process.env, ...env },
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', chunk => (output += chunk));
      child.stderr.on('data', chunk => (output += chunk));
      child.on('close', code => resolve({ code, output }));
    });
  }

  it('in process: every command, success and error paths, zero secrets in stdout/stderr', async () => {
    const codes: Record<string, number> = {};
    for (const run of runs()) {
      const { code, output } = await runInProcess(run);
      const label = `runCli ${run.args.join(' ')} ${JSON.stringify(Object.keys(run.env ?? {}))}`;
      codes[label] = code;
      scanner.scan(label, output);
    }
    // The error paths really failed, with their exit codes.
    const values = Object.values(codes);
    expect(values).toContain(0);
    for (const exit of [2, 3, 4, 5, 6]) expect(values, `exit code ${exit}`).toContain(exit);
    expect(scanner.hits).toEqual([]);
  }, 60_000);

  it('in process: managed identity with a failing token endpoint, zero tokens', async () => {
    emulator.addFault({ kind: 'token-endpoint-error', status: 400, times: 'always' });
    try {
      for (const args of [
        ['--verbose', 'chat', '--config', configFile, 'Say hi'],
        ['--verbose', 'doctor', '--config', configFile],
      ]) {
        const { code, output } = await runInProcess({
          args,
          env: { AZURE_OPENAI_API_KEY: '', AZURE_USE_MANAGED_IDENTITY: 'true' },
        });
        expect(code).not.toBe(0);
        scanner.scan(`runCli MI failing ${args.join(' ')}`, output);
      }
    } finally {
      emulator.clearFaults();
      emulator.resetFaults();
    }
    expect(scanner.hits).toEqual([]);
  }, 30_000);

  it('as child processes (real stdout/stderr, serve included): zero secrets', async () => {
    const selected = runs().filter(run => run.child === true);
    const results = await Promise.all(
      selected.map(run =>
        runChild(run.args, {
          ...baseEnv(),
          IDENTITY_ENDPOINT: '',
          IDENTITY_HEADER: '',
          ...run.env,
        }),
      ),
    );
    results.forEach((result, index) => {
      scanner.scan(`child ${selected[index]?.args.join(' ')}`, result.output);
    });
    // serve, briefly: start, then SIGTERM.
    const require = createRequire(import.meta.url);
    const bin = join(
      dirname(require.resolve('@amplifier-azure-openai/cli/package.json')),
      'dist',
      'bin.js',
    );
    const serve = spawn(
      process.execPath,
      [bin, '--verbose', 'serve', '--config', configFile, '--port', '0'],
      {
        env: { ...process.env, ...baseEnv() },
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>(resolve => {
      serve.stdout.on('data', chunk => {
        output += chunk;
        if (/Press Ctrl\+C/.test(output)) resolve();
      });
      serve.stderr.on('data', chunk => (output += chunk));
      serve.on('close', () => resolve());
    });
    const closed = new Promise(resolve => serve.on('close', resolve));
    serve.kill('SIGTERM');
    await closed;
    scanner.scan('child serve', output);
    expect(output).toContain('Serving');
    expect(scanner.hits).toEqual([]);
    expect(scanner.scanned.texts).toBeGreaterThan(40);
  }, 60_000);
});
