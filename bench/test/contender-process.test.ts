/**
 * A contender in a process of its own, against the emulator in another: the real provider over
 * loopback, driven over IPC the way cases 1 and 2 drive it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContenderProcess } from '../src/contender-process.js';
import { createBenchProvider } from '../src/contenders.js';
import { type EmulatorProcess, startEmulatorProcess } from '../src/emulator-process.js';
import { simpleChatRequest } from '../src/scenarios.js';

let emu: EmulatorProcess;
let providerBody: Record<string, unknown>;

beforeAll(async () => {
  emu = await startEmulatorProcess({ maxRecordedRequests: 10 });
  const provider = createBenchProvider(emu);
  await provider.complete(simpleChatRequest());
  await provider.close();
  providerBody = (await emu.lastBody()) as Record<string, unknown>;
}, 60_000);

afterAll(async () => {
  await emu?.close();
});

describe('startContenderProcess', () => {
  it('answers, runs timed batches over the network and closes', async () => {
    const contender = await startContenderProcess({
      id: 'provider',
      scenario: 'simple',
      endpoint: emu.endpoint,
      providerBody,
    });
    try {
      const network = contender.variant('network');
      const answer = await network.answer();
      expect(answer.text).toMatch(/^Echo: /);
      const before = (await emu.stats()).totalRequests;
      const latencies: number[] = [];
      const timing = await network.runBatch(12, 3, latencies);
      expect((await emu.stats()).totalRequests - before).toBe(12);
      expect(latencies).toHaveLength(12);
      expect(timing.ms).toBeGreaterThan(0);
      expect(timing.cpuUs).toBeGreaterThan(0);
    } finally {
      await contender.close();
    }
  });

  it('serves a canned copy beside the network one; the canned one never touches the network', async () => {
    const contender = await startContenderProcess({
      id: 'openai-sdk',
      scenario: 'simple',
      endpoint: emu.endpoint,
      providerBody,
      canned: { status: 200, body: JSON.stringify(CANNED_RESPONSE) },
    });
    try {
      const before = (await emu.stats()).totalRequests;
      expect((await contender.variant('canned').answer()).text).toBe('canned text');
      await contender.variant('canned').runBatch(5, 1);
      expect((await emu.stats()).totalRequests).toBe(before);
      expect((await contender.variant('network').answer()).text).toMatch(/^Echo: /);
      expect((await emu.stats()).totalRequests).toBe(before + 1);
    } finally {
      await contender.close();
    }
  });

  it('refuses the canned copy when started without a canned answer', async () => {
    const contender = await startContenderProcess({
      id: 'fetch',
      scenario: 'simple',
      endpoint: emu.endpoint,
      providerBody,
    });
    try {
      await expect(contender.variant('canned').answer()).rejects.toThrow(
        "fetch: no 'canned' variant (start with a canned answer)",
      );
    } finally {
      await contender.close();
    }
  });

  it('reports a contender it cannot build with its id', async () => {
    await expect(
      startContenderProcess({
        id: 'nope' as 'fetch',
        scenario: 'simple',
        endpoint: emu.endpoint,
        providerBody,
      }),
    ).rejects.toThrow("contender process 'nope' failed to start: unknown contender 'nope'");
  });
});

const CANNED_RESPONSE = {
  id: 'resp_canned',
  object: 'response',
  created_at: 1,
  status: 'completed',
  model: 'gpt-4o',
  output: [
    {
      type: 'message',
      id: 'msg_canned',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'canned text', annotations: [] }],
    },
  ],
  usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
};
