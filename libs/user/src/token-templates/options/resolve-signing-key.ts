import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

/** The asymmetric key of integration tokens, with what the JWKS endpoint publishes. */
export interface SigningKey {
  privateKey: KeyObject;
  algorithm: 'RS256' | 'ES256';
  keyId: string;
  /** The public half as a JWK with `kid`, `alg` and `use`. */
  publicJwk: JsonWebKey;
}

/** RFC 7638 thumbprint: a stable key id every instance derives the same way from the same key. */
function thumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/** A private key from a PEM string or a private JWK; null when it is neither. */
export function readPrivateKey(key: unknown): KeyObject | null {
  try {
    return typeof key === 'string'
      ? createPrivateKey(key)
      : createPrivateKey({ key: key as JsonWebKey, format: 'jwk' });
  } catch {
    return null;
  }
}

/** Reads a PEM string or a private JWK; only RSA (≥ 2048 bits) and EC P-256 keys are taken. */
export function resolveSigningKey(
  key: string | JsonWebKey,
  keyId: string | undefined,
  problems: string[],
): SigningKey | null {
  const privateKey = readPrivateKey(key);
  if (!privateKey) {
    problems.push('signingKey must be a private key (PKCS#8/PEM string or private JWK)');
    return null;
  }
  const details = privateKey.asymmetricKeyDetails;
  let algorithm: SigningKey['algorithm'];
  if (privateKey.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) {
    algorithm = 'RS256';
  } else if (privateKey.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') {
    algorithm = 'ES256';
  } else {
    problems.push('signingKey must be an RSA key of at least 2048 bits or an EC P-256 key');
    return null;
  }
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = keyId ?? thumbprint(publicJwk);
  return {
    privateKey,
    algorithm,
    keyId: kid,
    publicJwk: { ...publicJwk, kid, alg: algorithm, use: 'sig' },
  };
}
