import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { officialClients } from './official-client.js';

type Api = typeof import('../src/index.js');
type Internal = typeof import('../src/internal.js');
type Testing = typeof import('../src/testing.js');

// The built files are loaded by path, so typechecking does not need dist/. The ESM and CJS builds
// must both find the shipped proto (resolved relative to the built file) and serve it.
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const esm = (await import(new URL('../dist/index.js', import.meta.url).href)) as Api;
const cjs = createRequire(import.meta.url)('../dist/index.cjs') as Api;
const esmInternal = (await import(
  new URL('../dist/internal.js', import.meta.url).href
)) as Internal;
const cjsInternal = createRequire(import.meta.url)('../dist/internal.cjs') as Internal;
const esmTesting = (await import(new URL('../dist/testing.js', import.meta.url).href)) as Testing;
const cjsTesting = createRequire(import.meta.url)('../dist/testing.cjs') as Testing;

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
    expect(Object.keys(cjsInternal).sort()).toEqual(Object.keys(esmInternal).sort());
    expect(Object.keys(cjsTesting).sort()).toEqual(Object.keys(esmTesting).sort());
    expect(Object.keys(esm)).toEqual(
      expect.arrayContaining(['mount', 'startGrpcServer', 'renderAmplifierToml']),
    );
    // Test helpers and proto plumbing live behind the ./testing and ./internal subpaths.
    expect(Object.keys(esmTesting)).toEqual(['createTestCoordinator']);
    expect(Object.keys(esmInternal)).toEqual(expect.arrayContaining(['errorToStatus']));
    expect(Object.keys(esm)).not.toContain('createTestCoordinator');
    expect(Object.keys(esm)).not.toContain('errorToStatus');
    expect(esm.VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("recognise each other's errors", () => {
    const error = new cjs.ProtoConversionError({ field: 'f', message: 'bad' });
    expect(esm.ProtoConversionError.isInstance(error)).toBe(true);
    expect(esmInternal.errorToStatus(error).details).toContain('f: bad');
    expect(cjsInternal.errorToStatus(error).details).toContain('f: bad');
  });
});
