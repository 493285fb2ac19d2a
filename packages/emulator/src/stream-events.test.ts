import { describe, expect, it } from 'vitest';
import { argumentDeltas, formatSse, textDeltas } from './stream-events.js';

describe('deltas', () => {
  it.each(['Hello world', ' lead and trail  ', 'one', '', 'a\nb'])(
    'text deltas of %j join back',
    text => {
      expect(textDeltas(text).join('')).toBe(text);
    },
  );

  it('splits text per word', () => {
    expect(textDeltas('Echo: hi there')).toEqual(['Echo:', ' hi', ' there']);
  });

  it('splits arguments into small pieces that join back', () => {
    const args = '{"city":"San Francisco","n":[1,2]}';
    const parts = argumentDeltas(args);
    expect(parts.length).toBeGreaterThan(4);
    expect(parts.join('')).toBe(args);
  });
});

describe('formatSse', () => {
  it('writes event and data lines with the sequence number', () => {
    expect(formatSse({ type: 'response.created', response: { id: 'r' } }, 0)).toBe(
      'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"r"}}\n\n',
    );
  });
});
