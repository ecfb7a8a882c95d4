import type { KeyObject } from 'node:crypto';
import type {
  FirebaseTokenTemplate,
  TokenTemplateUser,
} from '../options/token-template-options.js';
import { readPrivateKey } from '../options/resolve-signing-key.js';
import { checkCallerClaimRules } from './caller-claims.js';
import { checkClaimsMapping, mapClaims, mappedNames, withCallerClaims } from './claims-mapping.js';

/** The audience of every Firebase custom token (Google's Identity Toolkit). */
export const FIREBASE_AUDIENCE =
  'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';
/** Firebase refuses a custom token that lives longer than an hour. */
export const FIREBASE_MAX_LIFETIME_SECONDS = 3600;
/** Names Firebase's Admin SDK refuses as developer claims, and those of its own ID tokens. */
const FIREBASE_RESERVED_CLAIMS = [
  'acr',
  'amr',
  'at_hash',
  'aud',
  'auth_time',
  'azp',
  'cnf',
  'c_hash',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'sub',
  'firebase',
  'uid',
  'user_id',
];

/** The service account that signs: its email (issuer and subject) and RSA private key. */
export interface FirebaseSigner {
  clientEmail: string;
  privateKey: KeyObject;
  /** The key file's `private_key_id`, sent as `kid` when known. */
  keyId?: string;
}

function reservedProblem(name: string): string | null {
  return FIREBASE_RESERVED_CLAIMS.includes(name) ? 'is reserved by Firebase' : null;
}

/** Checks the template and reads its service account; null (with problems) when unusable. */
export function resolveFirebaseTemplate(
  prefix: string,
  template: FirebaseTokenTemplate,
  problems: string[],
): FirebaseSigner | null {
  checkClaimsMapping(prefix, template.claims, problems, reservedProblem, false);
  const mapped = mappedNames(template.claims);
  checkCallerClaimRules(prefix, template.callerClaims, problems, (name) =>
    mapped.includes(name) ? 'is set by the template' : reservedProblem(name),
  );
  if (
    template.tenantId !== undefined &&
    (typeof template.tenantId !== 'string' || !template.tenantId)
  )
    problems.push(`${prefix}.tenantId must be a tenant id`);
  const account = (template.serviceAccount ?? {}) as Record<string, unknown>;
  const clientEmail = account.clientEmail ?? account.client_email;
  const key = account.privateKey ?? account.private_key;
  const keyId = account.privateKeyId ?? account.private_key_id;
  if (typeof clientEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(clientEmail)) {
    problems.push(`${prefix}.serviceAccount.clientEmail must be the service account's email`);
    return null;
  }
  if (keyId !== undefined && typeof keyId !== 'string')
    problems.push(`${prefix}.serviceAccount.privateKeyId must be a string`);
  const privateKey = readPrivateKey(key);
  if (!privateKey) {
    problems.push(`${prefix}.serviceAccount.privateKey must be the service account's private key`);
    return null;
  }
  if (
    privateKey.asymmetricKeyType !== 'rsa' ||
    (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048
  ) {
    problems.push(`${prefix}.serviceAccount.privateKey must be an RSA key (Firebase wants RS256)`);
    return null;
  }
  return { clientEmail, privateKey, ...(typeof keyId === 'string' ? { keyId } : {}) };
}

/** The body of a custom token but its times: `uid`, developer `claims`, `tenant_id`. */
export function firebaseClaims(
  template: FirebaseTokenTemplate,
  user: TokenTemplateUser,
  caller: Record<string, unknown>,
): Record<string, unknown> {
  const developerClaims = withCallerClaims(
    mapClaims(template.claims, user),
    caller,
    FIREBASE_RESERVED_CLAIMS,
  );
  return {
    uid: user.id,
    ...(Object.keys(developerClaims).length > 0 ? { claims: developerClaims } : {}),
    ...(template.tenantId ? { tenant_id: template.tenantId } : {}),
  };
}
