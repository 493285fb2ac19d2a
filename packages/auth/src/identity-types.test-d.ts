/**
 * Type-level checks: the real @azure/identity classes (a dev dependency) fit this package's
 * structural types, so users can pass them without casts. Checked by `vitest --typecheck` (the
 * test script) and by `tsc` (the typecheck script).
 */
import type * as Identity from '@azure/identity';
import { describe, expectTypeOf, it } from 'vitest';
import type { IdentityModule } from './identity-module.js';
import type { GetTokenOptionsLike, TokenCredentialLike } from './token-credential.js';

describe('structural types fit @azure/identity', () => {
  it('every credential is a TokenCredentialLike', () => {
    expectTypeOf<Identity.DefaultAzureCredential>().toExtend<TokenCredentialLike>();
    expectTypeOf<Identity.ManagedIdentityCredential>().toExtend<TokenCredentialLike>();
    expectTypeOf<Identity.ClientSecretCredential>().toExtend<TokenCredentialLike>();
    expectTypeOf<Identity.ChainedTokenCredential>().toExtend<TokenCredentialLike>();
  });

  it('the module namespace is an IdentityModule', () => {
    expectTypeOf<typeof Identity>().toExtend<IdentityModule>();
  });

  it('a platform AbortSignal fits GetTokenOptionsLike', () => {
    expectTypeOf<{ abortSignal: AbortSignal }>().toExtend<GetTokenOptionsLike>();
  });
});
