/**
 * What one contender keeps on the heap per in-flight request: holds `count` requests open
 * against a slow emulator, writes a heap snapshot, and prints the object groups (by constructor
 * or type) with their count and total self size, so two contenders' lists can be compared.
 *   node --expose-gc --import tsx src/profile-heap.ts provider 1000 [top]
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { type ContenderId, createBenchProvider, createContenders } from './contenders.js';
import { startEmulatorProcess } from './emulator-process.js';
import { simpleChatRequest } from './scenarios.js';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Count and self size per `type:name` group of a heap snapshot file. */
async function groups(file: string): Promise<Map<string, { count: number; bytes: number }>> {
  const snap = JSON.parse(await readFile(file, 'utf8')) as HeapSnapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const result = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] ?? '?';
    const name =
      type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt] as number] : '';
    const key = `${type}:${name}`;
    const entry = result.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snap.nodes[i + sizeAt] as number;
    result.set(key, entry);
  }
  return result;
}

const [id = 'provider', countText = '1000', topText = '30'] = process.argv.slice(2);
const count = Number(countText);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run node with --expose-gc');
const emu = await startEmulatorProcess({ latencyMs: 4000, maxRecordedRequests: 10 });
const provider = createBenchProvider(emu);
const base = join(tmpdir(), `bench-heap-${process.pid}-base.heapsnapshot`);
const held = join(tmpdir(), `bench-heap-${process.pid}-held.heapsnapshot`);
try {
  await provider.complete(simpleChatRequest());
  const body = (await emu.lastBody()) as Record<string, unknown>;
  const c = createContenders('simple', emu, provider, body).find(x => x.id === (id as ContenderId));
  if (c === undefined) throw new Error(`unknown contender ${id}`);
  await Promise.all(Array.from({ length: 50 }, () => c.call()));
  gc();
  writeHeapSnapshot(base);
  const before = (await emu.stats()).totalRequests;
  const calls = Promise.all(Array.from({ length: count }, () => c.call()));
  while ((await emu.stats()).totalRequests - before < count) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  gc();
  writeHeapSnapshot(held);
  await calls;
  const [a, b] = [await groups(base), await groups(held)];
  const rows = [...b].map(([key, v]) => {
    const old = a.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: v.count - old.count, bytes: v.bytes - old.bytes };
  });
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  process.stdout.write(`${id}: ${(total / count).toFixed(0)} B more heap per in-flight request\n`);
  for (const r of rows.slice(0, Number(topText))) {
    process.stdout.write(
      `${(r.bytes / count).toFixed(0).padStart(7)} B ${(r.count / count).toFixed(2).padStart(6)}x  ${r.key}\n`,
    );
  }
} finally {
  await provider.close();
  await emu.close();
  await rm(base, { force: true });
  await rm(held, { force: true });
}
