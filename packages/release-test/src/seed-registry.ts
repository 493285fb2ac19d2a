import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import type { InstalledPackage } from './dependency-closure.js';
import { type CommandOutput, runCommand } from './run-command.js';

/**
 * Packs the installed third-party packages (`npm pack`, no scripts) into `packDir` and publishes
 * each tarball to the local registry with the registry's own publish request (a PUT of the
 * packument with the tarball attached), so nothing can be sent anywhere but `registryUrl`
 * (npm publish would follow a package's own `publishConfig.registry`).
 */
export async function seedRegistry(
  packages: readonly InstalledPackage[],
  options: { registryUrl: string; token: string; packDir: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  if (packages.length === 0) return;
  // npm refuses to pack a directory inside node_modules: pack copies of them.
  const copies = packages.map((p, index) => {
    const copy = path.join(options.packDir, 'sources', String(index));
    cpSync(p.dir, copy, { recursive: true, dereference: true });
    return copy;
  });
  const packed: CommandOutput = runCommand(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', options.packDir, ...copies],
    { cwd: options.packDir, env: options.env },
  );
  const results = JSON.parse(packed.stdout) as Array<{
    filename: string;
    name: string;
    version: string;
  }>;
  for (const result of results) {
    const installed = packages.find(p => p.name === result.name && p.version === result.version);
    if (installed === undefined)
      throw new Error(`npm pack produced an unexpected ${result.filename}`);
    const manifest = JSON.parse(
      readFileSync(path.join(installed.dir, 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    for (const key of Object.keys(manifest)) if (key.startsWith('_')) delete manifest[key];
    delete manifest.publishConfig;
    const tarball = readFileSync(path.join(options.packDir, path.basename(result.filename)));
    const tarballName = `${result.name}-${result.version}.tgz`;
    const body = {
      _id: result.name,
      name: result.name,
      'dist-tags': { latest: result.version },
      versions: {
        [result.version]: {
          ...manifest,
          _id: `${result.name}@${result.version}`,
          dist: {
            shasum: createHash('sha1').update(tarball).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
            tarball: new URL(`${result.name}/-/${tarballName}`, options.registryUrl).href,
          },
        },
      },
      _attachments: {
        [tarballName]: {
          content_type: 'application/octet-stream',
          data: tarball.toString('base64'),
          length: tarball.length,
        },
      },
    };
    const answer = await putJson(
      new URL(encodeURIComponent(result.name).replace(/^%40/, '@'), options.registryUrl),
      options.token,
      JSON.stringify(body),
    );
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(
        `seeding ${result.name}@${result.version} failed: ${answer.status} ${answer.text}`,
      );
    }
  }
}

/**
 * One PUT on its own connection (`agent: false`): the registry may close an idle keep-alive
 * socket, and a large body written into it then fails with EPIPE instead of an answer.
 */
function putJson(url: URL, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
