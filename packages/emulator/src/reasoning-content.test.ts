import { describe, expect, it } from 'vitest';
import { encryptReasoning, isEmulatorReasoning } from './reasoning-content.js';

describe('reasoning content', () => {
  it('recognises its own content and rejects tampered or foreign content', () => {
    const content = encryptReasoning('rs_1');
    expect(isEmulatorReasoning(content)).toBe(true);
    expect(content).toBe(encryptReasoning('rs_1'));
    expect(isEmulatorReasoning(`${content.slice(0, -4)}AAAA`)).toBe(false);
    expect(isEmulatorReasoning('gAAAAABnot-ours')).toBe(false);
    expect(isEmulatorReasoning('')).toBe(false);
  });
});
