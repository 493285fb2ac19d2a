import { findControlCharacter } from './control-characters.js';

/** The longest deployment name Azure accepts. */
export const MAX_DEPLOYMENT_NAME_LENGTH = 64;

/**
 * The characters Azure accepts in a deployment name (Azure AI Foundry and the
 * `Microsoft.CognitiveServices/accounts/deployments` resource): ASCII letters, digits, `-`, `_`
 * and `.` (the names the portal suggests, such as `gpt-4.1-mini`, use them all).
 */
const ALLOWED = /^[A-Za-z0-9._-]+$/;
const FIRST_DISALLOWED = /[^A-Za-z0-9._-]/u;

/** The rule as users read it, used in every fix that concerns a deployment name. */
export const DEPLOYMENT_NAME_RULE = `1 to ${MAX_DEPLOYMENT_NAME_LENGTH} letters, digits, "-", "_" or "."`;

const NAME_FIX = `Use the deployment name exactly as shown in Azure AI Foundry (Deployments): ${DEPLOYMENT_NAME_RULE}.`;

/** The outcome of {@link checkDeploymentName}. */
export type DeploymentNameResult =
  | { ok: true; deployment: string }
  | { ok: false; message: string; fix: string };

function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (character === ' ') return `a space (${hex})`;
  if (/\s/u.test(character)) return `white space (${hex})`;
  return `"${character}" (${hex})`;
}

/**
 * Checks one Azure deployment name (trimmed first): not empty, at most
 * {@link MAX_DEPLOYMENT_NAME_LENGTH} characters, only letters, digits, `-`, `_` and `.`. These are
 * the names Azure lets you create; any other character (a space, `/`, `?`, `#`, `%`, a control
 * character...) could never name a deployment and would also break the request URL. Messages
 * name the offending character, never the whole value.
 *
 * @param raw - the name as written.
 * @param name - where it was written, for the message, e.g. `deployment_mapping.gpt-5[1]` or
 *   `default_deployment`.
 * @example checkDeploymentName(' prod-gpt5 ', 'default_deployment') // { ok: true, deployment: 'prod-gpt5' }
 */
export function checkDeploymentName(raw: string, name: string): DeploymentNameResult {
  const deployment = raw.trim();
  if (deployment === '') {
    return {
      ok: false,
      message: `${name} is an empty deployment name.`,
      fix: 'Set it to the name of an Azure deployment, e.g. "my-gpt5-deployment", or remove it.',
    };
  }
  const control = findControlCharacter(deployment);
  if (control !== undefined) {
    return {
      ok: false,
      message: `${name} contains the control character ${control}; a deployment name cannot hold control characters.`,
      fix: NAME_FIX,
    };
  }
  if (!ALLOWED.test(deployment)) {
    const character = FIRST_DISALLOWED.exec(deployment)?.[0] ?? '?';
    return {
      ok: false,
      message: `${name} contains ${describeCharacter(character)}, which Azure does not allow in a deployment name.`,
      fix: NAME_FIX,
    };
  }
  if (deployment.length > MAX_DEPLOYMENT_NAME_LENGTH) {
    return {
      ok: false,
      message: `${name} is ${deployment.length} characters long; an Azure deployment name has at most ${MAX_DEPLOYMENT_NAME_LENGTH}.`,
      fix: NAME_FIX,
    };
  }
  return { ok: true, deployment };
}
