import type { ChatRequest } from '../types.js';

/** The offered tool names, only when one is really named `parallel` (see parseResponse). */
export function toolNamesIfParallel(request: ChatRequest): ReadonlySet<string> | undefined {
  const tools = request.tools;
  if (!Array.isArray(tools)) return undefined;
  for (const tool of tools) {
    if (tool?.name === 'parallel') return new Set(tools.map(entry => entry.name));
  }
  return undefined;
}
