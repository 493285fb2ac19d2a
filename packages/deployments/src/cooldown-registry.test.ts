import { describe, expect, it } from 'vitest';
import { CooldownRegistry } from './cooldown-registry.js';

describe('CooldownRegistry', () => {
  it('expires cooldowns against the injected clock and only extends them', () => {
    let time = 0;
    const registry = new CooldownRegistry(() => time);
    expect(registry.availableAt('a')).toBeUndefined();
    expect(registry.coolDown('a', 100)).toBe(100);
    expect(registry.coolDown('a', 50)).toBe(100);
    expect(registry.coolDown('a', 150)).toBe(150);
    time = 149;
    expect(registry.remainingMs('a')).toBe(1);
    expect(registry.remainingMs('b')).toBe(0);
    time = 150;
    expect(registry.availableAt('a')).toBeUndefined();
    expect(registry.remainingMs('a')).toBe(0);
  });
});
