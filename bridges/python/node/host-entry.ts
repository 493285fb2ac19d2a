// Entry of the single-file Node host shipped in the Python package (built by `pnpm build`).
import { runStdioHost } from 'amplifier-module-provider-azure-openai';

runStdioHost();
