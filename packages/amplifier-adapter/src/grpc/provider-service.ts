import type {
  ServerUnaryCall,
  ServerWritableStream,
  sendUnaryData,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Logger } from '../logger.js';
import type { ChatRequest } from '../provider-shapes.js';
import { errorToStatus } from './error-to-status.js';
import {
  nativeChatResponseToProto,
  nativeModelInfoToProto,
  nativeProviderInfoToProto,
  nativeToolCallToProto,
} from './native-to-proto.js';
import { protoChatRequestToNative, protoChatResponseToNative } from './proto-to-native.js';
import type { ProtoChatRequest, ProtoChatResponse } from './proto-types.js';
import type { ProviderHost } from './provider-host.js';
import { streamEventToProto } from './stream-event-to-proto.js';

type Call = { cancelled: boolean; on(event: 'cancelled', listener: () => void): unknown };

/** An AbortSignal that fires when the client cancels the call (or its deadline passes). */
function cancellationSignal(call: Call): AbortSignal {
  const controller = new AbortController();
  if (call.cancelled) controller.abort();
  else call.on('cancelled', () => controller.abort());
  return controller.signal;
}

/**
 * The `amplifier.module.ProviderService` handlers: GetInfo, ListModels, Complete,
 * CompleteStreaming, ParseToolCalls, over the provider held by `host`.
 */
export function createProviderService(
  host: ProviderHost,
  logger: Logger,
): UntypedServiceImplementation {
  function fail(callback: sendUnaryData<unknown>, method: string, error: unknown): void {
    const status = errorToStatus(error, { secrets: host.secrets() });
    logger.debug(`${method} failed`, { code: status.code, details: status.details });
    callback(status, null);
  }

  return {
    GetInfo(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      try {
        callback(null, nativeProviderInfoToProto(host.current().getInfo()));
      } catch (error) {
        fail(callback, 'GetInfo', error);
      }
    },

    ListModels(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) {
      host
        .use(provider => provider.listModels())
        .then(
          models => callback(null, { models: models.map(nativeModelInfoToProto) }),
          error => fail(callback, 'ListModels', error),
        );
    },

    Complete(
      call: ServerUnaryCall<ProtoChatRequest, ProtoChatResponse>,
      callback: sendUnaryData<unknown>,
    ) {
      let request: ChatRequest;
      try {
        request = protoChatRequestToNative(call.request);
      } catch (error) {
        fail(callback, 'Complete', error);
        return;
      }
      const signal = cancellationSignal(call);
      host
        .use(provider => provider.complete(request, { signal }))
        .then(
          response => callback(null, nativeChatResponseToProto(response)),
          error => fail(callback, 'Complete', error),
        );
    },

    CompleteStreaming(call: ServerWritableStream<ProtoChatRequest, ProtoChatResponse>) {
      let request: ChatRequest;
      try {
        request = protoChatRequestToNative(call.request);
      } catch (error) {
        call.emit('error', errorToStatus(error, { secrets: host.secrets() }));
        return;
      }
      const signal = cancellationSignal(call);
      host
        .use(async provider => {
          for await (const event of provider.stream(request, { signal })) {
            if (signal.aborted) break;
            const message = streamEventToProto(event);
            if (message === undefined) continue;
            if (!call.write(message)) {
              await new Promise<void>(resolve => {
                const done = () => {
                  call.off('drain', done);
                  call.off('cancelled', done);
                  resolve();
                };
                call.on('drain', done);
                call.on('cancelled', done);
              });
            }
          }
        })
        .then(
          () => {
            if (!call.cancelled) call.end();
          },
          error => {
            const status = errorToStatus(error, { secrets: host.secrets() });
            logger.debug('CompleteStreaming failed', {
              code: status.code,
              details: status.details,
            });
            if (!call.cancelled) call.emit('error', status);
          },
        );
    },

    ParseToolCalls(
      call: ServerUnaryCall<ProtoChatResponse, unknown>,
      callback: sendUnaryData<unknown>,
    ) {
      try {
        const response = protoChatResponseToNative(call.request);
        const calls = host.current().parseToolCalls(response);
        callback(null, { tool_calls: calls.map(nativeToolCallToProto) });
      } catch (error) {
        fail(callback, 'ParseToolCalls', error);
      }
    },
  };
}
