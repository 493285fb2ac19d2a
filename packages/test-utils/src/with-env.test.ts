import { describe, expect, it } from 'vitest';
import { withEnv } from './with-env.js';

const A = 'TEST_UTILS_WITH_ENV_A';
const B = 'TEST_UTILS_WITH_ENV_B';

describe('withEnv', () => {
  it('sets and removes variables for the call, then restores them exactly', () => {
    process.env[A] = 'before';
    delete process.env[B];
    const seen = withEnv({ [A]: undefined, [B]: 'set' }, () => [process.env[A], process.env[B]]);
    expect(seen).toEqual([undefined, 'set']);
    expect(process.env[A]).toBe('before');
    expect(Object.hasOwn(process.env, B)).toBe(false);
    delete process.env[A];
  });

  it('restores when the function throws', () => {
    expect(() =>
      withEnv({ [A]: 'x' }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Object.hasOwn(process.env, A)).toBe(false);
  });

  it('waits for an async function before restoring', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const running = withEnv({ [A]: 'async' }, async () => {
      await gate;
      return process.env[A];
    });
    expect(process.env[A]).toBe('async');
    release();
    await expect(running).resolves.toBe('async');
    expect(Object.hasOwn(process.env, A)).toBe(false);
  });

  it('restores when the async function rejects', async () => {
    await expect(
      withEnv({ [A]: 'x' }, async () => {
        throw new Error('async boom');
      }),
    ).rejects.toThrow('async boom');
    expect(Object.hasOwn(process.env, A)).toBe(false);
  });
});
