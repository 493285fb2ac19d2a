import { validateResponsesRequest } from '@amplifier-azure-openai/test-utils';
import OpenAI, { AzureOpenAI } from 'openai';
import { beforeAll } from 'vitest';
import type { Emulator } from '../src/index.js';

/** The dated api-version the tests use. */
export const API_VERSION = '2025-04-01-preview';

/** Compiles the request schema once per file (takes a few seconds the first time). */
export function warmUpValidator(): void {
  beforeAll(() => {
    validateResponsesRequest({ model: 'warm-up', input: 'x' });
  }, 60_000);
}

/** `OpenAI` client on the v1 surface, the key as bearer. */
export function v1Client(
  emulator: Emulator,
  options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {},
): OpenAI {
  return new OpenAI({
    baseURL: `${emulator.url}/openai/v1`,
    apiKey: emulator.apiKey,
    maxRetries: 0,
    ...options,
  });
}

/** `AzureOpenAI` client on the dated surface with the api-key header. */
export function datedClient(
  emulator: Emulator,
  options: Partial<ConstructorParameters<typeof AzureOpenAI>[0]> = {},
): AzureOpenAI {
  return new AzureOpenAI({
    endpoint: emulator.url,
    apiVersion: API_VERSION,
    apiKey: emulator.apiKey,
    maxRetries: 0,
    ...options,
  });
}

/** One parsed server-sent event. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Parses an SSE body (`event: x\ndata: {...}\n\n`). */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter(block => block.trim() !== '')
    .map(block => {
      const lines = block.split('\n');
      const event = lines.find(l => l.startsWith('event: '))?.slice(7) ?? '';
      const data = lines.find(l => l.startsWith('data: '))?.slice(6) ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

/** POSTs a raw body to the emulator (for what the SDK cannot send). */
export async function rawPost(
  emulator: Emulator,
  path: string,
  body: string,
  headers: Record<string, string> = { 'api-key': emulator.apiKey },
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Awaits a promise that must reject; returns the error. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the promise to reject');
}
