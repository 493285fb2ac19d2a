import { describe, expect, it } from 'vitest';
import { DeploymentError, InvalidModelNameError } from './deployment-errors.js';
import { createDeploymentResolver } from './deployment-resolver.js';
import type { Logger } from './logger.js';

/** The seed configuration of the project's examples. */
const seedMapping = {
  'gpt-5': 'production-gpt5',
  'gpt-5-mini': 'fast-mini',
};

interface LogLine {
  level: keyof Logger;
  message: string;
  data: Record<string, unknown> | undefined;
}

function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Logger) =>
    (message: string, data?: Record<string, unknown>): void => {
      lines.push({ level, message, data });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function fakeClock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('resolve: the seed examples', () => {
  const resolver = createDeploymentResolver({
    deploymentMapping: seedMapping,
    defaultDeployment: 'general-default',
  });

  it('maps gpt-5 to production-gpt5', () => {
    const resolution = resolver.resolve('gpt-5');
    expect(resolution.rule).toBe('mapping');
    expect(resolution.primary).toEqual({ deployment: 'production-gpt5' });
    expect(resolution.targets).toEqual([{ deployment: 'production-gpt5' }]);
    expect(resolution.description).toBe('gpt-5 -> production-gpt5 (mapping)');
  });

  it('maps gpt-5-mini to fast-mini', () => {
    const resolution = resolver.resolve('gpt-5-mini');
    expect(resolution.rule).toBe('mapping');
    expect(resolution.primary.deployment).toBe('fast-mini');
    expect(resolution.description).toBe('gpt-5-mini -> fast-mini (mapping)');
    // The deployment name hides the model; the requested model name gives the family.
    expect(resolution.capabilities.family).toBe('gpt-5-mini');
  });

  it('sends an unmapped model to the default deployment', () => {
    const resolution = resolver.resolve('gpt-4o');
    expect(resolution.rule).toBe('default');
    expect(resolution.primary).toEqual({ deployment: 'general-default' });
    expect(resolution.description).toBe('gpt-4o -> general-default (default)');
  });

  it('passes an unmapped model through when there is no default', () => {
    const passthrough = createDeploymentResolver({ deploymentMapping: seedMapping });
    const resolution = passthrough.resolve('my-own-deployment');
    expect(resolution.rule).toBe('passthrough');
    expect(resolution.primary).toEqual({ deployment: 'my-own-deployment' });
    expect(resolution.description).toBe('my-own-deployment -> my-own-deployment (passthrough)');
  });

  it('treats a blank default_deployment as unset', () => {
    const passthrough = createDeploymentResolver({ defaultDeployment: '   ' });
    expect(passthrough.resolve('gpt-4o').rule).toBe('passthrough');
  });

  it('prefers the mapping over the default, and matches case-insensitively after exact', () => {
    const mixed = createDeploymentResolver({
      deploymentMapping: { 'GPT-5': 'upper', 'gpt-5': 'lower' },
      defaultDeployment: 'general-default',
    });
    expect(mixed.resolve('gpt-5').primary.deployment).toBe('lower');
    expect(mixed.resolve('GPT-5').primary.deployment).toBe('upper');
    expect(mixed.resolve('Gpt-5').primary.deployment).toBe('upper');
    expect(mixed.resolve('  gpt-5  ').model).toBe('gpt-5');
  });

  it('logs the resolution at debug level', () => {
    const logger = recordingLogger();
    const logged = createDeploymentResolver({ deploymentMapping: seedMapping, logger });
    logged.resolve('gpt-5');
    const line = logger.lines.find(entry => entry.message === 'gpt-5 -> production-gpt5 (mapping)');
    expect(line?.level).toBe('debug');
    expect(line?.data).toMatchObject({ model: 'gpt-5', rule: 'mapping' });
    expect(logger.lines.filter(entry => entry.level !== 'debug')).toEqual([]);
  });

  it('rejects an empty or blank model name with a typed error', () => {
    for (const bad of ['', '   ', undefined, 42]) {
      let caught: unknown;
      try {
        resolver.resolve(bad as string);
      } catch (error) {
        caught = error;
      }
      expect(InvalidModelNameError.isInstance(caught)).toBe(true);
      expect(DeploymentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidModelNameError).fix).toMatch(/model name/);
    }
    expect(() => resolver.plan('')).toThrow(/non-empty string/);
    expect(() => resolver.capabilitiesFor(' ')).toThrow(/non-empty string/);
  });

  it('refuses model names holding control characters before they reach Azure, without echoing them', () => {
    for (const bad of ['gpt-5\r\nX-Injected: 1', 'gpt\u001b[2J', 'gpt\u0000', 'gpt-5\n']) {
      let caught: unknown;
      try {
        resolver.plan(bad.trim() === bad ? bad : `${bad}x`);
      } catch (error) {
        caught = error;
      }
      expect(InvalidModelNameError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toContain('control characters');
      expect((caught as Error).message).not.toContain('gpt');
    }
  });

  it('is safe with model names that are Object.prototype members', () => {
    const parsed = JSON.parse('{"__proto__": "proto-deployment", "gpt-5": "production-gpt5"}');
    const safe = createDeploymentResolver({ deploymentMapping: parsed });
    expect(safe.resolve('__proto__').primary.deployment).toBe('proto-deployment');
    expect(safe.resolve('constructor').rule).toBe('passthrough');
    expect(safe.resolve('toString').primary.deployment).toBe('toString');
    expect(safe.capabilitiesFor('hasOwnProperty').known).toBe(false);
  });

  it('returns frozen resolutions', () => {
    const resolution = resolver.resolve('gpt-5');
    expect(Object.isFrozen(resolution)).toBe(true);
    expect(Object.isFrozen(resolution.targets)).toBe(true);
    expect(Object.isFrozen(resolution.capabilities)).toBe(true);
  });
});

describe('resolve: capabilities', () => {
  it('takes the family from the deployment name when the model name hides it', () => {
    const resolver = createDeploymentResolver({
      deploymentMapping: { smart: 'prod-gpt-5-mini' },
    });
    const resolution = resolver.resolve('smart');
    expect(resolution.capabilities).toMatchObject({
      family: 'gpt-5-mini',
      known: true,
      reasoning: true,
    });
  });

  it('lets deployment_models override the family of a deployment', () => {
    const resolver = createDeploymentResolver({
      deploymentMapping: { 'gpt-4o': 'my-prod' },
      deploymentModels: { 'my-prod': 'gpt-5' },
    });
    // The requested name says gpt-4o, but the deployment is declared to run gpt-5.
    const capabilities = resolver.resolve('gpt-4o').capabilities;
    expect(capabilities.family).toBe('gpt-5');
    expect(capabilities.reasoning).toBe(true);
    expect(capabilities.supportsTemperature).toBe(false);
    expect(resolver.capabilitiesFor('my-prod').family).toBe('gpt-5');
    expect(resolver.capabilitiesFor('MY-PROD').family).toBe('gpt-5');
  });

  it('uses the default deployment name before the requested model name', () => {
    const resolver = createDeploymentResolver({ defaultDeployment: 'eu-gpt-4.1' });
    const capabilities = resolver.resolve('o3').capabilities;
    expect(capabilities.family).toBe('gpt-4.1');
    expect(capabilities.reasoning).toBe(false);
  });

  it('gives unknown models conservative defaults and a debug note', () => {
    const logger = recordingLogger();
    const resolver = createDeploymentResolver({
      deploymentMapping: { house: 'team-deployment' },
      logger,
    });
    const capabilities = resolver.resolve('house').capabilities;
    expect(capabilities).toEqual({
      family: 'unknown',
      known: false,
      reasoning: false,
      contextWindow: 128_000,
      maxOutputTokens: 4_096,
      vision: false,
      tools: true,
      supportsTemperature: true,
      jsonMode: false,
      costTier: 'medium',
    });
    const note = logger.lines.find(line => line.message.startsWith('No capability data'));
    expect(note?.level).toBe('debug');
    expect(note?.message).toContain('"house" / "team-deployment"');
    expect(note?.message).toContain('deployment_models');
  });

  it('warns about a deployment_models family it does not know, and falls back to names', () => {
    const logger = recordingLogger();
    const resolver = createDeploymentResolver({
      deploymentMapping: { 'gpt-4o': 'my-prod' },
      deploymentModels: { 'my-prod': 'gtp-5' },
      logger,
    });
    const warning = logger.lines.find(line => line.level === 'warn');
    expect(warning?.message).toContain('deployment_models.my-prod');
    expect(resolver.resolve('gpt-4o').capabilities.family).toBe('gpt-4o');
  });

  it('capabilitiesFor answers for mapped models, deployments and plain model names', () => {
    const resolver = createDeploymentResolver({
      deploymentMapping: { smart: 'prod-gpt-5-mini' },
      deploymentModels: { 'eu-prod': 'o4-mini' },
    });
    expect(resolver.capabilitiesFor('smart').family).toBe('gpt-5-mini');
    expect(resolver.capabilitiesFor('eu-prod').family).toBe('o4-mini');
    expect(resolver.capabilitiesFor('gpt-4.1-nano-2025-04-14').family).toBe('gpt-4.1-nano');
    expect(resolver.capabilitiesFor('nothing-known').known).toBe(false);
  });
});

describe('plan: failover order and cooldowns', () => {
  const primary = { deployment: 'production-gpt5' };
  const secondary = { deployment: 'production-gpt5', endpoint: 'https://westus.openai.azure.com' };
  const tertiary = { deployment: 'backup-gpt5' };
  const mapping = {
    'gpt-5': [
      'production-gpt5',
      { deployment: 'production-gpt5', endpoint: 'https://westus.openai.azure.com/openai/v1/' },
      { deployment: 'backup-gpt5' },
    ],
  };

  it('lists the targets in mapping order', () => {
    const resolver = createDeploymentResolver({ deploymentMapping: mapping });
    const plan = resolver.plan('gpt-5');
    expect(plan.targets).toEqual([primary, secondary, tertiary]);
    expect(plan.skipped).toEqual([]);
    expect(plan.allCoolingDown).toBe(false);
    expect(plan.resolution.description).toBe(
      'gpt-5 -> production-gpt5, production-gpt5@westus.openai.azure.com, backup-gpt5 (mapping)',
    );
  });

  it('skips a throttled target until its retry-after has passed (fake clock)', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({ deploymentMapping: mapping, now: clock.now });
    resolver.reportThrottled(primary, 30_000);
    expect(resolver.cooldownRemainingMs(primary)).toBe(30_000);

    let plan = resolver.plan('gpt-5');
    expect(plan.targets).toEqual([secondary, tertiary]);
    expect(plan.skipped).toEqual([{ target: primary, availableAt: clock.now() + 30_000 }]);

    clock.advance(29_999);
    expect(resolver.plan('gpt-5').targets).toEqual([secondary, tertiary]);
    expect(resolver.cooldownRemainingMs(primary)).toBe(1);

    clock.advance(1);
    plan = resolver.plan('gpt-5');
    expect(plan.targets).toEqual([primary, secondary, tertiary]);
    expect(plan.skipped).toEqual([]);
    expect(resolver.cooldownRemainingMs(primary)).toBe(0);
  });

  it('reuses one frozen plan per model while nothing cools down, and plans afresh after a 429', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({ deploymentMapping: mapping, now: clock.now });
    const first = resolver.plan('gpt-5');
    expect(resolver.plan('gpt-5')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.targets)).toBe(true);
    expect(Object.isFrozen(first.skipped)).toBe(true);

    resolver.reportThrottled(secondary, 1_000);
    expect(resolver.plan('gpt-5').targets).toEqual([primary, tertiary]);
    clock.advance(1_000);
    // The expired cooldown is dropped on this read; the shared plan comes back after it.
    expect(resolver.plan('gpt-5').targets).toEqual([primary, secondary, tertiary]);
    expect(resolver.plan('gpt-5')).toBe(first);
  });

  it('keys cooldowns by endpoint and deployment', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({ deploymentMapping: mapping, now: clock.now });
    // Same deployment name on another endpoint: only that one cools down.
    resolver.reportThrottled(
      { deployment: 'production-gpt5', endpoint: 'https://westus.openai.azure.com/' },
      5_000,
    );
    expect(resolver.plan('gpt-5').targets).toEqual([primary, tertiary]);
    expect(resolver.cooldownRemainingMs(primary)).toBe(0);
    expect(resolver.cooldownRemainingMs(secondary)).toBe(5_000);
  });

  it('treats a target naming azure_endpoint like one naming no endpoint', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({
      azureEndpoint: 'https://main.openai.azure.com',
      deploymentMapping: {
        'gpt-5': ['production-gpt5', 'backup-gpt5'],
        'gpt-5-pinned': {
          deployment: 'production-gpt5',
          endpoint: 'https://main.openai.azure.com/openai',
        },
      },
      now: clock.now,
    });
    resolver.reportThrottled({ deployment: 'production-gpt5' }, 1_000);
    expect(resolver.plan('gpt-5-pinned').allCoolingDown).toBe(true);
  });

  it('never shortens a cooldown and ignores meaningless retry-after values', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({ deploymentMapping: mapping, now: clock.now });
    resolver.reportThrottled(primary, 10_000);
    resolver.reportThrottled(primary, 2_000);
    expect(resolver.cooldownRemainingMs(primary)).toBe(10_000);
    resolver.reportThrottled(tertiary, 0);
    resolver.reportThrottled(tertiary, -5);
    resolver.reportThrottled(tertiary, Number.NaN);
    expect(resolver.cooldownRemainingMs(tertiary)).toBe(0);
    expect(() => resolver.reportThrottled({ deployment: '' }, 1_000)).toThrow(/non-empty/);
  });

  it('returns every target, soonest first, when all are cooling down', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({ deploymentMapping: mapping, now: clock.now });
    resolver.reportThrottled(primary, 60_000);
    resolver.reportThrottled(secondary, 5_000);
    resolver.reportThrottled(tertiary, 20_000);
    const plan = resolver.plan('gpt-5');
    expect(plan.allCoolingDown).toBe(true);
    expect(plan.targets).toEqual([secondary, tertiary, primary]);
    expect(plan.skipped.map(entry => entry.availableAt - clock.now())).toEqual([
      5_000, 20_000, 60_000,
    ]);
  });

  it('shares cooldowns between plans and between models using the same deployment', () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({
      deploymentMapping: { 'gpt-5': ['production-gpt5', 'backup-gpt5'], large: 'production-gpt5' },
      now: clock.now,
    });
    const before = resolver.plan('gpt-5');
    resolver.reportThrottled(before.targets[0]!, 15_000);
    expect(resolver.plan('gpt-5').targets).toEqual([{ deployment: 'backup-gpt5' }]);
    expect(resolver.plan('large').allCoolingDown).toBe(true);
    // A second resolver has its own cooldowns.
    const other = createDeploymentResolver({ deploymentMapping: { 'gpt-5': 'production-gpt5' } });
    expect(other.plan('gpt-5').skipped).toEqual([]);
  });

  it('parallel async callers see a cooldown reported by one of them', async () => {
    const clock = fakeClock();
    const resolver = createDeploymentResolver({
      deploymentMapping: { 'gpt-5': ['production-gpt5', 'backup-gpt5'] },
      now: clock.now,
    });
    let release: () => void = () => {};
    const throttled = new Promise<void>(resolve => {
      release = resolve;
    });
    // Caller A is answered 429 by the primary and reports it; callers B..E plan after that.
    const callerA = (async () => {
      const plan = resolver.plan('gpt-5');
      await Promise.resolve();
      resolver.reportThrottled(plan.targets[0]!, 20_000);
      release();
      return plan.targets.map(target => target.deployment);
    })();
    const others = Array.from({ length: 4 }, async () => {
      await throttled;
      return resolver.plan('gpt-5').targets.map(target => target.deployment);
    });
    const [first, ...rest] = await Promise.all([callerA, ...others]);
    expect(first).toEqual(['production-gpt5', 'backup-gpt5']);
    for (const targets of rest) expect(targets).toEqual(['backup-gpt5']);
  });

  it('logs skipped targets at debug level', () => {
    const clock = fakeClock();
    const logger = recordingLogger();
    const resolver = createDeploymentResolver({
      deploymentMapping: mapping,
      now: clock.now,
      logger,
    });
    resolver.reportThrottled(primary, 1_000);
    resolver.plan('gpt-5');
    expect(logger.lines.some(line => line.message.startsWith('Skipping cooling-down'))).toBe(true);
    expect(logger.lines.every(line => line.level === 'debug')).toBe(true);
  });
});

