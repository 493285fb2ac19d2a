import { describe, expect, it } from 'vitest';
import { redactingSink, SecretRegistry } from './redacting-sink.js';

describe('SecretRegistry / redactingSink', () => {
  it('replaces every occurrence of a registered secret', () => {
    const secrets = new SecretRegistry();
    secrets.add('super-secret-key-1');
    secrets.add('short');
    secrets.add(undefined);
    const chunks: string[] = [];
    const sink = redactingSink({ write: chunk => chunks.push(chunk) }, secrets);
    sink.write('key super-secret-key-1 and super-secret-key-1; short stays');
    expect(chunks).toEqual(['key [REDACTED] and [REDACTED]; short stays']);
    expect(JSON.stringify(secrets)).toBe('"SecretRegistry(1)"');
  });
});
