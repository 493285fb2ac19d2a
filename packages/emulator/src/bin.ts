#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli-args.js';
import { EmulatorError } from './emulator-error.js';
import { startEmulator } from './start-emulator.js';
import { VERSION } from './version.js';

async function main(): Promise<number> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (EmulatorError.isInstance(error)) {
      process.stderr.write(`azure-openai-emulator: ${error.message} ${error.fix}\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const emulator = await startEmulator({
    port: args.port,
    apiKey: args.apiKey,
    tokenLifetimeSeconds: args.tokenLifetimeSeconds,
    latencyMs: args.latencyMs,
    streamDelayMs: args.streamDelayMs,
    quotas: args.quotas,
  });
  // Listen for signals before printing: whoever reads the output may signal at once.
  const stopped = new Promise<void>(resolve => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const deployments = Object.entries(emulator.deployments)
    .map(([name, d]) => `${name} (${d.model}${d.reasoning === true ? ', reasoning' : ''})`)
    .join(', ');
  const lines = [
    `Azure OpenAI emulator listening on ${emulator.url}`,
    `Deployments: ${deployments}`,
    '',
    'Paste into your shell:',
    ...Object.entries(emulator.env()).map(([k, v]) => `export ${k}=${v}`),
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  await stopped;
  await emulator.close();
  process.stdout.write('Azure OpenAI emulator stopped.\n');
  return 0;
}

main().then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `azure-openai-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
