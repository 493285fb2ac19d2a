import type { Logger } from '../logger.js';
import type { ModuleCoordinator } from '../module-coordinator.js';
import { type MountCleanup, type MountModuleOptions, mount } from '../mount.js';
import { PROVIDER_EVENTS } from '../provider-events.js';
import type { ChatRequest, ProviderLike } from '../provider-shapes.js';
import { JSON_RPC_ERRORS, type JsonRpcIncoming, parseJsonRpcLine } from './json-rpc.js';
import { toProviderErrorData } from './provider-error-data.js';

/**
 * Kernel-standard hook events the provider emits besides its declared events ({@link PROVIDER_EVENTS}).
 * They are forwarded like every other event but not declared: `mount` answers only the declared
 * list, which the Python host registers on `observability.events`.
 */
export const STDIO_FORWARDED_EVENTS: readonly string[] = Object.freeze([
  'llm:request',
  'llm:response',
  'llm:request:debug',
  'llm:response:debug',
  'llm:request:raw',
  'llm:response:raw',
]);

/** Options of {@link createStdioHost}. */
export interface StdioHostOptions {
  /** Writes one serialized message (a line without its line break). */
  write(line: string): void;
  /** Environment for `resolveConfig` (default `process.env`); `mount`'s `env` param is laid over it. */
  env?: Record<string, string | undefined> | undefined;
  /** Extra provider options (tests: `fetch`, `sleep`). */
  provider?: MountModuleOptions['provider'];
  /** Called once after `shutdown` was answered and the provider closed. */
  onShutdown?: (() => void) | undefined;
}

