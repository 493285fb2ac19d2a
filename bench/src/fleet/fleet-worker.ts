/**
 * One worker process of the fleet benchmark: a closed loop of chat calls (one at a time) from
 * `startAt` to `endAt` through one client (the raw openai SDK with its own retries, or this
 * provider with or without shared state), counting the HTTP 429 answers each call meets.
 */
import { resolveConfig } from '@amplifier-azure-openai/config';
import { createAzureOpenAIProvider } from '@amplifier-azure-openai/provider';
import OpenAI from 'openai';
import type { FleetCall, FleetCommand, FleetReply, FleetWorkerSetup } from './fleet-protocol.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as FleetWorkerSetup;
process.on('disconnect', () => process.exit(0));

let throttled = 0;
let requests = 0;
const countingFetch: typeof fetch = async (input, init) => {
  requests++;
  const response = await fetch(input, init);
  if (response.status === 429) throttled++;
  return response;
};

const prompt = `${'Fleet benchmark prompt. '.repeat(Math.ceil(setup.promptChars / 24))}`.slice(
  0,
  setup.promptChars,
);

type Call = (signal: AbortSignal) => Promise<unknown>;

function makeCall(): { call: Call; close: () => Promise<void> } {
  if (setup.mode === 'openai-sdk') {
    const client = new OpenAI({
      baseURL: `${setup.endpoint}/openai/v1`,
      apiKey: setup.apiKey,
      fetch: countingFetch,
    });
    let next = setup.index;
    return {
      // No failover in the raw SDK: the worker spreads its calls over the deployments.
      call: signal =>
        client.responses.create(
          {
            model: setup.deployments[next++ % setup.deployments.length] as string,
            input: prompt,
            max_output_tokens: setup.maxOutputTokens,
            store: false,
          },
          { signal },
        ),
      close: async () => {},
    };
  }
  const quotas = Object.fromEntries(
    setup.deployments.map(name => [
      name,
      { tpm: setup.tokensPerWindow, window_seconds: setup.windowSeconds },
    ]),
  );
  const resolved = resolveConfig(
    {
      azure_endpoint: setup.endpoint,
      api_key: setup.apiKey,
      deployment_mapping: { fleet: [...setup.deployments] },
      deployment_models: Object.fromEntries(setup.deployments.map(name => [name, 'gpt-4o-mini'])),
      deployment_quotas: quotas,
      ...(setup.mode === 'provider-redis' ? { shared_state_url: setup.redisUrl } : {}),
    },
    {},
  );
  const provider = createAzureOpenAIProvider({ config: resolved, fetch: countingFetch });
  return {
    call: signal =>
      provider.complete(
        {
          model: 'fleet',
          messages: [{ role: 'user', content: prompt }],
          max_output_tokens: setup.maxOutputTokens,
        },
        { signal },
      ),
    close: () => provider.close(),
  };
}

if (setup.mode === 'provider-redis') {
  // Load the package the provider imports lazily now, so that start-up is not measured.
  await import('@amplifier-azure-openai/state-redis');
}
const client = makeCall();
const send = (message: FleetReply) => process.send?.(message);

process.on('message', async (command: FleetCommand) => {
  if (command.type !== 'go') return;
  const calls: FleetCall[] = [];
  await new Promise(resolve => setTimeout(resolve, Math.max(0, command.startAt - Date.now())));
  // Calls still running at the end are cut off (they count as not finished, not as failures).
  // One controller per call: the SDK never removes the listener it adds to a signal.
  let current = new AbortController();
  let stopped = false;
  const timer = setTimeout(
    () => {
      stopped = true;
      current.abort();
    },
    Math.max(0, command.endAt - Date.now()),
  );
  while (Date.now() < command.endAt) {
    throttled = 0;
    requests = 0;
    current = new AbortController();
    const start = Date.now();
    try {
      await client.call(current.signal);
      calls.push({ start, end: Date.now(), ok: true, throttled, requests });
    } catch (error) {
      if (stopped) break;
      calls.push({
        start,
        end: Date.now(),
        ok: false,
        throttled,
        requests,
        error: error instanceof Error ? error.name : String(error),
      });
    }
  }
  clearTimeout(timer);
  await client.close();
  send({ type: 'result', index: setup.index, calls });
});

send({ type: 'ready' });
