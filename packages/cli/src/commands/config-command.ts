import type { CommandSpec } from '../command-spec.js';
import { EXIT_CODES } from '../exit-codes.js';
import { oneLine } from '../format-error.js';
import { formatTable } from '../output.js';
import { CONFIG_OPTION } from './shared-options.js';

/**
 * `config [--config FILE]`: the effective configuration, each value with its source (`config`,
 * `env` or `default`), secrets redacted, then the warnings, the auth method and the deployment
 * mapping. Exit code 2 when the configuration is invalid.
 */
export const configCommand: CommandSpec = {
  name: 'config',
  summary: 'Show the effective configuration, where each value came from, and warnings.',
  usage: 'config [--config FILE]',
  description: [
    'Prints every configuration key with its value and source: config (the --config file),',
    'env (an environment variable) or default. Secrets print [REDACTED]. Warnings, the chosen',
    'auth method and the deployment mapping follow. Invalid configuration: exit code 2.',
  ].join('\n'),
  options: { config: CONFIG_OPTION },
  positionals: 'none',
  examples: [
    'config',
    'config --config ~/.amplifier/settings.toml',
    'config --config azure-openai.json',
  ],
  async run({ io, values, secrets }) {
    const [
      { createAuthStrategy },
      { describeConfig },
      { createDeploymentResolver },
      { loadCliConfig },
    ] = await Promise.all([
      import('@amplifier-azure-openai/auth'),
      import('@amplifier-azure-openai/config'),
      import('@amplifier-azure-openai/deployments'),
      import('../load-cli-config.js'),
    ]);
    const { resolved, configPath } = loadCliConfig({
      configFile: values.config as string | undefined,
      env: io.env,
      cwd: io.cwd,
      secrets,
    });
    const out = io.stdout;
    out.write(
      configPath === undefined
        ? 'Effective configuration (environment and defaults; no --config file):\n'
        : `Effective configuration (settings file ${configPath}, then environment, then defaults):\n`,
    );
    const rows = describeConfig(resolved).map(row => [row.key, row.value, `(${row.source})`]);
    out.write(formatTable(rows));

    out.write('\nWarnings:\n');
    if (resolved.warnings.length === 0) out.write('  none\n');
    for (const warning of resolved.warnings) {
      const fix = warning.fix === undefined ? '' : ` Fix: ${warning.fix}`;
      out.write(`  - ${warning.key}: ${oneLine(warning.message + fix)}\n`);
    }

    out.write('\nAuthentication:\n');
    try {
      const description = createAuthStrategy(resolved.config).describe();
      const reason = oneLine(description.reason);
      out.write(
        reason.startsWith(`${description.method}:`)
          ? `  ${reason}\n`
          : `  ${description.method}: ${reason}\n`,
      );
    } catch (error) {
      out.write(`  none: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    }

    out.write('\nDeployments:\n');
    const resolver = createDeploymentResolver(resolved.config);
    const models = new Set([...Object.keys(resolved.config.deploymentMapping)]);
    models.add(resolved.config.defaultModel);
    const lines = [...models].map(model => {
      const resolution = resolver.resolve(model);
      const marker = model === resolved.config.defaultModel ? ' [default model]' : '';
      return `  ${resolution.description}${marker}\n`;
    });
    for (const line of lines) out.write(line);
    return EXIT_CODES.ok;
  },
};
