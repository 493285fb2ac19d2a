import { createHmac, timingSafeEqual } from 'node:crypto';

// A fixed key: content issued by one emulator is recognised by any other (determinism).
const KEY = 'amplifier-azure-openai-emulator/reasoning/v1';
const PREFIX = 'gAAAAAB';

function sign(id: string): string {
  return createHmac('sha256', KEY).update(id).digest('base64url');
}

/** Opaque base64 `encrypted_content` for reasoning item `id` that the emulator can recognise later. */
export function encryptReasoning(id: string): string {
  return PREFIX + Buffer.from(`emu1|${id}|${sign(id)}`, 'utf8').toString('base64');
}

/**
 * True when `content` was issued by `encryptReasoning`: for reasoning item `id` when given (Azure
 * refuses encrypted content moved to another item), else for any id.
 */
export function isEmulatorReasoning(content: string, id?: string): boolean {
  if (!content.startsWith(PREFIX)) return false;
  const decoded = Buffer.from(content.slice(PREFIX.length), 'base64').toString('utf8');
  const parts = decoded.split('|');
  if (parts.length !== 3 || parts[0] !== 'emu1') return false;
  if (id !== undefined && parts[1] !== id) return false;
  const expected = Buffer.from(sign(parts[1] ?? ''));
  const actual = Buffer.from(parts[2] ?? '');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
