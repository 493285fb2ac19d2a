import type { ToolSpec } from '@amplifier-azure-openai/provider';

/** The `get_weather` tool the demo offers. */
export const WEATHER_TOOL: ToolSpec = Object.freeze({
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: 'City name, e.g. Paris' } },
    required: ['city'],
    additionalProperties: false,
  },
});

/** The fake weather report the demo's tool returns. */
export interface WeatherReport {
  city: string;
  temperature_c: number;
  conditions: string;
}

const CONDITIONS = ['sunny', 'partly cloudy', 'light rain', 'overcast', 'windy', 'clear skies'];

/**
 * Deterministic fake weather for a city (the same city always gets the same report): the demo
 * runs its tool locally, with no network.
 */
export function fakeWeather(city: string): WeatherReport {
  const name = city.trim() === '' ? 'Unknown' : city.trim();
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return {
    city: name,
    temperature_c: 4 + (hash % 25),
    conditions: CONDITIONS[hash % CONDITIONS.length] ?? 'clear skies',
  };
}

/** Runs the demo's tool: `get_weather` with `{ city }`; anything else is an error result. */
export function runDemoTool(
  name: string,
  args: Record<string, unknown>,
): { output: unknown; isError: boolean } {
  if (name !== WEATHER_TOOL.name) {
    return { output: { error: `Unknown tool '${name}'.` }, isError: true };
  }
  const city = typeof args.city === 'string' ? args.city : '';
  if (city === '') return { output: { error: 'Missing "city".' }, isError: true };
  return { output: fakeWeather(city), isError: false };
}
