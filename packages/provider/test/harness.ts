import { resolveConfig } from '@amplifier-azure-openai/config';
import {
  DEFAULT_DEPLOYMENTS,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
  useEmulator,
} from '@amplifier-azure-openai/emulator';
import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  type AzureOpenAIProvider,
  type AzureOpenAIProviderOptions,
  createAzureOpenAIProvider,
} from '../src/index.js';

/** Deployments of the test emulator: the defaults plus a reasoning deployment with an odd name. */
export const TEST_DEPLOYMENTS = {
  ...DEFAULT_DEPLOYMENTS,
  'mystery-reasoner': { model: 'gpt-5', reasoning: true },
};

/**
 * Starts an emulator that validates every Responses body against the shared OpenAPI schema.
 * Compiling the schema takes seconds, so it is done here (call from `beforeAll` with
 * {@link SETUP_TIMEOUT_MS}), not inside the first test.
 */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  validateResponsesRequest({ model: 'warm-up', input: 'hi' });
  return startEmulator({
    validateRequest: validateResponsesRequest,
    deployments: TEST_DEPLOYMENTS,
    ...options,
  });
}

/** Timeout of `beforeAll` hooks that start an emulator (schema compilation). */
export const SETUP_TIMEOUT_MS = 120_000;

/**
 * The emulator of {@link startTestEmulator} for a whole test file, through the emulator package's
 * `useEmulator`: started once (schema compiled first, within {@link SETUP_TIMEOUT_MS}), closed after
 * the file, recorder cleared and faults reset before each test. Returns a getter.
 */
export function useTestEmulator(): () => Emulator {
  return useEmulator(
    {
      beforeAll: start =>
        beforeAll(async () => {
          validateResponsesRequest({ model: 'warm-up', input: 'hi' });
          await start();
        }, SETUP_TIMEOUT_MS),
      afterAll,
      beforeEach,
    },
    { validateRequest: validateResponsesRequest, deployments: TEST_DEPLOYMENTS },
  );
}

/** One recorded event. */
export interface RecordedEvent {
  event: string;
  payload: Record<string, unknown>;
}

/** An event sink that records what it receives. */
export function recordingSink() {
  const events: RecordedEvent[] = [];
  return {
    events,
    emit(event: string, payload: Record<string, unknown>) {
      events.push({ event, payload });
    },
    named(event: string): Record<string, unknown>[] {
      return events.filter(entry => entry.event === event).map(entry => entry.payload);
    },
  };
}

/** A sleep that records the requested waits and returns at once (aborts still reject). */
export function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
    },
  };
}

/** Settings and options for {@link providerFor}. */
export interface ProviderSetup {
  settings?: Record<string, unknown>;
  options?: Partial<AzureOpenAIProviderOptions>;
  /** Leave out the api key (to use another auth method). */
  withoutApiKey?: boolean;
}

/** A provider pointed at `emulator` with its API key, an injected sleep and fixed jitter. */
export function providerFor(emulator: Emulator, setup: ProviderSetup = {}) {
  const sink = recordingSink();
  const sleeper = recordingSleep();
  const resolved = resolveConfig(
    {
      azure_endpoint: emulator.url,
      ...(setup.withoutApiKey ? {} : { api_key: emulator.apiKey }),
      default_model: 'gpt-4o',
      ...setup.settings,
    },
    {},
  );
  const provider: AzureOpenAIProvider = createAzureOpenAIProvider({
    config: resolved,
    events: sink,
    sleep: sleeper.sleep,
    random: () => 0.5,
    ...setup.options,
  });
  return { provider, sink, sleeper, config: resolved.config };
}

/** A tool spec the emulator's model calls when the user mentions the weather. */
export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};
