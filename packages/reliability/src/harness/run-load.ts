import { resolveConfig } from '@amplifier-azure-openai/config';
import { type Emulator, startEmulator } from '@amplifier-azure-openai/emulator';
import {
  AzureOpenAIError,
  type ChatRequest,
  type ChatResponse,
  createAzureOpenAIProvider,
  type ProviderStreamEvent,
  type ToolSpec,
} from '@amplifier-azure-openai/provider';
import {
  createFaultSchedule,
  INJECTED_FAULT_KINDS,
  type InjectedFaultKind,
} from './fault-schedule.js';
import { seededRandom } from './seeded-random.js';
import { createWireTap, type WireAttempt, type WireTap } from './wire-tap.js';

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** How many logical requests (default 500). */
  requests?: number | undefined;
  /** How many run at once (default 50). */
  concurrency?: number | undefined;
  /** Share of HTTP attempts that get a fault, 0..1 (default 0.1). */
  faultRate?: number | undefined;
  /** Seed of the fault schedule and jitter (default 9). */
  seed?: number | undefined;
  /** `max_retries` of the provider (default 2). */
  maxRetries?: number | undefined;
  /** Provider `timeout` in seconds (default 4). Slow faults last far longer. */
  timeoutSeconds?: number | undefined;
  /** `retry-after-ms` of injected 429s (default 20). */
  retryAfterMs?: number | undefined;
  /** Called every `progressEvery` finished requests. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Default: every 10% of the requests. */
  progressEvery?: number | undefined;
}

/** The kind of logical request. */
export type Scenario = 'text' | 'text-stream' | 'tools' | 'tools-stream' | 'tool-result';

/** The scenarios, in the order tables print them. */
export const SCENARIOS: readonly Scenario[] = [
  'text',
  'text-stream',
  'tools',
  'tools-stream',
  'tool-result',
];

/** Counts and findings of a load run. */
export interface LoadReport {
  requests: number;
  concurrency: number;
  faultRate: number;
  maxRetries: number;
  durationMs: number;
  /** Successful requests whose answer was checked and correct. */
  ok: number;
  /** Failed requests by error `name` (all typed). */
  errors: Record<string, number>;
  /** Requests by scenario: ok and failed. */
  scenarios: Record<Scenario, { ok: number; failed: number }>;
  /** HTTP attempts to the Responses endpoint. */
  attempts: number;
  /** Injected faults by kind. */
  faults: Record<InjectedFaultKind, number>;
  /** `provider:retry` events. */
  retryEvents: number;
  /** `provider:failover` events. */
  failoverEvents: number;
  /** `provider:throttle` events. */
  throttleEvents: number;
  /** Most HTTP attempts one request made. */
  maxAttemptsPerRequest: number;
  /** Tool calls checked against the wire. */
  toolCallsChecked: number;
  /** Unhandled rejections / uncaught exceptions seen during the run. */
  unhandled: number;
  /** Everything that broke a rule (empty when the run passed). */
  violations: string[];
}

const WEATHER_TOOL: ToolSpec = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

/** Error names a request may end with under the injected faults. */
export const EXPECTED_ERROR_NAMES: ReadonlySet<string> = new Set([
  'RateLimitError',
  'ServiceUnavailableError',
  'TimeoutError',
  'StreamInterruptedError',
]);

interface Planned {
  marker: string;
  scenario: Scenario;
  request: ChatRequest;
  expectedText: string | undefined;
  expectedCalls: { name: string; arguments: Record<string, unknown> }[];
}