/** The stdio host's message handler (see {@link createStdioHost}). */
export interface StdioHost {
  /** Handles one input line (a JSON-RPC request or notification). */
  handleLine(line: string): void;
  /** Aborts in-flight calls and closes the provider (idempotent). */
  close(): Promise<void>;
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

function invalidParams(message: string): RpcError {
  return new RpcError(JSON_RPC_ERRORS.invalidParams, `Invalid params: ${message}`);
}

function objectParam(params: unknown, key: string, required: boolean): Record<string, unknown> {
  const value =
    typeof params === 'object' && params !== null
      ? (params as Record<string, unknown>)[key]
      : undefined;
  if (value === undefined || value === null) {
    if (required) throw invalidParams(`"${key}" (an object) is required.`);
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParams(
      `"${key}" must be an object, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  return value as Record<string, unknown>;
}

function secretsOf(
  config: Record<string, unknown>,
  env: Record<string, string | undefined>,
): string[] {
  const secrets: string[] = [];
  for (const value of [
    config.api_key,
    config.azure_ad_token,
    env.AZURE_OPENAI_API_KEY,
    env.AZURE_OPENAI_AD_TOKEN,
  ]) {
    if (typeof value === 'string' && value.length >= 4) secrets.push(value);
  }
  return secrets;
}

/**
 * The JSON-RPC 2.0 method handlers of the stdio host. Methods:
 *
 * | method | params | result |
 * |---|---|---|
 * | `mount` | `{ config, env? }` | `{ mounted: true, info, events }` or `{ mounted: false, reason }` |
 * | `get_info` | none | ProviderInfo |
 * | `list_models` | none | ModelInfo[] |
 * | `complete` | `{ request }` (ChatRequest; `request.stream` true streams) | ChatResponse |
 * | `cancel` (notification) | `{ id }` (a `complete` request id) | none; that call answers AbortError |
 * | `shutdown` | none | `null`, then the provider is closed |
 *
 * Every hook event the provider emits is sent as the notification `event` `{ name, payload }`
 * before the answer of the call that caused it; warnings as `log` `{ level, message }`.
 * Provider failures answer error code -32000 with a {@link ProviderErrorData} as `data`.
 */
export function createStdioHost(options: StdioHostOptions): StdioHost {
  const baseEnv = options.env ?? process.env;
  let provider: ProviderLike | undefined;
  let cleanup: MountCleanup | undefined;
  let secrets: string[] = [];
  let closed = false;
  let shuttingDown = false;
  const calls = new Map<number | string, AbortController>();
  // Calls that arrive while a mount runs wait for it (the parent may pipeline them).
  let mounting: Promise<unknown> = Promise.resolve();

  const send = (message: Record<string, unknown>) => {
    options.write(JSON.stringify({ jsonrpc: '2.0', ...message }));
  };
  const notify = (method: string, params: Record<string, unknown>) => send({ method, params });

  const logger: Logger = {
    debug() {},
    info() {},
    warn(message) {
      notify('log', { level: 'warning', message });
    },
    error(message) {
      notify('log', { level: 'error', message });
    },
  };

  const coordinator: ModuleCoordinator = {
    mount(_point, module) {
      provider = module as ProviderLike;
    },
    hooks: {
      emit(name, payload) {
        notify('event', { name, payload });
      },
    },
  };

  function mounted(): ProviderLike {
    if (provider === undefined) {
      throw new RpcError(JSON_RPC_ERRORS.providerError, 'The provider is not mounted.', {
        kind: 'ConfigurationError',
        name: 'NotMountedError',
        message:
          'The azure-openai provider is not mounted: call "mount" with the provider config first.',
        retryable: false,
      });
    }
    return provider;
  }

  async function doMount(params: unknown) {
    const config = objectParam(params, 'config', false);
    const envParam = objectParam(params, 'env', false);
    const env: Record<string, string | undefined> = { ...baseEnv };
    for (const [key, value] of Object.entries(envParam)) {
      if (typeof value === 'string') env[key] = value;
      else if (value === null) delete env[key];
    }
    const previous = cleanup;
    provider = undefined;
    cleanup = undefined;
    await previous?.();
    secrets = secretsOf(config, env);
    const warnings: string[] = [];
    const result = await mount(coordinator, config, {
      env,
      logger: {
        ...logger,
        warn(message) {
          warnings.push(message);
          logger.warn(message);
        },
      },
      provider: options.provider,
    });
    if (result === undefined || provider === undefined) {
      return {
        mounted: false,
        reason: warnings.at(-1) ?? 'azure-openai provider not mounted.',
      };
    }
    cleanup = result;
    const mountedProvider: ProviderLike = provider;
    return {
      mounted: true,
      info: mountedProvider.getInfo(),
      events: [...PROVIDER_EVENTS],
    };
  }

  async function doComplete(id: number | string | undefined, params: unknown) {
    const request = objectParam(params, 'request', true);
    if (!Array.isArray(request.messages)) {
      throw invalidParams('"request.messages" (an array of messages) is required.');
    }
    const target = mounted();
    const controller = new AbortController();
    if (id !== undefined) calls.set(id, controller);
    try {
      return await target.complete(request as unknown as ChatRequest, {
        signal: controller.signal,
      });
    } finally {
      if (id !== undefined) calls.delete(id);
    }
  }

  async function dispatch(message: JsonRpcIncoming): Promise<unknown> {
    if (message.method === 'mount') {
      const done = mounting.then(() => doMount(message.params));
      mounting = done.catch(() => undefined);
      return done;
    }
    if (message.method !== 'cancel') await mounting;
    switch (message.method) {
      case 'get_info':
        return mounted().getInfo();
      case 'list_models':
        return mounted().listModels();
      case 'complete':
        return doComplete(message.id ?? undefined, message.params);
      case 'parse_tool_calls':
        return mounted().parseToolCalls(objectParam(message.params, 'response', true) as never);
      case 'cancel': {
        const target = (message.params as { id?: unknown } | undefined)?.id;
        if (typeof target === 'number' || typeof target === 'string') {
          calls.get(target)?.abort(new DOMException('Cancelled by the host.', 'AbortError'));
        }
        return null;
      }
      case 'shutdown':
        shuttingDown = true;
        return null;
      default:
        throw new RpcError(
          JSON_RPC_ERRORS.methodNotFound,
          `Method not found: ${JSON.stringify(message.method)}. Methods: mount, get_info, list_models, complete, cancel, parse_tool_calls, shutdown.`,
        );
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const controller of calls.values()) controller.abort();
    calls.clear();
    const current = cleanup;
    cleanup = undefined;
    provider = undefined;
    await current?.();
  }

  function answer(id: number | string | undefined | null, outcome: Promise<unknown>) {
    outcome.then(
      result => {
        if (id !== undefined && id !== null) send({ id, result: result ?? null });
        if (shuttingDown) {
          void close().finally(() => options.onShutdown?.());
        }
      },
      (error: unknown) => {
        if (id === undefined || id === null) return;
        if (error instanceof RpcError) {
          send({
            id,
            error: {
              code: error.code,
              message: error.message,
              ...(error.data === undefined ? {} : { data: error.data }),
            },
          });
          return;
        }
        const data = toProviderErrorData(error, secrets);
        send({
          id,
          error: { code: JSON_RPC_ERRORS.providerError, message: data.message, data },
        });
      },
    );
  }

  return {
    handleLine(line) {
      const parsed = parseJsonRpcLine(line);
      if (!parsed.ok) {
        send({ id: parsed.id, error: { code: parsed.code, message: parsed.message } });
        return;
      }
      const { message } = parsed;
      if (closed && message.method !== 'shutdown') {
        answer(
          message.id,
          Promise.reject(
            new RpcError(JSON_RPC_ERRORS.invalidRequest, 'The host is shutting down.'),
          ),
        );
        return;
      }
      let outcome: Promise<unknown>;
      try {
        outcome = dispatch(message);
      } catch (error) {
        outcome = Promise.reject(error);
      }
      answer(message.id, outcome);
    },
    close,
  };
}
