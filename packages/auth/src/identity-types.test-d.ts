/**
 * Type-level checks: the real @azure/identity classes (a dev dependency) fit this package's
 * structural types, so users can pass them without casts. `tsc` (the typecheck script) fails
 * if they stop fitting; the runtime assertions only keep vitest happy.
 */
import type * as Identity from '@azure/identity';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IdentityModule } from './identity-module.js';
import type { GetTokenOptionsLike, TokenCredentialLike } from './token-credential.js';

describe('structural types fit @azure/identity', () => {
  it('every credential is a TokenCredentialLike', () => {
    expectTypeOf<Identity.DefaultAzureCredential>().toExtend<TokenCredentialLike>();
    expectTypeOf<Identity.ManagedIdentityCredential>().toExtend<TokenCredentialLike>();
    expectTypeOf<Identity.ClientSecretCredential>().toExtend<TokenCredentialLike>();
    expectTypeOf<Identity.ChainedTokenCredential>().toExtend<TokenCredentialLike>();
    expect(true).toBe(true);
  });

  it('the module namespace is an IdentityModule', () => {
    expectTypeOf<typeof Identity>().toExtend<IdentityModule>();
    expect(true).toBe(true);
  });

  it('a platform AbortSignal fits GetTokenOptionsLike', () => {
    expectTypeOf<{ abortSignal: AbortSignal }>().toExtend<GetTokenOptionsLike>();
    expect(true).toBe(true);
  });
});
