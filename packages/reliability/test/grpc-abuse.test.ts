/**
 * The gRPC module server under bad input and load: undecodable bytes, invalid JSON in the JSON
 * fields, oversize messages and 50 concurrent clients get INVALID_ARGUMENT / RESOURCE_EXHAUSTED
 * (or correct answers) and the server stays up (HealthCheck after). SIGTERM on the CLI's `serve`
 * child process lets an in-flight call finish.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import { status } from '@grpc/grpc-js';
import { type GrpcServerHandle, startGrpcServer } from 'amplifier-module-provider-azure-openai';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../src/harness/fuzz-runs.js';
import {
  connectModuleClients,
  type GrpcJson,
  type ModuleClients,
} from '../src/harness/grpc-clients.js';

const COMPLETE = '/amplifier.module.ProviderService/Complete';
const MAX_BYTES = 256 * 1024;

let emulator: Emulator;
let server: GrpcServerHandle;
let clients: ModuleClients;

function chat(text: string, extra: GrpcJson = {}): GrpcJson {
  return {
    model: 'gpt-4o',
    messages: [{ role: 'ROLE_USER', text_content: text }],
    ...extra,
  };
}

function answerText(response: GrpcJson | undefined): string {
  const blocks = (response?.content_blocks as GrpcJson[] | undefined) ?? [];
  return blocks
    .map(block => (block.text_block as { text?: string } | undefined)?.text ?? '')
    .join('');
}

async function expectServing(): Promise<void> {
  const health = await clients.call('lifecycle', 'HealthCheck');
  expect(health.code).toBeUndefined();
  expect(health.response?.status).toBe('HEALTH_STATUS_SERVING');
  const ok = await clients.call('provider', 'Complete', chat('still alive?'));
  expect(ok.code, ok.details).toBeUndefined();
  expect(answerText(ok.response)).toBe('Echo: still alive?');
}

beforeAll(async () => {
  emulator = await startEmulator({});
  server = await startGrpcServer({
    config: { azure_endpoint: emulator.url, api_key: emulator.apiKey, max_retries: 0 },
    env: {},
    maxMessageBytes: MAX_BYTES,
  });
  clients = connectModuleClients(server.address);
});

afterAll(async () => {
  clients.close();
  await server.close(1000);
  await emulator.close();
});

const UNDECODABLE = [
  Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), // length-delimited field far past the end
  Buffer.from([0x0a, 0x05, 0x12]), // truncated message
  Buffer.from([0xff, 0xff, 0xff]),
];

describe('gRPC server under bad input', () => {
  // Was a bug (grpc-js answers a throwing requestDeserialize with INTERNAL); the adapter now wraps
  // each method's requestDeserialize and answers INVALID_ARGUMENT (ProtoConversionError).
  it('undecodable request bytes are answered INVALID_ARGUMENT', async () => {
    for (const bytes of UNDECODABLE) {
      const outcome = await clients.raw(COMPLETE, bytes);
      expect(outcome.code, outcome.details).toBe(status.INVALID_ARGUMENT);
      expect(outcome.details).toContain('could not be decoded as amplifier.module.ChatRequest');
    }
  });

  it('undecodable request bytes: a refusal (never UNKNOWN/UNAVAILABLE), server stays up', async () => {
    const codes: number[] = [];
    for (const bytes of UNDECODABLE) {
      const outcome = await clients.raw(COMPLETE, bytes);
      codes.push(outcome.code ?? status.OK);
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), async bytes => {
        const outcome = await clients.raw(COMPLETE, Buffer.from(bytes));
        // Random bytes may decode to a valid (empty-ish) request: then a typed refusal is fine.
        expect(outcome.code, outcome.details).not.toBe(status.UNKNOWN);
        expect(outcome.code, outcome.details).not.toBe(status.UNAVAILABLE);
      }),
      { numRuns: fuzzRuns(60) },
    );
    for (const code of codes) {
      expect([status.INVALID_ARGUMENT, status.INTERNAL]).toContain(code);
    }
    // A model name that is not valid UTF-8 decodes (with replacement characters) to an unknown
    // deployment: a typed NOT_FOUND or INVALID_ARGUMENT, not a crash.
    const badUtf8 = await clients.raw(COMPLETE, Buffer.from([0x52, 0x02, 0xc3, 0x28]));
    expect([status.INVALID_ARGUMENT, status.NOT_FOUND]).toContain(badUtf8.code);
    await expectServing();
  });

  it('invalid JSON in parameters_json, metadata_json: INVALID_ARGUMENT naming the field; malformed input_json is kept raw', async () => {
    // A tool-call block's input_json is the model's arguments text: when it is not JSON it is
    // replayed as the raw text (never {}), not refused.
    const raw = await clients.call(
      'provider',
      'Complete',
      chat('hi', {
        messages: [
          { role: 'ROLE_USER', text_content: 'hi' },
          {
            role: 'ROLE_ASSISTANT',
            block_content: {
              blocks: [{ tool_call_block: { id: 'call_1', name: 'f', input_json: '{not json' } }],
            },
          },
        ],
      }),
    );
    expect(raw.code, raw.details).toBeUndefined();
    const cases: [string, GrpcJson][] = [
      ['parameters_json', { tools: [{ name: 'f', description: '', parameters_json: '{"type":' }] }],
      ['metadata_json', { metadata_json: '[1,' }],
    ];
    for (const [field, extra] of cases) {
      const outcome = await clients.call('provider', 'Complete', chat('hi', extra));
      expect(outcome.code, `${field}: ${outcome.details}`).toBe(status.INVALID_ARGUMENT);
      expect(outcome.details).toContain(field);
    }
    await expectServing();
  });

  it('invalid JSON in arguments_json (ParseToolCalls): never dropped; INVALID_ARGUMENT or the call kept raw', async () => {
    const outcome = await clients.call('provider', 'ParseToolCalls', {
      tool_calls: [
        { id: 'call_1', name: 'f', arguments_json: '{"a":' },
        { id: 'call_2', name: 'g', arguments_json: '{"b":1}' },
      ],
    });
    if (outcome.code !== undefined) {
      expect(outcome.code, outcome.details).toBe(status.INVALID_ARGUMENT);
      expect(outcome.details).toContain('arguments_json');
    } else {
      const calls = ((outcome.response?.tool_calls as GrpcJson[] | undefined) ?? []).map(
        call => call.id,
      );
      expect(calls).toEqual(['call_1', 'call_2']);
    }
    await expectServing();
  });

  it('random JSON-field garbage never crashes the server', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        async (input, metadata) => {
          const outcome = await clients.call(
            'provider',
            'Complete',
            chat('hi', {
              metadata_json: metadata,
              messages: [
                { role: 'ROLE_USER', text_content: 'hi' },
                {
                  role: 'ROLE_ASSISTANT',
                  block_content: {
                    blocks: [{ tool_call_block: { id: 'c', name: 'f', input_json: input } }],
                  },
                },
              ],
            }),
          );
          if (outcome.code !== undefined) {
            expect([status.INVALID_ARGUMENT, status.FAILED_PRECONDITION]).toContain(outcome.code);
          }
        },
      ),
      { numRuns: fuzzRuns(40) },
    );
    await expectServing();
  });

  it('oversize messages: RESOURCE_EXHAUSTED, server stays up', async () => {
    const outcome = await clients.call('provider', 'Complete', chat('x'.repeat(MAX_BYTES + 1024)));
    expect(outcome.code, outcome.details).toBe(status.RESOURCE_EXHAUSTED);
    await expectServing();
  });

  it('50 concurrent clients (unary and streaming): correct answers, then the server is healthy', async () => {
    const many = Array.from({ length: 50 }, () => connectModuleClients(server.address));
    try {
      const results = await Promise.all(
        many.map(async (client, index) => {
          if (index % 2 === 0) {
            const outcome = await client.call('provider', 'Complete', chat(`client ${index}`));
            return outcome.code === undefined
              ? answerText(outcome.response)
              : `error ${outcome.code}`;
          }
          const streamed = await client.stream(chat(`client ${index}`, { stream: true }));
          if (streamed.code !== undefined) return `error ${streamed.code}`;
          return answerText(streamed.responses.at(-1));
        }),
      );
      expect(results).toEqual(many.map((_, index) => `Echo: client ${index}`));
    } finally {
      for (const client of many) client.close();
    }
    await expectServing();
  });
});

describe('CLI serve: SIGTERM finishes calls in flight', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  });

  it('a slow call in flight when SIGTERM arrives completes successfully, then the process exits 0', async () => {
    const require = createRequire(import.meta.url);
    const cliPackage = require.resolve('@amplifier-azure-openai/cli/package.json');
    const bin = join(dirname(cliPackage), 'dist', 'bin.js');
    child = spawn(
      process.execPath,
      [bin, 'serve', '--port', '0', '--allow-unauthenticated-calls'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          AZURE_OPENAI_ENDPOINT: emulator.url,
          AZURE_OPENAI_API_KEY: emulator.apiKey,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const spawned = child;
    const order: string[] = [];
    let stdout = '';
    const address = await new Promise<string>((resolve, reject) => {
      spawned.stdout?.setEncoding('utf8');
      spawned.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        if (/shutting down/.test(chunk)) order.push('shutting-down');
        const match = /at http:\/\/([\d.]+:\d+)/.exec(stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      spawned.once('exit', code => reject(new Error(`serve exited early (${code}): ${stdout}`)));
    });
    const exited = new Promise<number | null>(resolve =>
      spawned.once('exit', code => resolve(code)),
    );
    const serveClients = connectModuleClients(address);
    try {
      emulator.recorder.clear();
      emulator.addFault({ kind: 'latency', ms: 2000 });
      const call = serveClients.call('provider', 'Complete', chat('finish me')).then(outcome => {
        order.push('answered');
        return outcome;
      });
      while (emulator.recorder.responsesRequests().length === 0) {
        await new Promise<void>(resolve => setImmediate(resolve));
      }
      spawned.kill('SIGTERM');
      const outcome = await call;
      expect(outcome.code, outcome.details).toBeUndefined();
      expect(answerText(outcome.response)).toBe('Echo: finish me');
      expect(await exited).toBe(0);
      // The shutdown began while the call was still in flight.
      expect(order).toEqual(['shutting-down', 'answered']);
    } finally {
      serveClients.close();
    }
  }, 30_000);
});
