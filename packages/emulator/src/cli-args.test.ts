import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';
import { EmulatorError } from './emulator-error.js';

describe('parseCliArgs', () => {
  it('parses every option, with spaces or =', () => {
    expect(
      parseCliArgs([
        '--port',
        '8080',
        '--api-key=k',
        '--token-lifetime',
        '60',
        '--latency=5',
        '--stream-delay',
        '2',
      ]),
    ).toEqual({
      help: false,
      version: false,
      port: 8080,
      apiKey: 'k',
      tokenLifetimeSeconds: 60,
      latencyMs: 5,
      streamDelayMs: 2,
    });
    expect(parseCliArgs(['--help']).help).toBe(true);
    expect(parseCliArgs([]).port).toBe(0);
  });

  it.each([
    ['--port', 'x'],
    ['--port', '70000'],
    ['--bogus'],
    ['--api-key'],
    ['--token-lifetime', '0'],
  ])('rejects %j with a typed error', (...argv) => {
    let error: unknown;
    try {
      parseCliArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(EmulatorError.isInstance(error)).toBe(true);
    expect((error as EmulatorError).fix).toBeTruthy();
  });
});

describe('parseCliArgs --quota', () => {
  it('reads repeatable quotas and applies the window to all', () => {
    expect(
      parseCliArgs(['--quota', 'a=1000/6', '--quota=b=/3', '--quota-window', '10000']).quotas,
    ).toEqual({ a: { tpm: 1000, rpm: 6, windowMs: 10_000 }, b: { rpm: 3, windowMs: 10_000 } });
  });

  it('rejects a malformed quota and a window without quota', () => {
    expect(() => parseCliArgs(['--quota', 'a=lots'])).toThrow(/--quota needs/);
    expect(() => parseCliArgs(['--quota', 'a=/'])).toThrow(/--quota needs/);
    expect(() => parseCliArgs(['--quota-window', '10'])).toThrow(/without --quota/);
  });
});
