/**
 * One thing wrong with a validated value. `config` turns it into a `ConfigProblem`, `deployments`
 * into a `DeploymentConfigProblem`: both keep `message` and `fix` word for word.
 */
export interface ValidationProblem {
  /**
   * The settings entry at fault, in the snake_case of the config file: `deployment_mapping`,
   * `deployment_mapping.<model>`, `deployment_models`, `deployment_models.<deployment>`,
   * `default_deployment` or `azure_endpoint`. Control characters in names are escaped.
   */
  readonly key: string;
  /**
   * Exactly where: `key` plus the list index and field, e.g.
   * `deployment_mapping.gpt-5[1].endpoint`. The message starts with it.
   */
  readonly path: string;
  /** What is wrong. Never repeats a credential or query string. */
  readonly message: string;
  /** What to change to make the problem go away. */
  readonly fix: string;
}
