import type { ServiceDefinition } from '@grpc/grpc-js';
import { protoLoader } from './grpc-runtime.js';
import { protoPath } from './proto-path.js';
import { PROTO_LOADER_OPTIONS } from './proto-types.js';

/** The two services this package serves, loaded from its own proto. */
export interface AmplifierServiceDefinitions {
  /** `amplifier.module.ProviderService`. */
  providerService: ServiceDefinition;
  /** `amplifier.module.ModuleLifecycle`. */
  moduleLifecycle: ServiceDefinition;
}

let cached: AmplifierServiceDefinitions | undefined;

/** Loads (once) the `ProviderService` and `ModuleLifecycle` definitions from the shipped proto. */
export function loadServiceDefinitions(): AmplifierServiceDefinitions {
  if (cached !== undefined) return cached;
  const definition = protoLoader().loadSync(protoPath(), { ...PROTO_LOADER_OPTIONS });
  const providerService = definition['amplifier.module.ProviderService'];
  const moduleLifecycle = definition['amplifier.module.ModuleLifecycle'];
  if (providerService === undefined || moduleLifecycle === undefined) {
    throw new Error(
      `${protoPath()} does not define amplifier.module.ProviderService and ModuleLifecycle.`,
    );
  }
  cached = {
    providerService: providerService as ServiceDefinition,
    moduleLifecycle: moduleLifecycle as ServiceDefinition,
  };
  return cached;
}