function plan(index: number): Planned {
  const marker = `zq${index}`;
  const scenario = SCENARIOS[index % SCENARIOS.length] as Scenario;
  const model = index % 2 === 0 ? 'gpt-5' : 'gpt-4o';
  switch (scenario) {
    case 'text':
    case 'text-stream': {
      const text = `Say hello to ${marker}.`;
      return {
        marker,
        scenario,
        request: { model, messages: [{ role: 'user', content: text }] },
        expectedText: `Echo: ${text}`,
        expectedCalls: [],
      };
    }
    case 'tools':
    case 'tools-stream':
      return {
        marker,
        scenario,
        request: {
          model,
          tools: [WEATHER_TOOL],
          messages: [
            { role: 'user', content: `What is the weather in ${marker}a and ${marker}b?` },
          ],
        },
        expectedText: undefined,
        expectedCalls: [
          { name: 'get_weather', arguments: { city: `${marker}a` } },
          { name: 'get_weather', arguments: { city: `${marker}b` } },
        ],
      };
    default: {
      const callId = `call_${marker}`;
      return {
        marker,
        scenario,
        request: {
          model,
          tools: [WEATHER_TOOL],
          messages: [
            { role: 'user', content: `What is the weather in ${marker}?` },
            {
              role: 'assistant',
              content: [
                { type: 'tool_call', id: callId, name: 'get_weather', input: { city: marker } },
              ],
            },
            { role: 'tool', tool_call_id: callId, content: `sunny-${marker}` },
          ],
        },
        expectedText: `Based on the tool results: get_weather({"city":"${marker}"}) returned sunny-${marker}.`,
        expectedCalls: [],
      };
    }
  }
}

function answerText(response: ChatResponse): string {
  return response.content
    .filter(block => block.type === 'text')
    .map(block => (block as { text: string }).text)
    .join('');
}

interface Outcome {
  response?: ChatResponse | undefined;
  error?: unknown;
  /** Stream only: events yielded before the end or the error. */
  events: ProviderStreamEvent[];
}

async function runOne(
  provider: ReturnType<typeof createAzureOpenAIProvider>,
  planned: Planned,
): Promise<Outcome> {
  const events: ProviderStreamEvent[] = [];
  try {
    if (planned.scenario === 'text-stream' || planned.scenario === 'tools-stream') {
      let final: ChatResponse | undefined;
      for await (const event of provider.stream(planned.request)) {
        events.push(event);
        if (event.type === 'message.end') final = event.response;
      }
      return { response: final, events };
    }
    return { response: await provider.complete(planned.request), events };
  } catch (error) {
    return { error, events };
  }
}

