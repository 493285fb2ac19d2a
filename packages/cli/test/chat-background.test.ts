import type { Emulator } from '@amplifier-azure-openai/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, startTestEmulator, writeTemp } from './fixtures.js';
import { runBin } from './run-bin.js';

let emulator: Emulator;
let env: Record<string, string>;
beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorEnv(emulator);
}, 120_000);
afterAll(async () => {
  await emulator.close();
});

describe('chat: background responses (child process, emulator)', () => {
  it('polls a background response to the answer; --verbose shows each poll', async () => {
    const settings = writeTemp(
      'background.toml',
      'store = true\nbackground = true\npoll_interval = 0.01\n',
    );
    const result = await runBin(
      ['--verbose', 'chat', '--config', settings, '--model', 'gpt-4o', 'hello'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Echo: hello');
    const events = result.stderr
      .split('\n')
      .filter(line => line.startsWith('debug: event provider:background_'))
      .map(line => line.split(' ')[2]);
    expect(events[0]).toBe('provider:background_start');
    expect(events.filter(name => name === 'provider:background_poll').length).toBeGreaterThan(0);
    expect(emulator.backgroundResponses().at(-1)).toMatchObject({ status: 'completed' });
  });
});
