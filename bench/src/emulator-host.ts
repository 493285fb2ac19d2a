/**
 * Child-process entry: runs one emulator (`startEmulator`) in its own process so the benchmark
 * process only pays for the client side. Options come from argv as one JSON object. The parent
 * reads the endpoint from the first IPC message and asks for counters over IPC (the emulator's
 * bin has no admin endpoint, and IPC keeps the HTTP hot path untouched).
 */
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { EmulatorOptions } from '@amplifier-azure-openai/emulator';
import type { HostReply, HostRequest, RecordedSummary } from './emulator-protocol.js';

// Keep idle keep-alive connections open between rounds (Node's default 5 s would close sockets
// a client is about to reuse while other contenders run, which shows up as "other side closed").
const KEEP_ALIVE_MS = 120_000;
const originalCreateServer = http.createServer;
http.createServer = ((...args: Parameters<typeof http.createServer>) => {
  const server = originalCreateServer(...args);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  return server;
}) as typeof http.createServer;
syncBuiltinESMExports();
const { startEmulator } = await import('@amplifier-azure-openai/emulator');

// Exit with the benchmark: a parent that goes away closes the IPC channel.
process.on('disconnect', () => process.exit(0));

const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;
const emulator = await startEmulator({ port: 0, ...options });

const send = (message: HostReply): void => {
  process.send?.(message);
};

const summarize = (): RecordedSummary[] =>
  emulator.recorder.requests.map(r => ({
    seq: r.seq,
    method: r.method,
    path: r.path,
    query: r.query,
    surface: r.surface,
    deployment: r.deployment,
    auth: r.auth,
    status: r.status,
    stream: r.stream,
    contentLength: Number(r.headers['content-length'] ?? Number.NaN),
    userAgent: r.headers['user-agent'] ?? '',
    timestamp: r.timestamp,
  }));

process.on('message', (raw: HostRequest) => {
  switch (raw.cmd) {
    case 'stats':
      send({
        id: raw.id,
        totalRequests: emulator.recorder.last()?.seq ?? 0,
        tokenRequests: emulator.tokenRequests(),
      });
      break;
    case 'recorded':
      send({ id: raw.id, recorded: summarize() });
      break;
    case 'last-body':
      send({ id: raw.id, body: emulator.recorder.last()?.body });
      break;
    case 'clear':
      emulator.recorder.clear();
      send({ id: raw.id });
      break;
    case 'close':
      void emulator.close().then(() => {
        send({ id: raw.id });
        process.disconnect?.();
      });
      break;
  }
});

send({
  id: 0,
  ready: {
    url: emulator.url,
    apiKey: emulator.apiKey,
    identityEndpoint: emulator.identityEndpoint,
    identityHeader: emulator.identityHeader,
    pid: process.pid,
  },
});