/** Checks one finished request; returns the rule breaks found. */
function check(
  planned: Planned,
  outcome: Outcome,
  attempts: readonly WireAttempt[],
  maxAttempts: number,
): { violations: string[]; toolCalls: number } {
  const violations: string[] = [];
  const where = `${planned.marker} (${planned.scenario})`;
  let toolCalls = 0;
  if (attempts.length > maxAttempts) {
    violations.push(`${where}: ${attempts.length} HTTP attempts, more than ${maxAttempts}`);
  }
  const completed = attempts.filter(attempt => attempt.completed);
  if (outcome.error !== undefined) {
    const error = outcome.error;
    if (!AzureOpenAIError.isInstance(error)) {
      violations.push(`${where}: untyped error ${String(error)}`);
    } else if (!EXPECTED_ERROR_NAMES.has(error.name)) {
      violations.push(`${where}: unexpected error ${error.name}: ${error.message}`);
    }
    if (outcome.events.some(event => event.type === 'message.end')) {
      violations.push(`${where}: a message.end was yielded before the error`);
    }
    const last = attempts.at(-1);
    if (last !== undefined && last.fault === undefined && !last.completed) {
      // Allowed only when the error is explained: a timeout under load is not a fault we injected.
      const name = AzureOpenAIError.isInstance(error) ? error.name : 'untyped';
      if (name !== 'TimeoutError' && name !== 'RateLimitError') {
        violations.push(`${where}: ${name} although the last attempt had no fault`);
      }
    }
    return { violations, toolCalls };
  }
  const response = outcome.response;
  if (response === undefined) {
    violations.push(`${where}: finished without an error and without a response`);
    return { violations, toolCalls };
  }
  if (completed.length !== 1) {
    violations.push(`${where}: ${completed.length} complete answers on the wire for one response`);
  }
  if (planned.expectedText !== undefined && answerText(response) !== planned.expectedText) {
    violations.push(
      `${where}: answer ${JSON.stringify(answerText(response))}, expected ${JSON.stringify(planned.expectedText)}`,
    );
  }
  const calls = response.tool_calls ?? [];
  const expected = planned.expectedCalls;
  const actual = calls.map(call => ({ name: call.name, arguments: call.arguments }));
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    violations.push(
      `${where}: tool calls ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    );
  }
  const ids = calls.map(call => call.id);
  if (new Set(ids).size !== ids.length)
    violations.push(`${where}: duplicated tool call ids ${ids}`);
  const wire = completed.at(-1)?.toolCalls.map(call => call.callId) ?? [];
  if (JSON.stringify(ids) !== JSON.stringify(wire)) {
    violations.push(`${where}: tool call ids ${ids} but the emulator sent ${wire}`);
  }
  toolCalls += ids.length;
  if (planned.scenario === 'text-stream' || planned.scenario === 'tools-stream') {
    const ends = outcome.events.filter(event => event.type === 'message.end');
    if (ends.length !== 1) violations.push(`${where}: ${ends.length} message.end events`);
    const streamed = outcome.events
      .filter(event => event.type === 'tool_call.end')
      .map(event => (event as { id: string }).id);
    if (JSON.stringify(streamed) !== JSON.stringify(ids)) {
      violations.push(`${where}: streamed tool_call.end ids ${streamed}, final ${ids}`);
    }
    const deltas = outcome.events
      .filter(event => event.type === 'text.delta')
      .map(event => (event as { text: string }).text)
      .join('');
    if (deltas !== answerText(response)) {
      violations.push(`${where}: text deltas do not add up to the final text`);
    }
  }
  return { violations, toolCalls };
}

/** A running emulator and provider for a load run (exposed for tests that need both). */
export interface LoadRig {
  emulator: Emulator;
  provider: ReturnType<typeof createAzureOpenAIProvider>;
  tap: WireTap;
  events: { event: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** Starts an emulator and a provider wired through a fault-injecting wire tap. */
export async function startLoadRig(options: LoadOptions = {}): Promise<LoadRig> {
  const seed = options.seed ?? 9;
  const random = seededRandom(seed);
  const emulator = await startEmulator({ maxRecordedRequests: 100 });
  const tap = createWireTap({
    faults: createFaultSchedule({
      rate: options.faultRate ?? 0.1,
      random,
      retryAfterMs: options.retryAfterMs ?? 20,
      slowMs: 30_000,
    }),
  });
  const events: LoadRig['events'] = [];
  const resolved = resolveConfig(
    {
      azure_endpoint: emulator.url,
      api_key: emulator.apiKey,
      timeout: options.timeoutSeconds ?? 4,
      max_retries: options.maxRetries ?? 2,
      deployment_mapping: {
        'gpt-5': ['production-gpt5', 'backup-gpt5'],
        'gpt-4o': 'gpt-4o',
      },
    },
    {},
  );
  const jitter = seededRandom(seed + 1);
  const provider = createAzureOpenAIProvider({
    config: resolved,
    fetch: tap.fetch,
    random: () => jitter() * 0.1,
    events: {
      emit(event, payload) {
        events.push({ event, payload });
      },
    },
  });
  return {
    emulator,
    provider,
    tap,
    events,
    async close() {
      await provider.close();
      await tap.settle();
      await emulator.close();
    },
  };
}

/**
 * Runs `requests` chat requests (text and tool calls, JSON and streamed, with tool results) at
 * `concurrency` against a fresh emulator, injecting faults into `faultRate` of the HTTP attempts,
 * and checks every outcome: a correct answer (text, tool calls and ids as the emulator sent them,
 * stream deltas adding up) or a typed error, never more attempts than the retry budget, no
 * unhandled rejection.
 */
export async function runLoad(options: LoadOptions = {}): Promise<LoadReport> {
  const requests = options.requests ?? 500;
  const concurrency = options.concurrency ?? 50;
  const maxRetries = options.maxRetries ?? 2;
  const faultRate = options.faultRate ?? 0.1;
  const violations: string[] = [];
  let unhandled = 0;
  const onUnhandled = (reason: unknown) => {
    unhandled += 1;
    violations.push(`unhandled rejection / exception: ${String(reason)}`);
  };
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);

  const rig = await startLoadRig(options);
  // Two deployments for gpt-5 (failover), one for gpt-4o.
  const maxAttemptsFor = (planned: Planned) =>
    (maxRetries + 1) * (planned.request.model === 'gpt-5' ? 2 : 1);
  const scenarios = Object.fromEntries(SCENARIOS.map(s => [s, { ok: 0, failed: 0 }])) as Record<
    Scenario,
    { ok: number; failed: number }
  >;
  const errors: Record<string, number> = {};
  let ok = 0;
  let toolCallsChecked = 0;
  let next = 0;
  let done = 0;
  const progressEvery = options.progressEvery ?? Math.max(1, Math.floor(requests / 10));
  const started = performance.now();

  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= requests) return;
      const planned = plan(index);
      const outcome = await runOne(rig.provider, planned);
      const attempts = rig.tap.attemptsFor(planned.marker);
      await Promise.all(attempts.map(attempt => attempt.settled));
      const result = check(planned, outcome, attempts, maxAttemptsFor(planned));
      violations.push(...result.violations);
      toolCallsChecked += result.toolCalls;
      if (outcome.error === undefined) {
        ok += result.violations.length === 0 ? 1 : 0;
        scenarios[planned.scenario].ok += 1;
      } else {
        const name = AzureOpenAIError.isInstance(outcome.error) ? outcome.error.name : 'untyped';
        errors[name] = (errors[name] ?? 0) + 1;
        scenarios[planned.scenario].failed += 1;
      }
      done += 1;
      if (options.onProgress !== undefined && done % progressEvery === 0) {
        options.onProgress(done, requests);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  } finally {
    await rig.close();
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  }
  const durationMs = performance.now() - started;

  const faults = Object.fromEntries(INJECTED_FAULT_KINDS.map(kind => [kind, 0])) as Record<
    InjectedFaultKind,
    number
  >;
  const perMarker = new Map<string, number>();
  for (const attempt of rig.tap.attempts) {
    if (attempt.fault !== undefined) faults[attempt.fault] += 1;
    if (attempt.marker !== undefined) {
      perMarker.set(attempt.marker, (perMarker.get(attempt.marker) ?? 0) + 1);
    }
  }
  const retryEvents = rig.events.filter(entry => entry.event === 'provider:retry');
  for (const entry of retryEvents) {
    const attempt = entry.payload.attempt;
    if (typeof attempt !== 'number' || attempt < 1 || attempt > maxRetries) {
      violations.push(`provider:retry with attempt ${String(attempt)} outside 1..${maxRetries}`);
    }
    if (entry.payload.max_retries !== maxRetries) {
      violations.push(`provider:retry reports max_retries ${String(entry.payload.max_retries)}`);
    }
  }
  return {
    requests,
    concurrency,
    faultRate,
    maxRetries,
    durationMs,
    ok,
    errors,
    scenarios,
    attempts: rig.tap.attempts.length,
    faults,
    retryEvents: retryEvents.length,
    failoverEvents: rig.events.filter(entry => entry.event === 'provider:failover').length,
    throttleEvents: rig.events.filter(entry => entry.event === 'provider:throttle').length,
    maxAttemptsPerRequest: Math.max(0, ...perMarker.values()),
    toolCallsChecked,
    unhandled,
    violations,
  };
}
