import { warn } from '../events/provider-event-emitter.js';
import type { ProviderContext } from '../provider/provider-context.js';
import type { ChatResponse } from '../types.js';
import { computeCostUsd } from './compute-cost.js';
import { type ModelPrice, PRICES_AS_OF, tablePriceFor } from './pricing-table.js';

/** What pricing a response needs of the provider. */
export type CostContext = Pick<
  ProviderContext,
  'config' | 'unpricedModels' | 'events' | 'scrubber' | 'logger'
>;

/** Where a deployment's price comes from: nothing per token (PTU), a price, or unknown. */
export type DeploymentPrice =
  | { kind: 'ptu' }
  | { kind: 'price'; price: ModelPrice }
  | { kind: 'unknown'; model: string };

/**
 * The price of an answer from `deployment` whose model Azure reported as `model`:
 * `deployment_pricing[deployment]` first (its `deployment_type`, then its prices), then the
 * config's `deployment_type` (`PTU`: nothing per token), then the pricing table by the model
 * Azure reported, then by the family `deployment_models` names for the deployment.
 */
export function deploymentPrice(
  context: Pick<CostContext, 'config'>,
  deployment: string | undefined,
  model: string | undefined,
): DeploymentPrice {
  const { config } = context;
  const overrides = config.deploymentPricing ?? {};
  const override =
    deployment !== undefined && Object.hasOwn(overrides, deployment)
      ? overrides[deployment]
      : undefined;
  if ((override?.deploymentType ?? config.deploymentType) === 'PTU') return { kind: 'ptu' };
  if (override?.inputPerMillion !== undefined && override.outputPerMillion !== undefined) {
    return {
      kind: 'price',
      price: {
        input: override.inputPerMillion,
        cachedInput: override.cachedInputPerMillion ?? override.inputPerMillion,
        output: override.outputPerMillion,
      },
    };
  }
  const byModel = tablePriceFor(model);
  if (byModel !== undefined) return { kind: 'price', price: byModel };
  // Only a family the user declared: guessing one from a deployment name could price wrongly.
  const family =
    deployment !== undefined && Object.hasOwn(config.deploymentModels ?? {}, deployment)
      ? config.deploymentModels[deployment]
      : undefined;
  const byFamily = tablePriceFor(family);
  if (byFamily !== undefined) return { kind: 'price', price: byFamily };
  return { kind: 'unknown', model: model ?? deployment ?? 'unknown' };
}

/** Most (deployment, model) pairs one config remembers a price for (answers name the model). */
const MAX_CACHED_PRICES = 256;
const priceCache = new WeakMap<
  object,
  Map<string | undefined, Map<string | undefined, DeploymentPrice>>
>();

/**
 * {@link deploymentPrice}, remembered per config, deployment and model: the same deployment
 * answers with the same model on every call, and its price cannot change while the config lives.
 */
function cachedDeploymentPrice(
  context: Pick<CostContext, 'config'>,
  deployment: string | undefined,
  model: string | undefined,
): DeploymentPrice {
  let byDeployment = priceCache.get(context.config);
  if (byDeployment === undefined) {
    byDeployment = new Map();
    priceCache.set(context.config, byDeployment);
  }
  let byModel = byDeployment.get(deployment);
  const cached = byModel?.get(model);
  if (cached !== undefined) return cached;
  const found = deploymentPrice(context, deployment, model);
  if (byModel === undefined) {
    if (byDeployment.size >= MAX_CACHED_PRICES) return found;
    byModel = new Map();
    byDeployment.set(deployment, byModel);
  }
  if (byModel.size < MAX_CACHED_PRICES) byModel.set(model, found);
  return found;
}

/**
 * Sets `response.usage.cost_usd` (see {@link deploymentPrice}; PTU deployments cost `"0"`). A
 * model without a price keeps `cost_usd` unset (never a guessed number) and is reported once per
 * model as a `provider:warning` (then the returned promise settles once it is reported; without a
 * warning nothing is returned: no promise to await per call).
 */
export function applyCost(context: CostContext, response: ChatResponse): Promise<void> | undefined {
  const usage = response.usage;
  if (usage === undefined) return;
  const deployment = response.metadata?.deployment;
  const model = response.metadata?.model;
  const found = cachedDeploymentPrice(context, deployment, model);
  if (found.kind === 'ptu') {
    usage.cost_usd = '0';
    return;
  }
  if (found.kind === 'price') {
    usage.cost_usd = computeCostUsd(usage, found.price);
    return;
  }
  if (context.unpricedModels.has(found.model)) return;
  context.unpricedModels.add(found.model);
  return warn(
    context,
    `No price for model '${found.model}' (deployment '${deployment ?? 'unknown'}') in the pricing table of ${PRICES_AS_OF}: usage.cost_usd is left unset.`,
    {
      model: found.model,
      deployment,
      fix: `Price the deployment in the config: [deployment_pricing] "${deployment ?? 'my-deployment'}" = { input = ..., cached_input = ..., output = ... } (USD per million tokens), or deployment_type = "PTU".`,
    },
  );
}
