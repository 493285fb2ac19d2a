import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.deployment-not-found';
const SYMBOL = Symbol.for(MARKER);

/** Constructor options of {@link DeploymentNotFoundError}. */
export interface DeploymentNotFoundErrorOptions extends AzureOpenAIErrorOptions {
  /** The resolution rule that chose the deployment. */
  rule?: string | undefined;
}

/**
 * Azure has no deployment by the name the request was sent to (HTTP 404). Names the requested model,
 * the deployment it resolved to and the rule that chose it.
 */
export class DeploymentNotFoundError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** The resolution rule that chose the deployment (`mapping`, `default`, `passthrough`). */
  readonly rule: string | undefined;

  /** @param options - message and context; see {@link DeploymentNotFoundErrorOptions}. */
  constructor(options: DeploymentNotFoundErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'DeploymentNotFoundError';
    this.rule = options.rule;
  }

  /** True when `value` is a {@link DeploymentNotFoundError} from any copy of this package. */
  static override isInstance(value: unknown): value is DeploymentNotFoundError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), rule: this.rule };
  }
}
