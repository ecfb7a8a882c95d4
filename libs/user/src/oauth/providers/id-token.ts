import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { OAuthProviderError } from './oauth-provider-error.js';

/** One key set per URL for the process: jose caches the keys and refetches on an unknown `kid`. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Signatures an ID token may carry: asymmetric only (never `none`, never a shared secret). */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

export interface IdTokenExpectations {
  jwksUrl: string;
  audience: string;
  nonce: string;
  issuer(claims: Record<string, unknown>): boolean;
  timeoutMs: number;
}

/**
 * The claims of an ID token whose signature verifies against the provider's JWKS, for this client,
 * unexpired, from the expected issuer, and carrying this flow's nonce (an ID token replayed from
 * another flow fails).
 */
export async function verifyIdToken(
  token: unknown,
  expected: IdTokenExpectations,
): Promise<Record<string, unknown>> {
  if (typeof token !== 'string' || token === '')
    throw new OAuthProviderError('oauth_failed', 'the token answer has no id_token');
  let keySet = keySets.get(expected.jwksUrl);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(expected.jwksUrl), {
      timeoutDuration: expected.timeoutMs,
    });
    keySets.set(expected.jwksUrl, keySet);
  }
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, keySet, {
      audience: expected.audience,
      algorithms: ALGORITHMS,
      clockTolerance: 60,
      requiredClaims: ['sub', 'exp'],
    });
    claims = verified.payload as Record<string, unknown>;
  } catch (error) {
    const unreachable =
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      !(error instanceof errors.JOSEError);
    throw new OAuthProviderError(
      unreachable ? 'provider_unavailable' : 'oauth_failed',
      `id_token: ${(error as Error).message}`,
    );
  }
  if (!expected.issuer(claims))
    throw new OAuthProviderError('oauth_failed', 'id_token: unexpected issuer');
  if (claims.nonce !== expected.nonce)
    throw new OAuthProviderError('oauth_failed', 'id_token: nonce mismatch');
  return claims;
}
