/** Resource types that keep a Node process alive or hold a connection. */
const TRACKED = new Set(['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'Immediate', 'PipeWrap']);

/** Counts of the tracked active resources (`process.getActiveResourcesInfo()`), by type. */
export function activeResourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (!TRACKED.has(type)) continue;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** The resources in `after` beyond those in `before` (by type; empty when nothing leaked). */
export function resourceGrowth(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const growth: Record<string, number> = {};
  for (const [type, count] of Object.entries(after)) {
    const extra = count - (before[type] ?? 0);
    if (extra > 0) growth[type] = extra;
  }
  return growth;
}

/**
 * Waits (a bounded number of event-loop turns, not a clock) until no tracked resource exists
 * beyond `before`, so sockets closed by the peer have time to be released. Returns what is left.
 */
export async function settleResources(
  before: Record<string, number>,
  turns = 200,
): Promise<Record<string, number>> {
  let growth = resourceGrowth(before, activeResourceCounts());
  for (let turn = 0; turn < turns && Object.keys(growth).length > 0; turn++) {
    await new Promise<void>(resolve => setImmediate(resolve));
    growth = resourceGrowth(before, activeResourceCounts());
  }
  return growth;
}
