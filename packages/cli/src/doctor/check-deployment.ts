import type { AuthStrategy } from '@amplifier-azure-openai/auth';
import type { ResolvedConfig } from '@amplifier-azure-openai/config';
import { createDeploymentResolver } from '@amplifier-azure-openai/deployments';
import {
  AuthenticationError,
  ContentFilterError,
  DeploymentNotFoundError,
  RateLimitError,
} from '@amplifier-azure-openai/provider';
import { formatRetryAfter } from '@amplifier-azure-openai/provider/internal';
import { createRuntime } from '../create-runtime.js';
import { EXIT_CODES, errorName, exitCodeFor } from '../exit-codes.js';
import { errorMessage, oneLine } from '../format-error.js';
import type { Logger } from '../logger.js';
import { type CheckResult, errorFix } from './check-result.js';
import type { DeploymentProbe } from './deployment-probes.js';

/** `max_output_tokens` of a probe request (Azure's minimum is 16). */
export const PROBE_MAX_OUTPUT_TOKENS = 16;

/** Longest wait for one probe, in seconds (the configured timeout when shorter). */
export const PROBE_TIMEOUT_SECONDS = 60;

const API_VERSION_HINT = /api[- _]?version/i;

/** Options of {@link checkDeployment}. */
export interface CheckDeploymentOptions {
  resolved: ResolvedConfig;
  auth: AuthStrategy;
  logger: Logger;
  verbose: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * Sends one tiny real request (`max_output_tokens` 16, no retries) to one deployment and turns
 * the outcome into a check: answered -> pass; DeploymentNotFound -> fail naming the deployment;
 * 401/403 -> fail (auth); 429 -> warn (the deployment exists but is throttled); api-version
 * errors -> fail with the api_version fix; anything else -> fail.
 */
export async function checkDeployment(
  probe: DeploymentProbe,
  options: CheckDeploymentOptions,
): Promise<CheckResult> {
  const { config } = options.resolved;
  const name = `deployment ${probe.label}`;
  const runtime = createRuntime(options.resolved, {
    logger: probeLogger(options.logger),
    verbose: options.verbose,
    auth: options.auth,
    overrides: { maxRetries: 0, timeout: Math.min(config.timeout, PROBE_TIMEOUT_SECONDS) },
    resolver: createDeploymentResolver({
      deploymentMapping: { [probe.model]: [probe.target] },
      deploymentModels: { ...config.deploymentModels },
      logger: options.logger,
    }),
  });
  try {
    const response = await runtime.provider.complete(
      {
        messages: [{ role: 'user', content: 'Reply with the word OK.' }],
        model: probe.model,
        max_output_tokens: PROBE_MAX_OUTPUT_TOKENS,
      },
      options.signal === undefined ? undefined : { signal: options.signal },
    );
    const model = response.metadata?.model;
    const requestId = response.metadata?.request_id;
    const details = [
      model === undefined ? undefined : `model ${model}`,
      requestId === undefined ? undefined : `request ${requestId}`,
    ].filter(part => part !== undefined);
    return {
      name,
      status: 'pass',
      summary: `answered${details.length > 0 ? ` (${details.join(', ')})` : ''}`,
    };
  } catch (error) {
    return deploymentFailure(name, probe, error, config.azureEndpoint);
  } finally {
    await runtime.close();
  }
}

/** The check result for a failed probe. */
export function deploymentFailure(
  name: string,
  probe: DeploymentProbe,
  error: unknown,
  defaultEndpoint: string,
): CheckResult {
  const endpoint = probe.target.endpoint ?? defaultEndpoint;
  const message = oneLine(errorMessage(error));
  const requestId = (error as { requestId?: unknown }).requestId;
  const suffix = typeof requestId === 'string' ? ` (request ${requestId})` : '';
  if (DeploymentNotFoundError.isInstance(error)) {
    return {
      name,
      status: 'fail',
      summary: `DeploymentNotFound: no deployment named '${probe.target.deployment}' on ${endpoint}${suffix}`,
      fix: `Create a deployment named '${probe.target.deployment}' (Azure AI Foundry > Deployments), or change deployment_mapping["${probe.model}"] / default_deployment to an existing deployment name.`,
      exitCode: EXIT_CODES.deploymentNotFound,
    };
  }
  if (AuthenticationError.isInstance(error)) {
    return {
      name,
      status: 'fail',
      summary: `${errorName(error)}: ${message}${suffix}`,
      fix:
        errorFix(error) ??
        'Check the API key (Azure portal > Keys and Endpoint) or the identity\'s role ("Cognitive Services OpenAI User").',
      exitCode: EXIT_CODES.auth,
    };
  }
  if (RateLimitError.isInstance(error)) {
    const wait =
      error.retryAfterMs === undefined
        ? ''
        : `; Azure asks to wait ${describeWait(error.retryAfterMs, error.retryAfterSource)}`;
    return {
      name,
      status: 'warn',
      summary: `rate limited (429): the deployment exists but is throttled now${wait}${suffix}`,
      fix: "Raise the deployment's tokens-per-minute quota, lower concurrency, or list a failover deployment in deployment_mapping; max_retries sets how often requests retry.",
    };
  }
  if (ContentFilterError.isInstance(error)) {
    return {
      name,
      status: 'warn',
      summary: `the content filter blocked the probe prompt${suffix}`,
      fix: 'Review the content filter configuration of the deployment.',
    };
  }
  if (API_VERSION_HINT.test(message)) {
    return {
      name,
      status: 'fail',
      summary: `${errorName(error)}: ${message}${suffix}`,
      fix: 'Remove api_version to use the v1 API, or set a dated api-version that supports the Responses API (2025-03-01-preview or later).',
      exitCode: EXIT_CODES.failure,
    };
  }
  return {
    name,
    status: 'fail',
    summary: `${errorName(error)}: ${message}${suffix}`,
    fix: errorFix(error) ?? 'Run with --verbose for the request details.',
    exitCode: exitCodeFor(error),
  };
}

/**
 * A wait the way Azure gave it: milliseconds for `retry-after-ms` / `x-ms-retry-after-ms` and for
 * rate-limit reset values with a sub-second part (`20ms`, `1.5s`), whole seconds otherwise; the
 * header is named when it was not `retry-after`.
 */
export function describeWait(ms: number, source: string | undefined): string {
  const inMilliseconds = source?.endsWith('-ms') === true || ms % 1000 !== 0;
  const from = source === undefined || source.includes('retry-after') ? '' : ` (${source})`;
  return `${formatRetryAfter(ms, inMilliseconds)}${from}`;
}

/**
 * The probe's logger: a probe asks for 16 output tokens on purpose, so a reasoning deployment's
 * answer is usually incomplete; that warning is expected here and only shown with --verbose.
 */
function probeLogger(logger: Logger): Logger {
  return {
    debug: (message, data) => logger.debug(message, data),
    info: (message, data) => logger.info(message, data),
    warn: (message, data) =>
      data?.incomplete_reason === undefined
        ? logger.warn(message, data)
        : logger.debug(message, data),
    error: (message, data) => logger.error(message, data),
  };
}