describe('shouldFailoverImmediately', () => {
  it('is true only when the wait exceeds the threshold (default 10 s)', () => {
    const resolver = createDeploymentResolver();
    expect(resolver.shouldFailoverImmediately(undefined)).toBe(false);
    expect(resolver.shouldFailoverImmediately(Number.NaN)).toBe(false);
    expect(resolver.shouldFailoverImmediately(10_000)).toBe(false);
    expect(resolver.shouldFailoverImmediately(10_001)).toBe(true);
    expect(resolver.shouldFailoverImmediately(Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('honours failoverRetryAfterThresholdSeconds', () => {
    const resolver = createDeploymentResolver({ failoverRetryAfterThresholdSeconds: 2 });
    expect(resolver.shouldFailoverImmediately(2_000)).toBe(false);
    expect(resolver.shouldFailoverImmediately(2_500)).toBe(true);
    const always = createDeploymentResolver({ failoverRetryAfterThresholdSeconds: 0 });
    expect(always.shouldFailoverImmediately(1)).toBe(true);
  });
});

describe('listModels', () => {
  it('lists one Amplifier ModelInfo per mapped model, plus the default deployment', () => {
    const resolver = createDeploymentResolver({
      azureEndpoint: 'https://main.openai.azure.com/',
      deploymentMapping: {
        'gpt-5': [
          'production-gpt5',
          { deployment: 'production-gpt5', endpoint: 'https://westus.openai.azure.com' },
        ],
        'gpt-4.1': 'prod-41',
      },
      defaultDeployment: 'fast-mini',
      deploymentModels: { 'fast-mini': 'gpt-5-mini' },
      maxTokens: 8_192,
      temperature: 0.3,
    });
    const models = resolver.listModels();
    expect(models.map(model => model.id)).toEqual(['gpt-5', 'gpt-4.1', 'fast-mini']);

    const [gpt5, gpt41, fallback] = models;
    expect(gpt5).toEqual({
      id: 'gpt-5',
      display_name: 'gpt-5 (production-gpt5, production-gpt5@westus.openai.azure.com)',
      context_window: 400_000,
      max_output_tokens: 128_000,
      capabilities: ['streaming', 'tools', 'vision', 'thinking', 'reasoning', 'json_mode'],
      defaults: { max_output_tokens: 8_192 },
      metadata: {
        cost_tier: 'medium',
        model_family: 'gpt-5',
        known_model: true,
        resolution_rule: 'mapping',
        deployments: ['production-gpt5', 'production-gpt5'],
        targets: [
          { deployment: 'production-gpt5', endpoint: 'https://main.openai.azure.com' },
          { deployment: 'production-gpt5', endpoint: 'https://westus.openai.azure.com' },
        ],
        endpoints: ['https://main.openai.azure.com', 'https://westus.openai.azure.com'],
      },
    });
    // Non-reasoning models get a temperature default; limits come from the table.
    expect(gpt41?.defaults).toEqual({ max_output_tokens: 8_192, temperature: 0.3 });
    expect(gpt41?.context_window).toBe(1_047_576);
    expect(gpt41?.capabilities).not.toContain('thinking');
    expect(fallback?.metadata).toMatchObject({
      model_family: 'gpt-5-mini',
      cost_tier: 'low',
      resolution_rule: 'default',
    });
    expect(fallback?.display_name).toBe('fast-mini');
  });

  it('caps the max_output_tokens default at the model limit and omits unknown endpoints', () => {
    const resolver = createDeploymentResolver({
      deploymentMapping: { old: 'gpt-35-turbo' },
      maxTokens: 100_000,
    });
    const [old] = resolver.listModels();
    expect(old?.defaults).toEqual({ max_output_tokens: 4_096, temperature: 0.7 });
    expect(old?.metadata).toMatchObject({
      endpoints: [],
      targets: [{ deployment: 'gpt-35-turbo' }],
    });
  });

  it('does not list the default deployment twice', () => {
    const resolver = createDeploymentResolver({
      deploymentMapping: { 'fast-mini': 'fast-mini' },
      defaultDeployment: 'fast-mini',
    });
    expect(resolver.listModels().map(model => model.id)).toEqual(['fast-mini']);
  });

  it('is empty without mapping or default', () => {
    expect(createDeploymentResolver().listModels()).toEqual([]);
  });
});

describe('resolution cache', () => {
  it('returns the same frozen resolution for repeated calls and still applies new cooldowns', () => {
    let clock = 1_000;
    const resolver = createDeploymentResolver({
      deploymentMapping: { 'gpt-5': ['production-gpt5', 'backup-gpt5'] },
      now: () => clock,
    });
    const first = resolver.resolve('gpt-5');
    expect(resolver.resolve('gpt-5')).toBe(first);
    const [primary] = resolver.plan('gpt-5').targets;
    resolver.reportThrottled(primary!, 5_000);
    expect(resolver.plan('gpt-5').targets.map(target => target.deployment)).toEqual([
      'backup-gpt5',
    ]);
    clock += 5_001;
    expect(resolver.plan('gpt-5').targets.map(target => target.deployment)).toEqual([
      'production-gpt5',
      'backup-gpt5',
    ]);
  });

  it('stays correct past its bound for open-ended pass-through names', () => {
    const resolver = createDeploymentResolver({});
    for (let index = 0; index < 2_100; index += 1) {
      expect(resolver.resolve(`deployment-${index}`).primary.deployment).toBe(
        `deployment-${index}`,
      );
    }
    expect(resolver.resolve('deployment-0').rule).toBe('passthrough');
  });
});
