import { describe, expect, it } from 'vitest';
import { resolveApiVersion } from './api-version.js';

describe('resolveApiVersion', () => {
  it('unset -> v1 surface, no version', () => {
    expect(resolveApiVersion(undefined)).toEqual({ ok: true, surface: 'v1' });
  });

  it.each(['v1', 'latest', 'preview', 'V1', ' Latest ', 'PREVIEW'])('%s -> v1 surface', raw => {
    expect(resolveApiVersion(raw)).toEqual({
      ok: true,
      surface: 'v1',
      apiVersion: raw.trim().toLowerCase(),
    });
  });

  it.each([
    '2025-03-01-preview',
    '2025-04-01-preview',
    '2025-06-15',
    '2026-01-01-preview',
    '2025-03-01',
  ])('%s -> dated surface', raw => {
    expect(resolveApiVersion(raw)).toEqual({ ok: true, surface: 'dated', apiVersion: raw });
  });

  it.each(['2024-02-15-preview', '2024-10-01-preview', '2024-10-21', '2025-02-28-preview'])(
    '%s predates the Responses API -> warning and the v1 surface',
    raw => {
      const result = resolveApiVersion(raw);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.surface).toBe('v1');
      expect(result.apiVersion).toBeUndefined();
      expect(result.warning).toContain(raw);
      expect(result.warning).toContain('2025-03-01-preview');
    },
  );

  it.each(['banana', 'v2', '2025-3-1', '2025-02-30-preview', '2025-04-01-beta', '20250401', ''])(
    'rejects malformed %o',
    raw => {
      const result = resolveApiVersion(raw, 'AZURE_OPENAI_API_VERSION');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toContain('AZURE_OPENAI_API_VERSION');
      expect(result.fix).toContain('2025-03-01-preview');
    },
  );
});
