import { type AuthStrategy, createAuthStrategy } from '@amplifier-azure-openai/auth';
import type { AzureOpenAIConfig } from '@amplifier-azure-openai/config';
import { EXIT_CODES } from '../exit-codes.js';
import { errorMessage, oneLine } from '../format-error.js';
import type { Logger } from '../logger.js';
import type { SecretRegistry } from '../redacting-sink.js';
import { type CheckResult, errorFix } from './check-result.js';

/** How long the token check waits for a token. */
export const TOKEN_CHECK_TIMEOUT_MS = 60_000;

/** The result of {@link checkAuth}: the check, and the strategy to share with later checks. */
export interface AuthCheck {
  result: CheckResult;
  auth: AuthStrategy | undefined;
}

/**
 * Auth method (`auth.describe()`), and for token methods a real token acquisition (managed
 * identity endpoint, `az login`, ...). API keys are checked by the deployment requests.
 */
export async function checkAuth(
  config: AzureOpenAIConfig,
  logger: Logger,
  secrets: SecretRegistry,
): Promise<AuthCheck> {
  let auth: AuthStrategy;
  try {
    auth = createAuthStrategy({ ...config, logger });
  } catch (error) {
    return {
      auth: undefined,
      result: {
        name: 'auth',
        status: 'fail',
        summary: oneLine(errorMessage(error)).split(' Configure one of:')[0] ?? 'no credential',
        fix:
          errorFix(error) ??
          'Set AZURE_OPENAI_API_KEY, or use_managed_identity / use_default_credential.',
        exitCode: EXIT_CODES.auth,
      },
    };
  }
  const description = auth.describe();
  const reason = oneLine(description.reason);
  if (auth.method === 'api-key') {
    return {
      auth,
      result: {
        name: 'auth',
        status: 'pass',
        summary: `${reason.startsWith('api-key') ? reason : `api-key: ${reason}`} (the key is verified by the deployment requests below)`,
      },
    };
  }
  try {
    const token = await auth.getBearerToken({
      signal: AbortSignal.timeout(TOKEN_CHECK_TIMEOUT_MS),
    });
    secrets.add(token);
    const scope = description.tokenScope === undefined ? '' : ` for ${description.tokenScope}`;
    return {
      auth,
      result: {
        name: 'auth',
        status: 'pass',
        summary: `${description.method}: token acquired${scope} (${reason})`,
      },
    };
  } catch (error) {
    return {
      auth,
      result: {
        name: 'auth',
        status: 'fail',
        summary: `${description.method}: no token: ${oneLine(errorMessage(error)).split(' How to fix:')[0]}`,
        fix: errorFix(error) ?? 'Check the credential configuration (az login, managed identity).',
        exitCode: EXIT_CODES.auth,
      },
    };
  }
}
