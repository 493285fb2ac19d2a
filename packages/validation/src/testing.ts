/**
 * Test helpers of `@amplifier-azure-openai/validation`, for the tests of the packages that call it.
 * Not a stable API: it may change in any release.
 *
 * @packageDocumentation
 */
export { SHARED_VALIDATION_CASES, type SharedValidationCase } from './shared-validation-cases.js';
