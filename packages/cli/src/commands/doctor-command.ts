import { cancelOnSignal } from '../cancel-on-signal.js';
import type { CommandSpec } from '../command-spec.js';
import type { CheckResult } from '../doctor/check-result.js';
import type { DeploymentProbe } from '../doctor/deployment-probes.js';
import { formatCheck, formatSummary } from '../doctor/format-report.js';
import { EXIT_CODES } from '../exit-codes.js';
import { errorMessage, oneLine } from '../format-error.js';
import type { LoadedCliConfig } from '../load-cli-config.js';
import { CONFIG_OPTION } from './shared-options.js';

/**
 * `doctor [--config FILE]`: checks the set-up end to end, each check pass/warn/fail with a fix:
 * configuration, endpoint shape, API surface and version, auth (a real token for token methods),
 * a real tiny request to every mapped deployment and the default one, reasoning/temperature
 * compatibility. Exit code 0 when nothing failed, else the code of the first failure's category
 * (2 config, 3 auth, 4 deployment not found) or 1.
 */
export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary: 'Check configuration, endpoint, API version, credentials and every deployment.',
  usage: 'doctor [--config FILE]',
  description: [
    'Runs each check and prints pass, WARN or FAIL with a fix: configuration valid, endpoint',
    'shape, API surface and version, auth method (and a real token for Entra ID methods), a real',
    'request with max_output_tokens 16 to each mapped deployment and the default deployment',
    '(DeploymentNotFound is named per deployment; 429 is a warning), and reasoning/temperature',
    'compatibility. Answers the usual troubleshooting questions: authentication errors, deployment',
    'not found, API version errors, rate limiting. Exit code 0 when no check failed; otherwise',
    'the code of the first failure (2 config, 3 auth, 4 deployment not found, 1 other).',
  ].join('\n'),
  options: { config: CONFIG_OPTION },
  positionals: 'none',
  examples: ['doctor', 'doctor --config ~/.amplifier/settings.toml', 'doctor --verbose'],
  async run({ io, values, logger, verbose, secrets }) {
    const [
      { ConfigError },
      { checkApiSurface },
      { checkAuth },
      { checkDeployment },
      { checkEndpoint },
      { checkReasoning },
      { listDeploymentProbes },
      { loadCliConfig },
    ] = await Promise.all([
      import('@amplifier-azure-openai/config'),
      import('../doctor/check-api-surface.js'),
      import('../doctor/check-auth.js'),
      import('../doctor/check-deployment.js'),
      import('../doctor/check-endpoint.js'),
      import('../doctor/check-reasoning.js'),
      import('../doctor/deployment-probes.js'),
      import('../load-cli-config.js'),
    ]);
    const results: CheckResult[] = [];
    const report = (result: CheckResult) => {
      results.push(result);
      io.stdout.write(formatCheck(result));
    };
    const finish = (): number => {
      io.stdout.write(formatSummary(results));
      const failure = results.find(result => result.status === 'fail');
      if (failure === undefined) return EXIT_CODES.ok;
      return failure.exitCode ?? EXIT_CODES.failure;
    };

    io.stdout.write('amplifier-azure-openai doctor\n');
    let loaded: LoadedCliConfig;
    try {
      loaded = loadCliConfig({
        configFile: values.config as string | undefined,
        env: io.env,
        cwd: io.cwd,
        secrets,
      });
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error;
      for (const problem of error.problems) {
        const where =
          problem.path === undefined
            ? ''
            : ` (${problem.path}${problem.line === undefined ? '' : `:${problem.line}`})`;
        report({
          name: 'config',
          status: 'fail',
          summary: `${problem.key}${where}: ${oneLine(problem.message)}`,
          fix: oneLine(problem.fix),
          exitCode: EXIT_CODES.config,
        });
      }
      return finish();
    }
    const { resolved } = loaded;
    const counts = { config: 0, env: 0 };
    for (const [key, source] of Object.entries(resolved.sources)) {
      if (key === 'apiSurface' || key === 'baseUrl') continue; // derived values
      if (source === 'config' || source === 'env') counts[source] += 1;
    }
    report({
      name: 'config',
      status: 'pass',
      summary: `valid (${loaded.configPath ?? 'no --config file'}; ${counts.config} values from the file, ${counts.env} from the environment)`,
    });
    for (const warning of resolved.warnings) {
      if (warning.key === 'azure_endpoint' || warning.key === 'api_version') continue;
      report({
        name: `config ${warning.key}`,
        status: 'warn',
        summary: oneLine(warning.message),
        fix: warning.fix,
      });
    }
    report(checkEndpoint(loaded, io.env));
    report(checkApiSurface(loaded));

    const auth = await checkAuth(resolved.config, logger, secrets);
    report(auth.result);

    let probes: DeploymentProbe[];
    try {
      probes = listDeploymentProbes(resolved.config);
    } catch (error) {
      report({
        name: 'deployments',
        status: 'fail',
        summary: oneLine(errorMessage(error)),
        fix: 'Fix deployment_mapping / default_deployment.',
        exitCode: EXIT_CODES.config,
      });
      return finish();
    }
    const cancel = cancelOnSignal(io);
    try {
      for (const probe of probes) {
        if (auth.auth === undefined || auth.result.status === 'fail') {
          report({
            name: `deployment ${probe.label}`,
            status: 'skip',
            summary: 'not requested: fix authentication first',
          });
          continue;
        }
        report(
          await checkDeployment(probe, {
            resolved,
            auth: auth.auth,
            logger,
            verbose,
            signal: cancel.signal,
          }),
        );
        if (cancel.signal.aborted) break;
      }
    } finally {
      cancel.dispose();
    }
    for (const result of checkReasoning(resolved, probes)) report(result);
    return finish();
  },
};
