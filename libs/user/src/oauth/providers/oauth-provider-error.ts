/**
 * Why a round trip with the provider failed: `provider_unavailable` (down, slow, 5xx, not JSON) or
 * `oauth_failed` (the provider refused the code or its ID token did not verify, e.g. a wrong PKCE
 * verifier, a spent code, a wrong nonce).
 */
export class OAuthProviderError extends Error {
  constructor(
    readonly reason: 'provider_unavailable' | 'oauth_failed',
    message: string,
  ) {
    super(message);
    this.name = 'OAuthProviderError';
  }
}
