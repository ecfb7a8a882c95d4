import { createPublicKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Http } from './http.js';

/**
 * Verifies a JWT as another service would: with the key `/.well-known/jwks.json` publishes for its
 * `kid`, and the issuer and audience when given. Rejects when the kid is not published.
 */
export async function verifyWithJwks(
  http: Http,
  token: string,
  expected: { issuer?: string; audience?: string } = {},
): Promise<Record<string, any>> {
  const jwks = await http.get('/.well-known/jwks.json').expect(200);
  const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
  const jwk = jwks.body.keys.find((key: { kid: string }) => key.kid === header.kid);
  if (!jwk) throw new Error('kid not in the JWKS');
  const publicKey = createPublicKey({ key: jwk, format: 'jwk' })
    .export({ format: 'pem', type: 'spki' })
    .toString();
  return new JwtService().verifyAsync(token, {
    publicKey,
    algorithms: [jwk.alg],
    ...(expected.issuer ? { issuer: expected.issuer } : {}),
    ...(expected.audience ? { audience: expected.audience } : {}),
  });
}
