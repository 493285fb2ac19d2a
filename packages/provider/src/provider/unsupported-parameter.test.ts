import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ServiceUnavailableError } from '../errors/service-unavailable-error.js';
import { removeParameter, unsupportedParameterOf } from './unsupported-parameter.js';

describe('unsupportedParameterOf', () => {
  it("reads Azure's temperature rejection (code null, param temperature)", () => {
    const error = new InvalidRequestError({
      message: "Unsupported parameter: 'temperature' is not supported with this model.",
      status: 400,
      param: 'temperature',
    });
    expect(unsupportedParameterOf(error)).toBe('temperature');
  });

  it('reads unsupported_value codes with nested params', () => {
    const error = new InvalidRequestError({
      message:
        "Unsupported value: 'reasoning.summary' does not support 'detailed' with this model.",
      status: 400,
      code: 'unsupported_value',
      param: 'reasoning.summary',
    });
    expect(unsupportedParameterOf(error)).toBe('reasoning.summary');
  });

  it('names the parameter from the message when param is missing', () => {
    const error = new InvalidRequestError({
      message: "Unsupported parameter: 'top_p' is not supported with this model.",
      status: 400,
      code: 'unsupported_parameter',
    });
    expect(unsupportedParameterOf(error)).toBe('top_p');
  });

  it('never drops meaningful parameters or reacts to other errors', () => {
    expect(
      unsupportedParameterOf(
        new InvalidRequestError({
          message: "Unsupported parameter: 'input' is not supported.",
          code: 'unsupported_parameter',
          param: 'input',
        }),
      ),
    ).toBeUndefined();
    expect(
      unsupportedParameterOf(
        new InvalidRequestError({ message: 'Invalid value', param: 'temperature' }),
      ),
    ).toBeUndefined();
    expect(unsupportedParameterOf(new ServiceUnavailableError({ message: 'x' }))).toBeUndefined();
  });
});

describe('removeParameter', () => {
  it('removes top-level and nested parameters without touching shared objects', () => {
    const reasoning = { effort: 'high', summary: 'detailed' };
    const body: Record<string, unknown> = { temperature: 1, reasoning };
    removeParameter(body, 'temperature');
    removeParameter(body, 'reasoning.summary');
    expect(body).toEqual({ reasoning: { effort: 'high' } });
    expect(reasoning.summary).toBe('detailed');
  });
});
