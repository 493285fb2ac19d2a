import { describe, expect, it } from 'vitest';
import { fakeWeather, runDemoTool } from './weather-tool.js';

describe('demo weather tool', () => {
  it('is deterministic per city', () => {
    expect(fakeWeather('Paris')).toEqual(fakeWeather(' paris '.trim().replace('p', 'P')));
    expect(fakeWeather('Paris').city).toBe('Paris');
    expect(fakeWeather('Paris').temperature_c).toBeGreaterThanOrEqual(4);
    expect(fakeWeather('Paris').temperature_c).toBeLessThan(29);
  });

  it('answers get_weather and reports errors for anything else', () => {
    expect(runDemoTool('get_weather', { city: 'Tokyo' })).toEqual({
      output: fakeWeather('Tokyo'),
      isError: false,
    });
    expect(runDemoTool('get_weather', {}).isError).toBe(true);
    expect(runDemoTool('other', { city: 'Tokyo' }).isError).toBe(true);
  });
});
