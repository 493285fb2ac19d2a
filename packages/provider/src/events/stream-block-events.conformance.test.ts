/**
 * Checks the `llm:stream_*` payloads against Amplifier's provider streaming contract
 * (`../shared/amplifier/provider-streaming-contract.md`, read at test time, never copied): the
 * payload shape of each event is read from the contract's own code blocks, and every recorded
 * Azure stream in `../shared/conformance/recorded-responses/` is replayed through the tracker.
 */
import { readdirSync } from 'node:fs';
import { readSharedFile, readSharedJson, sharedPath } from '@amplifier-azure-openai/test-utils';
import { describe, expect, it } from 'vitest';
import {
  createStreamBlockTracker,
  STREAM_EVENTS,
  type StreamBlockEmission,
} from './stream-block-events.js';

interface FieldRule {
  type: 'str' | 'int' | 'object';
  conditional: boolean;
  fields?: Record<string, FieldRule>;
}

/** The payload schema of each event, from the contract's python code block under its heading. */
function contractSchemas(): Map<string, Record<string, FieldRule>> {
  const text = readSharedFile('amplifier/provider-streaming-contract.md');
  const schemas = new Map<string, Record<string, FieldRule>>();
  for (const event of STREAM_EVENTS) {
    const heading = text.indexOf(`### \`${event}\``);
    expect(heading, `contract section for ${event}`).toBeGreaterThan(0);
    const start = text.indexOf('```python', heading);
    const end = text.indexOf('```', start + 9);
    const block = text.slice(start + 9, end);
    const fields: Record<string, FieldRule> = {};
    for (const line of block.split('\n')) {
      const nested = /^\s*"(\w+)":\s*\{(.*)\}/.exec(line);
      if (nested) {
        const inner: Record<string, FieldRule> = {};
        for (const match of nested[2]!.matchAll(/"(\w+)":\s*(str|int)/g)) {
          inner[match[1]!] = { type: match[2] as 'str' | 'int', conditional: false };
        }
        fields[nested[1]!] = { type: 'object', conditional: false, fields: inner };
        continue;
      }
      const simple = /^\s*"(\w+)":\s*(str|int)\b/.exec(line);
      if (simple) {
        fields[simple[1]!] = {
          type: simple[2] as 'str' | 'int',
          conditional: line.includes('CONDITIONAL'),
        };
      }
    }
    schemas.set(event, fields);
  }
  return schemas;
}

function checkFields(
  payload: Record<string, unknown>,
  rules: Record<string, FieldRule>,
  where: string,
): void {
  for (const key of Object.keys(payload))
    expect(rules, `${where}: unexpected key ${key}`).toHaveProperty(key);
  for (const [key, rule] of Object.entries(rules)) {
    const value = payload[key];
    if (value === undefined) {
      expect(rule.conditional, `${where}: missing ${key}`).toBe(true);
      continue;
    }
    if (rule.type === 'str') expect(typeof value, `${where}.${key}`).toBe('string');
    else if (rule.type === 'int') expect(Number.isInteger(value), `${where}.${key}`).toBe(true);
    else checkFields(value as Record<string, unknown>, rule.fields ?? {}, `${where}.${key}`);
  }
}

/** The Responses events of a recorded SSE body. */
function sseEvents(sse: string): unknown[] {
  return sse
    .split('\n')
    .filter(line => line.startsWith('data:'))
    .map(line => line.slice(5).trim())
    .filter(data => data !== '' && data !== '[DONE]')
    .map(data => JSON.parse(data) as unknown);
}

const RECORDED = 'conformance/recorded-responses';

describe('llm:stream_* payloads follow provider-streaming-contract.md', () => {
  const schemas = contractSchemas();

  it('reads a schema for each of the four events', () => {
    expect([...schemas.keys()]).toEqual([...STREAM_EVENTS]);
    expect(schemas.get('llm:stream_block_start')?.name?.conditional).toBe(true);
    expect(Object.keys(schemas.get('llm:stream_aborted')?.error?.fields ?? {})).toEqual([
      'type',
      'msg',
    ]);
  });

  const recorded = readdirSync(sharedPath(RECORDED)).filter(name => name.startsWith('azure-sse-'));

  it.each(recorded)('%s', name => {
    const fixture = readSharedJson(`${RECORDED}/${name}`) as { sse: string };
    const tracker = createStreamBlockTracker(crypto.randomUUID());
    const emitted: StreamBlockEmission[] = [];
    for (const event of sseEvents(fixture.sse)) emitted.push(...tracker.push(event));
    emitted.push(...tracker.finish());
    const aborted = tracker.aborted(new Error('cut'));
    if (aborted !== undefined) emitted.push(aborted);
    expect(emitted.length).toBeGreaterThan(0);
    const requestIds = new Set<unknown>();
    for (const [index, { event, payload }] of emitted.entries()) {
      const rules = schemas.get(event);
      expect(rules, `event ${event}`).toBeDefined();
      checkFields(payload, rules!, `${name}#${index} ${event}`);
      requestIds.add(payload.request_id);
      if (event === 'llm:stream_block_start' && 'name' in payload) {
        expect(payload.block_type).toBe('tool_use');
      }
      if (event === 'llm:stream_block_delta') {
        expect(['text', 'thinking']).toContain(payload.block_type);
        expect(payload.text).not.toBe('');
      }
    }
    expect(requestIds.size).toBe(1);
  });
});
