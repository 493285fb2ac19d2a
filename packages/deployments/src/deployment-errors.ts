const DEPLOYMENT_ERROR_MARKER = Symbol.for('amplifier-azure-openai.deployments-error');
const DEPLOYMENT_CONFIG_ERROR_MARKER = Symbol.for('amplifier-azure-openai.deployment-config-error');
const INVALID_MODEL_NAME_ERROR_MARKER = Symbol.for(
  'amplifier-azure-openai.invalid-model-name-error',
);

function hasMarker(value: unknown, marker: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/** Marks an instance for `isInstance` checks across package copies (non-enumerable). */
function setMarker(target: object, marker: symbol): void {
  Object.defineProperty(target, marker, { value: true, enumerable: false });
}

/**
 * Base class of every error thrown by `@amplifier-azure-openai/deployments`.
 *
 * Check with {@link DeploymentError.isInstance} (or `error.name`), never with bare `instanceof`:
 * an application may load two copies of this package.
 */
export class DeploymentError extends Error {
  /** What to change to make the error go away. */
  readonly fix: string;

  /**
   * @param options - `message`, `fix` and an optional `cause` (kept as `error.cause`).
   */
  constructor(options: { message: string; fix: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeploymentError';
    setMarker(this, DEPLOYMENT_ERROR_MARKER);
    this.fix = options.fix;
  }

  /** True when `value` is a {@link DeploymentError} from any copy of this package. */
  static isInstance(value: unknown): value is DeploymentError {
    return hasMarker(value, DEPLOYMENT_ERROR_MARKER);
  }
}

/** One problem found while validating resolver options. */
export interface DeploymentConfigProblem {
  /**
   * The settings key at fault, in the snake_case of the config file: `deployment_mapping.<model>`,
   * `deployment_mapping`, `default_deployment`, `deployment_models.<deployment>`,
   * `failover_retry_after_threshold_seconds`, `max_tokens`, `temperature`, `azure_endpoint`, `now`
   * or `logger`.
   */
  readonly key: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Thrown by `createDeploymentResolver` when its options are invalid. It collects every problem
 * found, not only the first; {@link DeploymentConfigError.key} and {@link DeploymentError.fix}
 * describe the first one.
 */
export class DeploymentConfigError extends DeploymentError {
  /** Every problem found, in the order the options were read. Never empty. */
  readonly problems: readonly DeploymentConfigProblem[];

  /** The settings key of the first problem, e.g. `deployment_mapping.gpt-5`. */
  readonly key: string;

  /**
   * @param options - the problems (at least one) and an optional `cause`.
   */
  constructor(options: { problems: readonly DeploymentConfigProblem[]; cause?: unknown }) {
    const problems = Object.freeze(
      options.problems.map(problem =>
        Object.freeze({ key: problem.key, message: problem.message, fix: problem.fix }),
      ),
    );
    const first = problems[0] ?? {
      key: 'deployment_mapping',
      message: 'invalid deployment configuration',
      fix: 'Check the deployment settings.',
    };
    const heading =
      problems.length === 1
        ? 'Invalid deployment configuration:'
        : `Invalid deployment configuration (${problems.length} problems):`;
    const lines = (problems.length > 0 ? problems : [first]).map(
      problem => `- ${problem.key}: ${problem.message} Fix: ${problem.fix}`,
    );
    super({
      message: [heading, ...lines].join('\n'),
      fix: first.fix,
      cause: options.cause,
    });
    this.name = 'DeploymentConfigError';
    setMarker(this, DEPLOYMENT_CONFIG_ERROR_MARKER);
    this.problems = problems.length > 0 ? problems : Object.freeze([first]);
    this.key = first.key;
  }

  /** True when `value` is a {@link DeploymentConfigError} from any copy of this package. */
  static override isInstance(value: unknown): value is DeploymentConfigError {
    return hasMarker(value, DEPLOYMENT_CONFIG_ERROR_MARKER);
  }
}

/**
 * Thrown by `resolve`, `plan` and `capabilitiesFor` when the model name is not a non-blank string.
 */
export class InvalidModelNameError extends DeploymentError {
  /** A short description of what was received (never the value of a non-string). */
  readonly received: string;

  /**
   * @param options - `received`: what was passed, described (e.g. `an empty string`, `a number`).
   */
  constructor(options: { received: string; cause?: unknown }) {
    super({
      message: `Model name must be a non-empty string, but received ${options.received}.`,
      fix: 'Pass the model name the request asks for (e.g. "gpt-5"), or set default_model in the provider config.',
      cause: options.cause,
    });
    this.name = 'InvalidModelNameError';
    setMarker(this, INVALID_MODEL_NAME_ERROR_MARKER);
    this.received = options.received;
  }

  /** True when `value` is an {@link InvalidModelNameError} from any copy of this package. */
  static override isInstance(value: unknown): value is InvalidModelNameError {
    return hasMarker(value, INVALID_MODEL_NAME_ERROR_MARKER);
  }
}

/** Describes a value's kind for error messages without echoing it. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  return `a ${typeof value}`;
}
