import { createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A uniformly random code of `digits` decimal digits (leading zeros kept). */
export function generateNumericCode(digits = 6): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 10 characters from an alphabet without look-alikes (≈ 49 bits), shown as `xxxxx-xxxxx`. */
export function generateBackupCode(): string {
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (byte) => BACKUP_ALPHABET[byte % BACKUP_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What users may type for a backup code: any case, with or without the dash or spaces. */
export function normalizeBackupCode(input: string): string {
  return input.replace(/[\s-]/g, '').toLowerCase();
}

/** A key of its own for each use, derived from the tokenSecret. */
export function deriveKey(tokenSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', tokenSecret, 'userkit', `userkit:${purpose}`, 32));
}

/**
 * Short codes have too few possibilities for a plain digest (a million SHA-256 take a second), so
 * they are stored as an HMAC under a server key, bound to the row they belong to.
 */
export function hashShortCode(key: Buffer, scope: string, code: string): string {
  return createHmac('sha256', key).update(`${scope}:${code}`, 'utf8').digest('hex');
}

export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
