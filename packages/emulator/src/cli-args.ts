import { EmulatorError } from './emulator-error.js';
import type { DeploymentQuota } from './types.js';

/** Parsed command line of `azure-openai-emulator`. */
export interface CliArgs {
  help: boolean;
  version: boolean;
  port: number;
  apiKey?: string | undefined;
  tokenLifetimeSeconds?: number | undefined;
  latencyMs?: number | undefined;
  streamDelayMs?: number | undefined;
  /** `--quota name=tpm/rpm` (repeatable) with `--quota-window`. */
  quotas?: Record<string, DeploymentQuota> | undefined;
}

/** The `--help` text. */
export const USAGE = `Usage: azure-openai-emulator [options]

A local Azure OpenAI resource on 127.0.0.1 (Responses API, api-key and Entra auth,
App Service managed identity, fault injection). Prints ready-to-paste environment
variables, then serves until SIGINT/SIGTERM.

Options:
  --port <n>             TCP port (default 0: a free port)
  --api-key <key>        the resource's API key (default: random)
  --token-lifetime <s>   lifetime of managed-identity tokens in seconds (default 3600)
  --latency <ms>         delay before every answer in milliseconds (default 0)
  --stream-delay <ms>    delay between streamed events in milliseconds (default 0)
  --quota <d>=<tpm>/<rpm>  rate-limit deployment d like Azure (tokens/requests per window;
                         either may be empty, e.g. gpt-5=1000/ or gpt-5=/6); repeatable
  --quota-window <ms>    the quota window in milliseconds (default 60000, Azure's minute)
  --version              print the version
  --help                 print this help
`;

function numberArg(flag: string, value: string | undefined, min: number): number {
  const n = value === undefined ? Number.NaN : Number(value);
  if (
    !Number.isFinite(n) ||
    n < min ||
    (flag === '--port' && (!Number.isInteger(n) || n > 65535))
  ) {
    throw new EmulatorError({
      message: `${flag} needs a number${flag === '--port' ? ' from 0 to 65535' : ` >= ${min}`}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}.`,
      field: flag,
      fix: `Pass e.g. ${flag} ${flag === '--port' ? '8080' : '10'}.`,
    });
  }
  return n;
}

/** Parses `argv` (without node and the script); throws `EmulatorError` for bad input. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { help: false, version: false, port: 0 };
  let quotaWindowMs: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq !== -1 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq !== -1 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return argv[i];
    };
    switch (flag) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--version':
        args.version = true;
        break;
      case '--port':
      case '-p':
        args.port = numberArg('--port', value(), 0);
        break;
      case '--api-key': {
        const key = value();
        if (key === undefined || key.trim() === '' || key.startsWith('--')) {
          throw new EmulatorError({
            message: '--api-key needs a value.',
            field: '--api-key',
            fix: 'Pass e.g. --api-key my-test-key.',
          });
        }
        args.apiKey = key;
        break;
      }
      case '--token-lifetime':
        args.tokenLifetimeSeconds = numberArg('--token-lifetime', value(), 1);
        break;
      case '--latency':
        args.latencyMs = numberArg('--latency', value(), 0);
        break;
      case '--stream-delay':
        args.streamDelayMs = numberArg('--stream-delay', value(), 0);
        break;
      case '--quota': {
        const spec = value() ?? '';
        const match = /^([^=\s]+)=(\d*)\/(\d*)$/.exec(spec);
        if (match === null || (match[2] === '' && match[3] === '')) {
          throw new EmulatorError({
            message: `--quota needs <deployment>=<tpm>/<rpm>, got ${JSON.stringify(spec)}.`,
            field: '--quota',
            fix: 'Pass e.g. --quota gpt-5=1000/6 (1000 tokens and 6 requests per window).',
          });
        }
        args.quotas ??= {};
        args.quotas[match[1] as string] = {
          ...(match[2] === '' ? {} : { tpm: Number(match[2]) }),
          ...(match[3] === '' ? {} : { rpm: Number(match[3]) }),
        };
        break;
      }
      case '--quota-window':
        quotaWindowMs = numberArg('--quota-window', value(), 1);
        break;
      default:
        throw new EmulatorError({
          message: `Unknown option ${JSON.stringify(raw)}.`,
          field: raw,
          fix: 'Run azure-openai-emulator --help for the options.',
        });
    }
  }
  if (quotaWindowMs !== undefined) {
    if (args.quotas === undefined) {
      throw new EmulatorError({
        message: '--quota-window has no effect without --quota.',
        field: '--quota-window',
        fix: 'Add e.g. --quota gpt-5=1000/6, or drop --quota-window.',
      });
    }
    for (const quota of Object.values(args.quotas)) quota.windowMs = quotaWindowMs;
  }
  return args;
}
