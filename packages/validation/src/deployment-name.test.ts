import { describe, expect, it } from 'vitest';
import { checkDeploymentName, MAX_DEPLOYMENT_NAME_LENGTH } from './deployment-name.js';

describe('checkDeploymentName', () => {
  it.each([
    ['gpt-5', 'gpt-5'],
    ['  prod_gpt-4.1-mini  ', 'prod_gpt-4.1-mini'],
    ['A', 'A'],
    ['d'.repeat(MAX_DEPLOYMENT_NAME_LENGTH), 'd'.repeat(MAX_DEPLOYMENT_NAME_LENGTH)],
  ])('accepts %j as %j', (raw, deployment) => {
    expect(checkDeploymentName(raw, 'x')).toEqual({ ok: true, deployment });
  });

  it.each([
    ['', 'x is an empty deployment name.'],
    ['   ', 'x is an empty deployment name.'],
    ['my deployment', 'x contains a space (U+0020), which Azure does not allow'],
    ['a/b', 'x contains "/" (U+002F)'],
    ['a?b', 'x contains "?" (U+003F)'],
    ['a#b', 'x contains "#" (U+0023)'],
    ['a%2Fb', 'x contains "%" (U+0025)'],
    ['a\\b', 'x contains "\\" (U+005C)'],
    ['gpt\u00e9', 'x contains "\u00e9" (U+00E9)'],
    ['a\u00a0b', 'x contains white space (U+00A0)'],
    ['a\nb', 'x contains the control character U+000A (line feed)'],
    ['a\u001b[31mb', 'x contains the control character U+001B (escape)'],
    ['d'.repeat(65), 'x is 65 characters long; an Azure deployment name has at most 64.'],
  ])('refuses %j', (raw, message) => {
    const result = checkDeploymentName(raw, 'x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(message);
    expect(result.fix).toMatch(/Azure AI Foundry|Set it to the name/);
  });

  it('never repeats the whole value in its message (a pasted token stays out of logs)', () => {
    const result = checkDeploymentName('sk-SECRET/abc+def==', 'default_deployment');
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });
});
