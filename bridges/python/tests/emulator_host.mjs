// Test helper: runs the project's emulator (@amplifier-azure-openai/emulator) in this process on
// 127.0.0.1:0 and takes commands on stdin, one JSON object per line: {"op":"fault","spec":{...}},
// {"op":"clear"}, {"op":"last"} (the last recorded Responses request), {"op":"count"},
// {"op":"background"} (the background responses: id, status, polls, cancelRequests). Prints
// {"ready":true,"url":...,"apiKey":...} first. Exits when stdin closes (its parent ended).
import { createInterface } from 'node:readline';
import { DEFAULT_DEPLOYMENTS, startEmulator } from '@amplifier-azure-openai/emulator';

const emulator = await startEmulator({
  port: 0,
  maxRecordedRequests: 100,
  // `endless`: a background response that never finishes by itself (for cancellation tests).
  deployments: { ...DEFAULT_DEPLOYMENTS, endless: { model: 'gpt-4o', backgroundPolls: 1_000_000 } },
});
const reply = value => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ ready: true, url: emulator.url, apiKey: emulator.apiKey, pid: process.pid });

const lines = createInterface({ input: process.stdin });
lines.on('line', line => {
  try {
    const command = JSON.parse(line);
    if (command.op === 'fault') emulator.addFault(command.spec);
    else if (command.op === 'clear') {
      emulator.clearFaults();
      emulator.recorder.clear();
    } else if (command.op === 'last') {
      const last = emulator.recorder.responsesRequests().at(-1);
      return reply({ ok: true, body: last?.body ?? null, status: last?.status ?? null });
    } else if (command.op === 'count') {
      return reply({ ok: true, count: emulator.recorder.responsesRequests().length });
    } else if (command.op === 'background') {
      return reply({ ok: true, responses: emulator.backgroundResponses() });
    } else throw new Error(`unknown op ${command.op}`);
    reply({ ok: true });
  } catch (error) {
    reply({ ok: false, error: String(error) });
  }
});
lines.on('close', () => {
  emulator.close().finally(() => process.exit(0));
});
