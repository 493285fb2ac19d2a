import { describe, expect, it } from 'vitest';
import type { AzureOpenAIError } from '../src/index.js';
import { providerFor, useTestEmulator } from './harness.js';

const emulator = useTestEmulator();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('correlation ids (x-ms-client-request-id, apim-request-id)', () => {
  it('sends a fresh UUID per request and reports both ids in metadata and events', async () => {
    const { provider, sink } = providerFor(emulator());
    const first = await provider.complete(hello);
    const second = await provider.complete({ ...hello, stream: true });
    const sent = emulator().recorder.responsesRequests();
    const ids = sent.map(request => request.headers['x-ms-client-request-id']);
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(first.metadata).toMatchObject({
      client_request_id: ids[0],
      request_id: sent[0]!.requestId,
    });
    expect(second.metadata).toMatchObject({
      client_request_id: ids[1],
      request_id: sent[1]!.requestId,
    });
    const requests = sink.named('llm:request');
    expect(requests.map(event => event.client_request_id)).toEqual(ids);
    const responses = sink.named('llm:response');
    expect(responses.map(event => [event.client_request_id, event.request_id])).toEqual([
      [ids[0], sent[0]!.requestId],
      [ids[1], sent[1]!.requestId],
    ]);
    await provider.close();
  });

  it('gives every retry and failover its own id, and puts the ids on the events and the error', async () => {
    const { provider, sink } = providerFor(emulator(), {
      settings: { deployment_mapping: { 'gpt-4o': ['gpt-4o', 'gpt-4o-mini'] }, max_retries: 1 },
    });
    emulator().addFault({ kind: 'server-error', status: 500, times: 'always' });
    let error: AzureOpenAIError | undefined;
    try {
      await provider.complete(hello);
    } catch (thrown) {
      error = thrown as AzureOpenAIError;
    }
    const sent = emulator().recorder.responsesRequests();
    expect(sent).toHaveLength(4);
    const ids = sent.map(request => request.headers['x-ms-client-request-id']);
    expect(new Set(ids).size).toBe(4);
    expect(error?.clientRequestId).toBe(ids[3]);
    expect(error?.requestId).toBe(sent[3]!.requestId);
    expect(String(JSON.stringify(error))).toContain(ids[3]!);
    const retries = sink.named('provider:retry');
    expect(retries.map(event => event.client_request_id)).toEqual([ids[0], ids[2]]);
    expect(retries.map(event => event.request_id)).toEqual([
      sent[0]!.requestId,
      sent[2]!.requestId,
    ]);
    const [failover] = sink.named('provider:failover');
    expect(failover).toMatchObject({ client_request_id: ids[1], request_id: sent[1]!.requestId });
    expect(sink.named('llm:response')[0]).toMatchObject({
      status: 'error',
      error: { client_request_id: ids[3], request_id: sent[3]!.requestId },
    });
    await provider.close();
  });

  it('puts the client request id on a connection error that never got an answer', async () => {
    const { provider } = providerFor(emulator(), { settings: { max_retries: 0 } });
    emulator().addFault({ kind: 'drop-connection' });
    let error: AzureOpenAIError | undefined;
    try {
      await provider.complete(hello);
    } catch (thrown) {
      error = thrown as AzureOpenAIError;
    }
    expect(error?.clientRequestId).toMatch(UUID);
    expect(error?.clientRequestId).toBe(
      emulator().recorder.responsesRequests()[0]!.headers['x-ms-client-request-id'],
    );
    await provider.close();
  });

  it('request-mapping warnings and debug events carry the id the request is then sent with', async () => {
    const { provider, sink } = providerFor(emulator(), { settings: { debug: true } });
    await provider.complete({ ...hello, model: 'gpt-5', temperature: 0.3 });
    const sent = emulator().recorder.responsesRequests()[0]!.headers['x-ms-client-request-id'];
    const [warning] = sink.named('provider:warning');
    expect(warning?.client_request_id).toBe(sent);
    expect(sink.named('llm:request:debug')[0]?.client_request_id).toBe(sent);
    await provider.close();
  });
});
