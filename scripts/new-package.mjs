// Scaffolds a workspace package with the project's shared conventions (used once per package).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, name, description, privateFlag, bins] = process.argv.slice(2);
const root = join('packages', dir);
mkdirSync(join(root, 'src'), { recursive: true });
const isPrivate = privateFlag === 'private';
const binEntries = bins ? bins.split(',') : [];
const pkg = {
  name,
  version: '0.1.0',
  description,
  license: 'MIT',
  ...(isPrivate ? { private: true } : {}),
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20.19' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  ...(binEntries.length
    ? {
        bin: Object.fromEntries(
          binEntries.map(b => [b.split(':')[0], `./bin/${b.split(':')[0]}.js`]),
        ),
      }
    : {}),
  files: [...(binEntries.length ? ['bin'] : []), 'dist', 'README.md', 'CHANGELOG.md'],
  repository: {
    type: 'git',
    url: 'git+https://github.com/amplifier-azure-openai/amplifier-azure-openai.git',
    directory: `packages/${dir}`,
  },
  ...(isPrivate ? {} : { publishConfig: { access: 'public' } }),
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    test: "vitest run --exclude '**/*.conformance.test.ts'",
    'test:conformance':
      'vitest run --passWithNoTests --testTimeout=60000 --hookTimeout=60000 .conformance.test.',
    ...(isPrivate ? {} : { 'check:package': 'publint --strict && attw --pack . --profile node16' }),
  },
};
writeFileSync(join(root, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
// Every published tarball carries the license text.
if (!isPrivate) copyFileSync('LICENSE', join(root, 'LICENSE'));
// A bin is a checked-in wrapper importing dist/: pnpm links a bin only when its file exists at
// install time, before any build.
for (const b of binEntries) {
  const [command, entry] = b.split(':');
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(
    join(root, 'bin', `${command}.js`),
    `#!/usr/bin/env node
import { existsSync } from 'node:fs';

const target = new URL('../dist/${entry}.js', import.meta.url);
if (existsSync(target)) {
  await import(target.href);
} else {
  process.stderr.write('error: ${name} is not built (dist/${entry}.js is missing). Run \`pnpm build\` first.\\n');
  process.exitCode = 1;
}
`,
    { mode: 0o755 },
  );
}
writeFileSync(
  join(root, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.ts'] }, null, 2)}\n`,
);
const entries = ['src/index.ts', ...binEntries.map(b => `src/${b.split(':')[1]}.ts`)];
const entryOverride =
  entries.length > 1
    ? `, { entry: ${JSON.stringify(entries).replaceAll('"', "'").replaceAll(',', ', ')} }`
    : '';
writeFileSync(
  join(root, 'tsup.config.ts'),
  `import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig(packageBuild(packageJson.version${entryOverride}));
`,
);
writeFileSync(
  join(root, 'src', 'version.ts'),
  `declare const __PACKAGE_VERSION__: string | undefined;

/** The published version of this package (\`0.0.0-test\` when run from source). */
export const VERSION: string =
  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-test';
`,
);
if (!existsSync(join(root, 'src', 'index.ts')))
  writeFileSync(join(root, 'src', 'index.ts'), `export { VERSION } from './version.js';\n`);
if (!existsSync(join(root, 'README.md')))
  writeFileSync(join(root, 'README.md'), `# ${name}\n\n${description}\n`);
