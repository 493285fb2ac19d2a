import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAmplifierToml } from './amplifier-toml.js';

describe('renderAmplifierToml', () => {
  it('renders the module manifest for a gRPC provider', () => {
    expect(renderAmplifierToml({ endpoint: 'http://127.0.0.1:50051' })).toBe(
      '[module]\nname = "provider-azure-openai"\ntype = "provider"\ntransport = "grpc"\n\n[grpc]\nendpoint = "http://127.0.0.1:50051"\n',
    );
  });

  it('matches the shipped amplifier.toml for the default endpoint', () => {
    const shipped = readFileSync(new URL('../amplifier.toml', import.meta.url), 'utf8')
      .split('\n')
      .filter(line => !line.startsWith('#'))
      .join('\n');
    expect(shipped).toBe(
      renderAmplifierToml({ endpoint: 'dns://127.0.0.1:50051/127.0.0.1:50051' }),
    );
  });
});
