export type { CliIo, SignalDisposer, TextSink } from './cli-io.js';
export { EXIT_CODES, type ExitCode, exitCodeFor, exitCodeForSignal } from './exit-codes.js';
export { formatErrorLine } from './format-error.js';
export { runCli } from './run-cli.js';
export { ToolsFileError, type ToolsFileErrorOptions } from './tools-file-error.js';
export { UsageError, type UsageErrorOptions } from './usage-error.js';
export { VERSION } from './version.js';
