import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Importing the package (its main entry and the ./testing and ./internal subpaths) must not load
// @grpc/grpc-js or @grpc/proto-loader (about 200 ms): hosts that only call mount() in process
// never need them. Each check runs in a fresh node process
// against the built files, and reads require.cache, where Node records every CommonJS module it
// loads (also when an ES module imports one; both gRPC packages are CommonJS only). The last
// step of each script is a positive control: errorToStatus() needs grpc-js's Metadata, so after it
// the packages must show up, proving the check can see them.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const run = promisify(execFile);

interface Report {
  afterImport: string[];
  afterMount: string[];
  mounted: string[];
  afterErrorToStatus: string[];
  metadataName: unknown;
}

const body = `
  const grpcLoaded = () =>
    Object.keys(require.cache).filter((file) => /[\\\\/]@grpc[\\\\/]/.test(file))
      .map((file) => file.includes('proto-loader') ? '@grpc/proto-loader' : '@grpc/grpc-js')
      .filter((name, index, all) => all.indexOf(name) === index).sort();
  const report = { afterImport: grpcLoaded() };
  const coordinator = api.createTestCoordinator();
  const cleanup = await api.mount(
    coordinator,
    { azure_endpoint: 'https://example.openai.azure.com', api_key: 'test-key', default_model: 'gpt-4o' },
    { env: {} },
  );
  report.mounted = Object.keys(coordinator.getMounted('providers'));
  await cleanup?.();
  report.afterMount = grpcLoaded();
  const status = api.errorToStatus(new Error('boom'));
  report.metadataName = status.metadata.get('x-error-name')[0];
  report.afterErrorToStatus = grpcLoaded();
  console.log(JSON.stringify(report));
`;

async function child(args: string[]): Promise<Report> {
  const { stdout } = await run(process.execPath, args, { cwd: distDir });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Report;
}

describe.each([
  [
    'ESM',
    [
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const require = createRequire(import.meta.url);
       const api = {
         ...(await import(${JSON.stringify(pathToFileURL(path.join(distDir, 'index.js')).href)})),
         ...(await import(${JSON.stringify(pathToFileURL(path.join(distDir, 'testing.js')).href)})),
         ...(await import(${JSON.stringify(pathToFileURL(path.join(distDir, 'internal.js')).href)})),
       };
       ${body}`,
    ],
  ],
  [
    'CJS',
    [
      '-e',
      `(async () => {
         const api = {
           ...require(${JSON.stringify(path.join(distDir, 'index.cjs'))}),
           ...require(${JSON.stringify(path.join(distDir, 'testing.cjs'))}),
           ...require(${JSON.stringify(path.join(distDir, 'internal.cjs'))}),
         };
         ${body}
       })().catch((error) => { console.error(error); process.exit(1); });`,
    ],
  ],
])('importing the built package (%s)', (_format, args) => {
  it('does not load the gRPC packages until a gRPC feature is used', async () => {
    const report = await child(args);
    expect(report.afterImport).toEqual([]);
    expect(report.mounted).toEqual(['azure-openai']);
    expect(report.afterMount).toEqual([]);
    expect(report.metadataName).toBe('Error');
    expect(report.afterErrorToStatus).toEqual(['@grpc/grpc-js']);
  });
});
