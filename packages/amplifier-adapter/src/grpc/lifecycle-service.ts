import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Logger } from '../logger.js';
import { PROVIDER_NAME, PROVIDERS_MOUNT_POINT } from '../provider-events.js';
import { VERSION } from '../version.js';
import { configJsonSchema } from './config-schema.js';
import { errorToStatus } from './error-to-status.js';
import { mountConfigToNative } from './mount-config.js';
import type {
  ProtoHealthCheckResponse,
  ProtoModuleInfo,
  ProtoMountRequest,
  ProtoMountResponse,
} from './proto-types.js';
import type { ProviderHost } from './provider-host.js';

/** The module id of this provider in Amplifier (`provider-azure-openai`). */
export const MODULE_ID = `provider-${PROVIDER_NAME}`;

/** The npm package name. */
export const PACKAGE_NAME = 'amplifier-module-provider-azure-openai';

/**
 * The `amplifier.module.ModuleLifecycle` handlers: Mount (build the provider from the kernel's
 * config), Cleanup (close it), HealthCheck, GetModuleInfo.
 */
export function createLifecycleService(
  host: ProviderHost,
  logger: Logger,
): UntypedServiceImplementation {
  return {
    Mount(
      call: ServerUnaryCall<ProtoMountRequest, ProtoMountResponse>,
      callback: sendUnaryData<unknown>,
    ) {
      let config: Record<string, unknown>;
      try {
        config = mountConfigToNative(call.request.config ?? {});
      } catch (error) {
        callback(errorToStatus(error), null);
        return;
      }
      host.mount(config).then(
        result =>
          callback(null, {
            success: result.success,
            error: result.error,
            status: host.mounted ? 'HEALTH_STATUS_SERVING' : 'HEALTH_STATUS_NOT_SERVING',
          } satisfies ProtoMountResponse),
        error => callback(errorToStatus(error, { secrets: host.secrets() }), null),
      );
    },

    Cleanup(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      host.cleanup().then(
        () => {
          logger.info('azure-openai provider cleaned up');
          callback(null, {});
        },
        error => callback(errorToStatus(error), null),
      );
    },

    HealthCheck(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      const response: ProtoHealthCheckResponse = host.mounted
        ? { status: 'HEALTH_STATUS_SERVING', message: 'azure-openai provider mounted' }
        : { status: 'HEALTH_STATUS_NOT_SERVING', message: host.notMountedReason };
      callback(null, response);
    },

    GetModuleInfo(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      let capabilities: string[] = [];
      if (host.mounted) {
        try {
          capabilities = [...host.current().getInfo().capabilities];
        } catch {
          capabilities = [];
        }
      }
      const info: ProtoModuleInfo = {
        id: MODULE_ID,
        name: PACKAGE_NAME,
        version: VERSION,
        module_type: 'MODULE_TYPE_PROVIDER',
        mount_point: PROVIDERS_MOUNT_POINT,
        description: 'Azure OpenAI Service provider for Amplifier (Responses API).',
        config_schema_json: JSON.stringify(configJsonSchema()),
        capabilities,
        author: 'amplifier-azure-openai',
      };
      callback(null, info);
    },
  };
}
