import type { ChatRequest } from '@amplifier-azure-openai/provider';
import { cancelOnSignal } from '../cancel-on-signal.js';
import { readAllText } from '../cli-io.js';
import type { CommandSpec } from '../command-spec.js';
import { EXIT_CODES } from '../exit-codes.js';
import { streamDisplaySink } from '../stream-display.js';
import { UsageError } from '../usage-error.js';
import { CONFIG_OPTION, MODEL_OPTION } from './shared-options.js';

/**
 * `chat [--config FILE] [--model M] [--tools FILE] [--stream] [--json] PROMPT`: one completion.
 * Text prints as text (live with `--stream`), tool calls as `tool_call <name> <arguments JSON>`,
 * `--json` prints the Amplifier ChatResponse.
 */
export const chatCommand: CommandSpec = {
  name: 'chat',
  summary: 'Send one prompt and print the answer (text, tool calls, or the ChatResponse JSON).',
  usage:
    'chat [--config FILE] [--model M] [--tools FILE] [--stream] [--json] [--allow-incomplete] PROMPT|-',
  description: [
    'Sends PROMPT as one user message through the provider (deployment mapping, retries,',
    'failover) and prints the answer: text as text (streamed live with --stream), each tool call',
    'as one line `tool_call <name> <arguments JSON>`, or with --json the Amplifier ChatResponse.',
    'Several words are joined into one prompt; `-` reads the prompt from standard input. Tools',
    'are offered from --tools, a JSON array of tool specs ({"name","description","parameters"} or',
    'the "input_schema" form); they are not run.',
    'An incomplete answer (cut off at max_tokens, or stopped part way by the content filter) is',
    'printed with a warning on stderr and exits 7 (6 for the content filter) unless',
    '--allow-incomplete is given.',
  ].join('\n'),
  options: {
    config: CONFIG_OPTION,
    model: MODEL_OPTION,
    tools: {
      type: 'string',
      short: 't',
      valueName: 'FILE',
      description: 'JSON array of tool specs to offer (parameters or input_schema form).',
    },
    stream: { type: 'boolean', short: 's', description: 'Stream the answer as it is generated.' },
    json: { type: 'boolean', description: 'Print the Amplifier ChatResponse as JSON.' },
    'allow-incomplete': {
      type: 'boolean',
      description:
        'Exit 0 for an incomplete answer (cut off at max_tokens, or stopped by the content filter); the warning is still printed.',
    },
  },
  positionals: 'some',
  examples: [
    'chat "Say hello in French"',
    'chat --model gpt-5-mini --stream "Write a haiku about the sea"',
    'chat --tools tools.json "What is the weather in Paris?"',
    'chat --config ~/.amplifier/settings.toml --json "Hi"',
    'git diff | chat --model gpt-5 -   # the prompt from standard input',
  ],
  async run({ io, values, positionals, logger, verbose, secrets }) {
    // Loaded on use, so `--help` and usage errors stay fast.
    const [
      { ContentFilterError },
      { createRuntime },
      { loadCliConfig },
      { loadToolsFile },
      completion,
    ] = await Promise.all([
      import('@amplifier-azure-openai/provider'),
      import('../create-runtime.js'),
      import('../load-cli-config.js'),
      import('../load-tools-file.js'),
      import('../run-completion.js'),
    ]);
    const { describeResponseStats, formatToolCall, responseText, runCompletion } = completion;
    const prompt = await promptOf(positionals, io.stdin);
    const tools =
      typeof values.tools === 'string' ? loadToolsFile(values.tools, io.cwd) : undefined;
    const { resolved } = loadCliConfig({
      configFile: values.config as string | undefined,
      env: io.env,
      cwd: io.cwd,
      secrets,
      logger,
    });
    const stream = values.stream === true;
    const json = values.json === true;
    let endsWithNewline = true;
    const onText = (text: string): void => {
      if (text === '') return;
      io.stdout.write(text);
      endsWithNewline = text.endsWith('\n');
    };
    // --stream prints from the provider's llm:stream_block_delta events, like Amplifier's display.
    const runtime = createRuntime(resolved, {
      logger,
      verbose,
      events: stream && !json ? streamDisplaySink(onText) : undefined,
    });
    const model = typeof values.model === 'string' ? values.model : undefined;
    const request: ChatRequest = {
      messages: [{ role: 'user', content: prompt }],
      ...(model === undefined ? {} : { model }),
      ...(tools === undefined ? {} : { tools }),
    };
    const cancel = cancelOnSignal(io);
    try {
      const response = await runCompletion(runtime.provider, request, {
        stream,
        signal: cancel.signal,
        viaEvents: true,
      });
      if (json) {
        io.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
      } else {
        if (!stream) {
          const text = responseText(response);
          if (text !== '') {
            io.stdout.write(text);
            endsWithNewline = text.endsWith('\n');
          }
        }
        if (!endsWithNewline) io.stdout.write('\n');
        for (const call of runtime.provider.parseToolCalls(response)) {
          io.stdout.write(`${formatToolCall(call)}\n`);
        }
      }
      const stats = describeResponseStats(response);
      if (stats !== '') logger.debug(stats);
      const incomplete = response.metadata?.incomplete;
      const allowIncomplete = values['allow-incomplete'] === true;
      if (incomplete !== undefined && allowIncomplete) return EXIT_CODES.ok;
      if (incomplete !== undefined && response.finish_reason !== 'content_filter') {
        // The provider already logged what happened and the fix (a `warning:` line).
        logger.warn(
          `The answer is incomplete (finish_reason ${response.finish_reason}); exit code ${EXIT_CODES.incomplete}. Pass --allow-incomplete to accept incomplete answers.`,
        );
        return EXIT_CODES.incomplete;
      }
      if (response.finish_reason === 'content_filter') {
        throw new ContentFilterError({
          message: "Azure's content filter stopped the answer (finish_reason content_filter).",
          deployment: response.metadata?.deployment,
          requestId: response.metadata?.request_id,
          clientRequestId: response.metadata?.client_request_id,
          fix: 'Rephrase the prompt, or review the content filter configuration of the deployment.',
        });
      }
      return EXIT_CODES.ok;
    } finally {
      cancel.dispose();
      await runtime.close();
    }
  },
};

/** The prompt: the words joined, or standard input for `-`. */
async function promptOf(
  positionals: readonly string[],
  stdin: AsyncIterable<string | Uint8Array>,
): Promise<string> {
  if (positionals.length !== 1 || positionals[0] !== '-') return positionals.join(' ');
  const prompt = (await readAllText(stdin)).trimEnd();
  if (prompt.trim() === '') {
    throw new UsageError({
      message: 'The prompt read from standard input (chat -) is empty.',
      command: 'chat',
    });
  }
  return prompt;
}
