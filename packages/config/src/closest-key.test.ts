import { describe, expect, it } from 'vitest';
import { closestKey, editDistance, toSnakeCase } from './closest-key.js';
import { CONFIG_KEYS } from './config-keys.js';

const KNOWN = CONFIG_KEYS.flatMap(info => [info.key, ...info.aliases]);

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['temprature', 'temperature', 1],
  ])('%s vs %s = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('toSnakeCase', () => {
  it.each([
    ['azureEndpoint', 'azure_endpoint'],
    ['azure-endpoint', 'azure_endpoint'],
    ['AZURE_ENDPOINT', 'azure_endpoint'],
    ['maxTokens', 'max_tokens'],
  ])('%s -> %s', (raw, expected) => {
    expect(toSnakeCase(raw)).toBe(expected);
  });
});

describe('closestKey', () => {
  it.each([
    ['temprature', 'temperature'],
    ['azure_endpiont', 'azure_endpoint'],
    ['azureEndpoint', 'azure_endpoint'],
    ['apiKey', 'api_key'],
    ['api-version', 'api_version'],
    ['deployment_map', 'deployment_mapping'],
    ['max_token', 'max_tokens'],
    ['max_output_token', 'max_output_tokens'],
    ['endpoint', 'azure_endpoint'],
    ['azure_openai_endpoint', 'azure_endpoint'],
    ['model', 'default_model'],
  ])('%s -> %s', (name, expected) => {
    expect(closestKey(name, KNOWN)).toBe(expected);
  });

  it.each(['zzz', 'colour', 'plugins'])('%s -> no suggestion', name => {
    expect(closestKey(name, KNOWN)).toBeUndefined();
  });
});
