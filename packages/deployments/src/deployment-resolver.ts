import { buildModelInfo } from './build-model-info.js';
import { CooldownRegistry } from './cooldown-registry.js';
import {
  DeploymentConfigError,
  DeploymentError,
  describeKind,
  InvalidModelNameError,
} from './deployment-errors.js';
import type {
  DeploymentResolution,
  FailoverPlan,
  ResolutionRule,
  SkippedTarget,
} from './deployment-resolution.js';
import {
  type DeploymentResolverOptions,
  normalizeResolverOptions,
} from './deployment-resolver-options.js';
import {
  type DeploymentTarget,
  describeTarget,
  normalizeEndpoint,
  targetKey,
} from './deployment-target.js';
import { getModelCapabilities, UNKNOWN_MODEL_CAPABILITIES } from './get-model-capabilities.js';
import { type Logger, silentLogger } from './logger.js';
import type { ModelCapabilities } from './model-capabilities.js';
import type { ModelInfo } from './model-info.js';

/**
 * Resolves model names to Azure deployments and plans failover between them. One instance holds
 * the cooldowns of its deployments: share it between all requests of a provider.
 */
export interface DeploymentResolver {
  /**
   * Where `model` goes: `deployment_mapping[model]` (exact name, else case-insensitive), else
   * `default_deployment`, else the model name itself. Logs the description at debug level.
   *
   * @throws InvalidModelNameError when `model` is not a non-blank string.
   */
  resolve(model: string): DeploymentResolution;
  /**
   * The deployments to try for `model` now, in mapping order, skipping those cooling down (all of
   * them, soonest available first, when every one is cooling down).
   *
   * @throws InvalidModelNameError when `model` is not a non-blank string.
   */
  plan(model: string): FailoverPlan;
  /**
   * Capabilities for a deployment or model name: its `deployment_models` override, else (for a
   * mapped model) its resolution's capabilities, else the capability table, else conservative
   * defaults (`known: false`, with a debug note).
   *
   * @throws InvalidModelNameError when the name is not a non-blank string.
   */
  capabilitiesFor(deploymentOrModel: string): ModelCapabilities;
  /**
   * Records a 429: the target is skipped by every later `plan()` of this resolver until
   * `now() + retryAfterMs`. Never shortens an existing cooldown. Ignored when `retryAfterMs` is
   * not a positive finite number.
   *
   * @throws DeploymentError when `target` has no deployment name.
   */
  reportThrottled(target: DeploymentTarget, retryAfterMs: number): void;
  /** Milliseconds until `target` may be used again (0 when it is not cooling down). */
  cooldownRemainingMs(target: DeploymentTarget): number;
  /**
   * True when Azure asks to wait longer than `failover_retry_after_threshold_seconds`: move to
   * the next deployment at once instead of retrying this one. False for `undefined`.
   */
  shouldFailoverImmediately(retryAfterMs: number | undefined): boolean;
  /**
   * One Amplifier `ModelInfo` per mapped model (mapping order), plus the default deployment when
   * set and not already listed under that id.
   */
  listModels(): ModelInfo[];
}

/** Resolutions kept per resolver; pass-through model names are open-ended, so the cache is bounded. */
const MAX_CACHED_RESOLUTIONS = 1024;

/**
 * Creates a {@link DeploymentResolver}. Accepts the config object of
 * `@amplifier-azure-openai/config` structurally (`createDeploymentResolver(resolved.config)`), or
 * raw options, which are validated.
 *
 * @throws DeploymentConfigError listing every invalid option (each with `key` and `fix`).
 *
 * @example
 * const resolver = createDeploymentResolver({
 *   deploymentMapping: { 'gpt-5': ['production-gpt5', { deployment: 'production-gpt5', endpoint: 'https://westus.openai.azure.com' }] },
 *   defaultDeployment: 'fast-mini',
 * });
 * resolver.resolve('gpt-5').description; // 'gpt-5 -> production-gpt5, production-gpt5@westus.openai.azure.com (mapping)'
 */
