import type { CommandSpec, OptionSpec } from './command-spec.js';
import { EXIT_CODES } from './exit-codes.js';
import { GLOBAL_OPTIONS, TOP_LEVEL_OPTIONS } from './global-options.js';

/** The program name used in help and messages. */
export const PROGRAM = 'amplifier-azure-openai';

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return { left: `${short}--${name}${value}`, right: spec.description };
  });
  const width = Math.max(...rows.map(row => row.left.length));
  return rows.map(row => `  ${row.left.padEnd(width)}  ${row.right}`);
}

const EXIT_CODE_LINES = [
  `  ${EXIT_CODES.ok}  success`,
  `  ${EXIT_CODES.failure}  any other failure (network, service error, failed doctor check)`,
  `  ${EXIT_CODES.config}  configuration, settings file, --tools file or usage error`,
  `  ${EXIT_CODES.auth}  authentication failed`,
  `  ${EXIT_CODES.deploymentNotFound}  deployment not found`,
  `  ${EXIT_CODES.rateLimited}  rate limited after retries`,
  `  ${EXIT_CODES.contentFiltered}  blocked by the content filter`,
  `  ${EXIT_CODES.interrupted}  interrupted (SIGINT, Ctrl+C) during a call; ${EXIT_CODES.terminated} for SIGTERM`,
];

/** The `--help` text of one command. */
export function renderCommandHelp(spec: CommandSpec): string {
  return [
    `Usage: ${PROGRAM} ${spec.usage}`,
    '',
    spec.description,
    '',
    'Options:',
    ...optionLines({ ...spec.options, ...GLOBAL_OPTIONS }),
    '',
    'Examples:',
    ...spec.examples.map(example => `  ${PROGRAM} ${example}`),
    '',
    'Exit codes:',
    ...EXIT_CODE_LINES,
    '',
  ].join('\n');
}

/** The global `--help` text. */
export function renderGlobalHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map(command => command.name.length));
  return [
    `Usage: ${PROGRAM} [--verbose] <command> [options]`,
    '',
    'The Azure OpenAI provider for Amplifier, from a terminal: chat with a deployment, show the',
    'effective configuration, diagnose a set-up, serve the provider to Amplifier over gRPC.',
    '',
    'Commands:',
    ...commands.map(command => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    ...optionLines(TOP_LEVEL_OPTIONS),
    '',
    'Configuration: --config FILE (Amplifier settings TOML with [[providers]] name = "azure-openai",',
    'or a plain TOML/JSON file of the keys) over environment variables such as',
    'AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY. See `config --help`.',
    '',
    'Exit codes:',
    ...EXIT_CODE_LINES,
    '',
    `Run '${PROGRAM} <command> --help' for a command's options.`,
    '',
  ].join('\n');
}
