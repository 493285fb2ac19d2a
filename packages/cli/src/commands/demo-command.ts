import type { ChatResponse } from '@amplifier-azure-openai/provider';
import { cancelOnSignal } from '../cancel-on-signal.js';
import type { CommandSpec } from '../command-spec.js';
import type { CliRuntime } from '../create-runtime.js';
import { EXIT_CODES } from '../exit-codes.js';
import { oneLine } from '../format-error.js';
import { CONFIG_OPTION, MODEL_OPTION } from './shared-options.js';

/** The question the demo asks. */
export const DEMO_PROMPT = "What's the weather in Paris and Tokyo?";

/** The deployment mapping used with the local emulator (its default deployments). */
export const EMULATOR_DEMO_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  deployment_mapping: { 'gpt-5': 'production-gpt5', 'gpt-5-mini': 'fast-mini' },
  default_model: 'gpt-5',
});

function indentAnswer(text: string): string {
  return text.replace(/\n/g, '\n             ');
}

/**
 * `demo [--config FILE] [--model M]`: a short agent loop. Without `AZURE_OPENAI_ENDPOINT` (and
 * without `--config`) it starts the local emulator on a free loopback port; otherwise it talks to
 * the configured Azure resource. Asks about the weather in Paris and Tokyo with a `get_weather`
 * tool, runs the tool locally, sends the results back and prints the final answer, with the
 * deployment mapping, auth method, request ids and token usage.
 */
export const demoCommand: CommandSpec = {
  name: 'demo',
  summary:
    'Run a short tool-calling agent loop (local emulator unless AZURE_OPENAI_ENDPOINT is set).',
  usage: 'demo [--config FILE] [--model M]',
  description: [
    `Asks "${DEMO_PROMPT}" with a get_weather tool, runs the tool calls`,
    'locally (deterministic fake weather), sends the results back and prints the final answer,',
    'showing the deployment mapping, the auth method, request ids and token usage. This is what',
    '`pnpm start` runs. Without AZURE_OPENAI_ENDPOINT or --config it starts the bundled Azure',
    'OpenAI emulator on a free 127.0.0.1 port; with them it uses your Azure resource.',
  ].join('\n'),
  options: { config: CONFIG_OPTION, model: MODEL_OPTION },
  positionals: 'none',
  examples: [
    'demo',
    'AZURE_OPENAI_ENDPOINT=https://my-resource.openai.azure.com AZURE_OPENAI_API_KEY=... amplifier-azure-openai demo --model gpt-5-mini',
  ],
  async run({ io, values, logger, verbose, secrets }) {
    const [
      { createRuntime },
      { runAgentLoop },
      { runDemoTool, WEATHER_TOOL },
      { loadCliConfig },
      completion,
    ] = await Promise.all([
      import('../create-runtime.js'),
      import('../demo/run-agent-loop.js'),
      import('../demo/weather-tool.js'),
      import('../load-cli-config.js'),
      import('../run-completion.js'),
    ]);
    const { describeResponseStats, formatToolCall, responseText } = completion;
    const configFile = values.config as string | undefined;
    const useEmulator =
      configFile === undefined && (io.env.AZURE_OPENAI_ENDPOINT ?? '').trim() === '';
    const out = io.stdout;
    let emulator: { url: string; apiKey: string; close(): Promise<void> } | undefined;
    let env = io.env;
    if (useEmulator) {
      const { startEmulator } = await import('@amplifier-azure-openai/emulator');
      emulator = await startEmulator({ port: 0 });
      secrets.add(emulator.apiKey);
      env = {
        ...io.env,
        AZURE_OPENAI_ENDPOINT: emulator.url,
        AZURE_OPENAI_API_KEY: emulator.apiKey,
      };
    }
    const cancel = cancelOnSignal(io);
    let runtime: CliRuntime | undefined;
    try {
      const { resolved } = loadCliConfig({
        configFile,
        env,
        cwd: io.cwd,
        secrets,
        logger,
        overrides: useEmulator ? EMULATOR_DEMO_CONFIG : undefined,
      });
      runtime = createRuntime(resolved, { logger, verbose });
      const model = typeof values.model === 'string' ? values.model : resolved.config.defaultModel;
      const resolution = runtime.resolver.resolve(model);
      const auth = runtime.auth.describe();

      out.write(
        useEmulator
          ? `Azure OpenAI provider demo against the local emulator at ${resolved.config.azureEndpoint}\n(set AZURE_OPENAI_ENDPOINT and a credential to use your Azure resource)\n\n`
          : `Azure OpenAI provider demo against ${resolved.config.azureEndpoint}\n\n`,
      );
      out.write(`  deployment  ${resolution.description}\n`);
      out.write(`  auth        ${auth.method}\n`);
      out.write(
        `  api         ${resolved.config.apiSurface === 'v1' ? 'v1' : `api-version ${resolved.config.apiVersion}`}\n\n`,
      );
      out.write(`  user        ${DEMO_PROMPT}\n`);

      const stats = (response: ChatResponse) => {
        const line = describeResponseStats(response);
        if (line !== '') out.write(`              · ${line}\n`);
      };
      const result = await runAgentLoop({
        provider: runtime.provider,
        prompt: DEMO_PROMPT,
        model,
        tools: [WEATHER_TOOL],
        runTool: runDemoTool,
        signal: cancel.signal,
        observer: {
          onResponse(response) {
            const calls = runtime?.provider.parseToolCalls(response) ?? [];
            if (calls.length === 0) return;
            for (const call of calls) out.write(`  assistant   ${formatToolCall(call)}\n`);
            stats(response);
          },
          onToolResult(call, output, isError) {
            out.write(
              `  tool        ${call.name} -> ${isError ? 'error ' : ''}${JSON.stringify(output)}\n`,
            );
          },
        },
      });
      const answer = responseText(result.final).trim();
      out.write(`  assistant   ${indentAnswer(answer === '' ? '(no text)' : answer)}\n`);
      stats(result.final);
      out.write(
        `\n${result.responses.length} requests, ${result.usage.input_tokens} input + ${result.usage.output_tokens} output tokens.\n`,
      );
      if (emulator !== undefined && !cancel.signal.aborted) {
        const { runPythonBridgeTurn } = await import('../demo/run-python-bridge-turn.js');
        out.write("\nThe same provider through the Python bridge (Amplifier's Python host):\n");
        const bridge = await runPythonBridgeTurn({
          endpoint: emulator.url,
          apiKey: emulator.apiKey,
          config: EMULATOR_DEMO_CONFIG,
          env: io.env,
          out,
          signal: cancel.signal,
        });
        if (!bridge.ran) out.write(`  skipped     ${bridge.reason}\n`);
        out.write('\n');
      }
      if (useEmulator) {
        out.write(
          'Next: `amplifier-azure-openai doctor` checks a real set-up; `chat "..."` sends one prompt.\n',
        );
      }
      return EXIT_CODES.ok;
    } catch (error) {
      logger.debug(`demo failed: ${oneLine(String(error))}`);
      throw error;
    } finally {
      cancel.dispose();
      await runtime?.close();
      await emulator?.close();
    }
  },
};