export function createDeploymentResolver(
  options: DeploymentResolverOptions = {},
): DeploymentResolver {
  if (typeof options !== 'object' || options === null) {
    throw new DeploymentConfigError({
      problems: [
        {
          key: 'deployment_mapping',
          message: `The resolver options must be an object, but are ${describeKind(options)}.`,
          fix: 'Pass the config object, e.g. createDeploymentResolver(resolved.config), or {}.',
        },
      ],
    });
  }
  const nested = (options as { config?: unknown }).config;
  if (typeof nested === 'object' && nested !== null && 'deploymentMapping' in nested) {
    throw new DeploymentConfigError({
      problems: [
        {
          key: 'deployment_mapping',
          message:
            'Received a ResolvedConfig ({ config, sources, warnings }), not the config object.',
          fix: 'Pass resolved.config: createDeploymentResolver(resolved.config).',
        },
      ],
    });
  }
  const { settings, problems } = normalizeResolverOptions(options);
  if (problems.length > 0) throw new DeploymentConfigError({ problems });

  const logger: Logger = options.logger ?? silentLogger;
  const now: () => number = options.now ?? Date.now;
  const cooldowns = new CooldownRegistry(now);
  const logsDebug = logger !== silentLogger;
  // Settings never change after construction, so a model's resolution is computed once (bounded, as
  // pass-through model names are open-ended) and each target's cooldown key once.
  const resolutions = new Map<string, DeploymentResolution>();
  const targetKeys = new WeakMap<DeploymentTarget, string>();
  const unthrottledPlans = new WeakMap<DeploymentResolution, FailoverPlan>();
  const lowerCaseMapping = new Map<string, string>();
  for (const model of settings.mapping.keys()) {
    const lower = model.toLowerCase();
    if (!lowerCaseMapping.has(lower)) lowerCaseMapping.set(lower, model);
  }
  const lowerCaseOverrides = new Map<string, string>();
  for (const [deployment, family] of settings.deploymentModels) {
    const lower = deployment.toLowerCase();
    if (!lowerCaseOverrides.has(lower)) lowerCaseOverrides.set(lower, family);
    if (!getModelCapabilities(family).known) {
      logger.warn(
        `deployment_models.${deployment} = "${family}" is not a model family this package knows; the deployment's capabilities fall back to its names, then to conservative defaults.`,
        { key: `deployment_models.${deployment}`, family },
      );
    }
  }

  function checkName(name: unknown): string {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new InvalidModelNameError({ received: describeKind(name) });
    }
    // CR, LF, NUL, ESC...: never a model name; refused before it reaches Azure or a terminal.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
    if (/[\u0000-\u001f\u007f-\u009f]/.test(name.trim())) {
      throw new InvalidModelNameError({
        received: 'a string containing control characters (line breaks, NUL, escape...)',
      });
    }
    return name.trim();
  }

  function overrideFor(deployment: string): string | undefined {
    return (
      settings.deploymentModels.get(deployment) ?? lowerCaseOverrides.get(deployment.toLowerCase())
    );
  }

  function mappedTargets(model: string): readonly DeploymentTarget[] | undefined {
    const exact = settings.mapping.get(model);
    if (exact !== undefined) return exact;
    const original = lowerCaseMapping.get(model.toLowerCase());
    return original === undefined ? undefined : settings.mapping.get(original);
  }

  function noteUnknown(names: readonly string[]): ModelCapabilities {
    logger.debug(
      `No capability data for ${names.map(name => `"${name}"`).join(' / ')}: using conservative defaults (not reasoning, tools, no vision, ${UNKNOWN_MODEL_CAPABILITIES.contextWindow} context, ${UNKNOWN_MODEL_CAPABILITIES.maxOutputTokens} max output). Set deployment_models to name the model family.`,
      { names: [...names], capabilities: { ...UNKNOWN_MODEL_CAPABILITIES } },
    );
    return { ...UNKNOWN_MODEL_CAPABILITIES };
  }

  /** Override, then names in order, then conservative defaults. */
  function capabilitiesFromNames(deployment: string, names: readonly string[]): ModelCapabilities {
    const override = overrideFor(deployment);
    if (override !== undefined) {
      const capabilities = getModelCapabilities(override);
      if (capabilities.known) return capabilities;
    }
    for (const name of names) {
      const capabilities = getModelCapabilities(name);
      if (capabilities.known) return capabilities;
    }
    return noteUnknown(override === undefined ? names : [override, ...names]);
  }

  function buildResolution(model: string): DeploymentResolution {
    let rule: ResolutionRule;
    let targets: readonly DeploymentTarget[];
    const mapped = mappedTargets(model);
    if (mapped !== undefined) {
      rule = 'mapping';
      targets = mapped;
    } else if (settings.defaultDeployment !== undefined) {
      rule = 'default';
      targets = Object.freeze([Object.freeze({ deployment: settings.defaultDeployment })]);
    } else {
      rule = 'passthrough';
      targets = Object.freeze([Object.freeze({ deployment: model })]);
    }
    const primary = targets[0] as DeploymentTarget;
    const names = [
      ...new Set(rule === 'default' ? [primary.deployment, model] : [model, primary.deployment]),
    ];
    const capabilities = Object.freeze(capabilitiesFromNames(primary.deployment, names));
    const description = `${model} -> ${targets.map(describeTarget).join(', ')} (${rule})`;
    return Object.freeze({ model, rule, targets, primary, capabilities, description });
  }

  function cachedResolution(name: string): DeploymentResolution {
    let resolution = resolutions.get(name);
    if (resolution === undefined) {
      resolution = buildResolution(name);
      if (resolutions.size >= MAX_CACHED_RESOLUTIONS) resolutions.clear();
      resolutions.set(name, resolution);
    }
    return resolution;
  }

  function resolve(model: string): DeploymentResolution {
    const name = checkName(model);
    const resolution = cachedResolution(name);
    if (!logsDebug) return resolution;
    logger.debug(resolution.description, {
      model: resolution.model,
      rule: resolution.rule,
      deployments: resolution.targets.map(target => target.deployment),
      modelFamily: resolution.capabilities.family,
    });
    return resolution;
  }

  /** The plan with every target available, built once per resolution (plans are frozen). */
  function unthrottledPlan(resolution: DeploymentResolution): FailoverPlan {
    let plan = unthrottledPlans.get(resolution);
    if (plan === undefined) {
      plan = Object.freeze({
        resolution,
        targets: resolution.targets,
        skipped: Object.freeze([]) as readonly SkippedTarget[],
        allCoolingDown: false,
      });
      unthrottledPlans.set(resolution, plan);
    }
    return plan;
  }

  function keyOf(target: DeploymentTarget): string {
    const cached =
      typeof target === 'object' && target !== null ? targetKeys.get(target) : undefined;
    if (cached !== undefined) return cached;
    const key = computeKey(target);
    if (Object.isFrozen(target)) targetKeys.set(target, key);
    return key;
  }

  function computeKey(target: DeploymentTarget): string {
    if (
      typeof target !== 'object' ||
      target === null ||
      typeof target.deployment !== 'string' ||
      target.deployment.trim() === ''
    ) {
      throw new DeploymentError({
        message: `A deployment target must be an object with a non-empty "deployment", but received ${describeKind(target)}.`,
        fix: 'Pass a target taken from plan(model).targets.',
      });
    }
    let endpoint: string | undefined;
    if (typeof target.endpoint === 'string') {
      const result = normalizeEndpoint(target.endpoint);
      endpoint = result.ok ? result.endpoint : target.endpoint;
    }
    return targetKey(
      { deployment: target.deployment.trim(), endpoint: endpoint ?? settings.azureEndpoint },
      settings.azureEndpoint,
    );
  }

  return Object.freeze({
    resolve,

    plan(model: string): FailoverPlan {
      const resolution = resolve(model);
      if (cooldowns.isEmpty) return unthrottledPlan(resolution);
      const available: DeploymentTarget[] = [];
      const skipped: SkippedTarget[] = [];
      for (const target of resolution.targets) {
        const availableAt = cooldowns.availableAt(keyOf(target));
        if (availableAt === undefined) available.push(target);
        else skipped.push(Object.freeze({ target, availableAt }));
      }
      const allCoolingDown = available.length === 0;
      if (allCoolingDown) {
        skipped.sort((left, right) => left.availableAt - right.availableAt); // stable
      }
      if (skipped.length > 0 && logsDebug) {
        logger.debug(
          allCoolingDown
            ? `All deployments for ${resolution.model} are cooling down; soonest: ${describeTarget((skipped[0] as SkippedTarget).target)}`
            : `Skipping cooling-down deployment(s) for ${resolution.model}: ${skipped.map(entry => describeTarget(entry.target)).join(', ')}`,
          {
            model: resolution.model,
            skipped: skipped.map(entry => ({
              deployment: entry.target.deployment,
              availableAt: entry.availableAt,
            })),
          },
        );
      }
      return Object.freeze({
        resolution,
        targets: Object.freeze(allCoolingDown ? skipped.map(entry => entry.target) : available),
        skipped: Object.freeze(skipped),
        allCoolingDown,
      });
    },

    capabilitiesFor(deploymentOrModel: string): ModelCapabilities {
      const name = checkName(deploymentOrModel);
      const override = overrideFor(name);
      if (override !== undefined) {
        const capabilities = getModelCapabilities(override);
        if (capabilities.known) return capabilities;
      }
      if (mappedTargets(name) !== undefined) return { ...cachedResolution(name).capabilities };
      return capabilitiesFromNames(name, [name]);
    },

    reportThrottled(target: DeploymentTarget, retryAfterMs: number): void {
      const key = keyOf(target);
      if (typeof retryAfterMs !== 'number' || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) {
        logger.debug(
          `Ignoring throttle report for ${describeTarget(target)}: retry-after ${String(retryAfterMs)} ms is not a positive number`,
          { deployment: target.deployment },
        );
        return;
      }
      const availableAt = cooldowns.coolDown(key, retryAfterMs);
      logger.debug(`${describeTarget(target)} throttled: skipped for ${availableAt - now()} ms`, {
        deployment: target.deployment,
        retryAfterMs,
        availableAt,
      });
    },

    cooldownRemainingMs(target: DeploymentTarget): number {
      return cooldowns.remainingMs(keyOf(target));
    },

    shouldFailoverImmediately(retryAfterMs: number | undefined): boolean {
      if (typeof retryAfterMs !== 'number' || Number.isNaN(retryAfterMs)) return false;
      return retryAfterMs > settings.failoverRetryAfterThresholdSeconds * 1000;
    },

    listModels(): ModelInfo[] {
      const infos: ModelInfo[] = [];
      const listed = new Set<string>();
      const build = (id: string, resolution: DeploymentResolution): void => {
        listed.add(id);
        infos.push(
          buildModelInfo({
            id,
            resolution,
            azureEndpoint: settings.azureEndpoint,
            maxTokens: settings.maxTokens,
            temperature: settings.temperature,
          }),
        );
      };
      for (const model of settings.mapping.keys()) build(model, buildResolution(model));
      const fallback = settings.defaultDeployment;
      if (fallback !== undefined && !listed.has(fallback)) {
        build(fallback, buildResolution(fallback));
      }
      return infos;
    },
  });
}
