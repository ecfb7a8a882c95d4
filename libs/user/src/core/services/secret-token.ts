import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the form of every opaque secret the library hands out. */
export function generateSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored; a stolen database holds no usable token. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
