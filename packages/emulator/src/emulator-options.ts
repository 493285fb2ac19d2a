import { randomBytes } from 'node:crypto';
import { DEFAULT_BACKGROUND_POLLS } from './background-responses.js';
import { DEFAULT_DEPLOYMENTS } from './default-deployments.js';
import { EmulatorError } from './emulator-error.js';
import { type ResolvedGateway, resolveGateway } from './gateway.js';
import { normalizeQuotas } from './quota-limiter.js';
import type {
  DeploymentConfig,
  DeploymentQuota,
  EmulatorLogger,
  EmulatorOptions,
  RequestValidator,
} from './types.js';

const SILENT: EmulatorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** `EmulatorOptions` checked and with defaults filled in. */
export interface ResolvedOptions {
  port: number;
  apiKey: string;
  identityHeader: string;
  deployments: Record<string, DeploymentConfig>;
  tokenLifetimeSeconds: number;
  userAssigned: ReadonlySet<string>;
  validateRequest: RequestValidator | undefined;
  globalLatency: number;
  globalStreamDelay: number;
  backgroundPolls: number;
  maxRecorded: number;
  includeContentFilters: boolean;
  gateway: ResolvedGateway | undefined;
  quotas: Record<string, DeploymentQuota>;
  now: () => number;
  logger: EmulatorLogger;
}

function optionError(field: string, message: string, fix: string): EmulatorError {
  return new EmulatorError({ message: `startEmulator: ${message}`, field, fix });
}

function checkNonNegative(value: number | undefined, field: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw optionError(field, `${field} must be a number >= 0.`, `Pass e.g. ${field}: 0.`);
  }
}

function checkPollCount(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw optionError(
      field,
      `${field} must be a whole number >= 1.`,
      `Pass e.g. ${field}: 2 (the first poll answers in_progress, the second the final status).`,
    );
  }
}

function normalizeDeployments(
  deployments: Readonly<Record<string, DeploymentConfig>> | undefined,
): Record<string, DeploymentConfig> {
  if (deployments === undefined) return { ...DEFAULT_DEPLOYMENTS };
  if (typeof deployments !== 'object' || deployments === null) {
    throw optionError(
      'deployments',
      'deployments must be an object of name -> { model, reasoning? }.',
      "Pass e.g. { 'gpt-5': { model: 'gpt-5', reasoning: true } }.",
    );
  }
  const result: Record<string, DeploymentConfig> = {};
  for (const [name, config] of Object.entries(deployments)) {
    if (
      typeof config !== 'object' ||
      config === null ||
      typeof config.model !== 'string' ||
      config.model === ''
    ) {
      throw optionError(
        `deployments.${name}`,
        `deployments.${name}.model must be a non-empty string.`,
        `Pass e.g. { model: 'gpt-5' } for deployment ${name}.`,
      );
    }
    checkNonNegative(config.latencyMs, `deployments.${name}.latencyMs`);
    checkNonNegative(config.streamDelayMs, `deployments.${name}.streamDelayMs`);
    checkPollCount(config.backgroundPolls, `deployments.${name}.backgroundPolls`);
    result[name] = { ...config };
  }
  return result;
}

/** Checks `startEmulator` options (throws `EmulatorError` naming the option) and fills defaults. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw optionError(
      'port',
      `port must be an integer from 0 to 65535, got ${String(port)}.`,
      'Pass port: 0 for a free port.',
    );
  }
  if (
    options.apiKey !== undefined &&
    (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
  ) {
    throw optionError(
      'apiKey',
      'apiKey must be a non-empty string.',
      'Pass a key, or leave apiKey out for a random one.',
    );
  }
  if (
    options.identityHeader !== undefined &&
    (typeof options.identityHeader !== 'string' || options.identityHeader === '')
  ) {
    throw optionError(
      'identityHeader',
      'identityHeader must be a non-empty string.',
      'Leave identityHeader out for a random one.',
    );
  }
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  if (
    typeof tokenLifetimeSeconds !== 'number' ||
    !Number.isFinite(tokenLifetimeSeconds) ||
    tokenLifetimeSeconds <= 0
  ) {
    throw optionError(
      'tokenLifetimeSeconds',
      'tokenLifetimeSeconds must be a number > 0.',
      'Pass e.g. tokenLifetimeSeconds: 3600.',
    );
  }
  checkNonNegative(options.latencyMs, 'latencyMs');
  checkNonNegative(options.streamDelayMs, 'streamDelayMs');
  const maxRecorded = options.maxRecordedRequests ?? 1000;
  if (!Number.isInteger(maxRecorded) || maxRecorded < 0) {
    throw optionError(
      'maxRecordedRequests',
      'maxRecordedRequests must be an integer >= 0.',
      'Pass e.g. maxRecordedRequests: 1000, or 0 to record nothing.',
    );
  }
  const userAssigned = new Set<string>();
  for (const id of options.userAssignedClientIds ?? []) {
    if (typeof id !== 'string' || id === '') {
      throw optionError(
        'userAssignedClientIds',
        'userAssignedClientIds must hold non-empty strings.',
        'Pass the client ids of the user-assigned identities.',
      );
    }
    userAssigned.add(id);
  }
  if (options.validateRequest !== undefined && typeof options.validateRequest !== 'function') {
    throw optionError(
      'validateRequest',
      'validateRequest must be a function (body) => result.',
      'Pass e.g. validateResponsesRequest from @amplifier-azure-openai/test-utils.',
    );
  }
  const deployments = normalizeDeployments(options.deployments);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? SILENT;
  const apiKey = options.apiKey ?? randomBytes(16).toString('hex');
  const identityHeader = options.identityHeader ?? randomBytes(16).toString('hex');
  const globalLatency = options.latencyMs ?? 0;
  const globalStreamDelay = options.streamDelayMs ?? 0;
  checkPollCount(options.backgroundPolls, 'backgroundPolls');
  const includeContentFilters = options.contentFilters !== false;
  const validateRequest = options.validateRequest;
  return {
    port,
    apiKey,
    identityHeader,
    deployments,
    tokenLifetimeSeconds,
    userAssigned,
    validateRequest,
    globalLatency,
    globalStreamDelay,
    backgroundPolls: options.backgroundPolls ?? DEFAULT_BACKGROUND_POLLS,
    maxRecorded,
    includeContentFilters,
    gateway: resolveGateway(options.gateway),
    quotas: normalizeQuotas(options.quotas),
    now,
    logger,
  };
}
