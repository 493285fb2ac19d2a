import type { ErrorAnswer } from './azure-errors.js';
import { invalidRequest } from './azure-errors.js';
import type { RequestValidator } from './types.js';

/** Turns a JSON pointer (`/input/0/content`) or dotted path into `input[0].content`. */
export function toParam(path: string): string {
  const segments = path
    .replace(/^[#/]+/, '')
    .split(/[/.]/)
    .filter(s => s !== '')
    .map(s => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  let param = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) param += `[${segment}]`;
    else param += param === '' ? segment : `.${segment}`;
  }
  return param;
}

function describe(error: unknown): { param: string | null; message: string } {
  if (typeof error === 'string') return { param: null, message: error };
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    const path = [e.param, e.path, e.instancePath, e.field].find(v => typeof v === 'string') as
      | string
      | undefined;
    const message = typeof e.message === 'string' ? e.message : 'is invalid';
    return { param: path === undefined || path === '' ? null : toParam(path), message };
  }
  return { param: null, message: 'is invalid' };
}

function answer(param: string | null, message: string): ErrorAnswer {
  const where = param === null ? 'the request body' : `'${param}'`;
  return invalidRequest(`Invalid request: ${where} ${message}`, param, 'invalid_value');
}

/** Runs a `validateRequest` hook; a 400 naming the field when it fails. */
export function runValidator(validator: RequestValidator, body: unknown): ErrorAnswer | undefined {
  let result: ReturnType<RequestValidator>;
  try {
    result = validator(body);
  } catch (error) {
    const { param, message } = describe(error);
    return answer(param, message);
  }
  if (result === true || result === undefined || result === null) return undefined;
  if (result === false) return answer(null, 'does not match the Responses API request schema');
  if (typeof result === 'string') return answer(null, result);
  const errors = Array.isArray(result.errors) ? result.errors : [];
  const valid = result.valid ?? result.ok ?? errors.length === 0;
  if (valid === true && errors.length === 0) return undefined;
  if (errors.length > 0) {
    const { param, message } = describe(errors[0]);
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : '';
    return answer(param, `${message}${more}`);
  }
  const { param, message } = describe(result);
  return answer(param, message);
}
