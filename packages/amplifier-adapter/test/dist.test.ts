import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { officialClients } from './official-client.js';

type Api = typeof import('../src/index.js');

// The built files are loaded by path, so typechecking does not need dist/. The ESM and CJS builds
// must both find the shipped proto (resolved relative to the built file) and serve it.
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const esm = (await import(new URL('../dist/index.js', import.meta.url).href)) as Api;
const cjs = createRequire(import.meta.url)('../dist/index.cjs') as Api;

describe.each([
  ['ESM', esm],
  ['CJS', cjs],
])('built package (%s)', (_format, api) => {
  it('resolves the shipped proto next to the built files', () => {
    const proto = api.protoPath();
    expect(proto).toBe(path.join(packageRoot, 'proto', 'amplifier_provider.proto'));
    expect(existsSync(proto)).toBe(true);
  });

  it('starts a gRPC server that answers the official proto', async () => {
    const server = await api.startGrpcServer({ env: {} });
    const clients = officialClients(server.address);
    try {
      const health = await clients.call(clients.lifecycle, 'HealthCheck');
      expect(health.status).toBe('HEALTH_STATUS_NOT_SERVING');
      const info = await clients.call(clients.lifecycle, 'GetModuleInfo');
      expect(info.version).toBe(api.VERSION);
    } finally {
      clients.close();
      await server.close();
    }
  });
});

describe('ESM and CJS builds', () => {
  it('export the same API', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(esm)).toEqual(
      expect.arrayContaining([
        'mount',
        'createTestCoordinator',
        'startGrpcServer',
        'renderAmplifierToml',
        'errorToStatus',
      ]),
    );
    expect(esm.VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("recognise each other's errors", () => {
    const error = new cjs.ProtoConversionError({ field: 'f', message: 'bad' });
    expect(esm.ProtoConversionError.isInstance(error)).toBe(true);
    expect(esm.errorToStatus(error).details).toContain('f: bad');
  });
});
