import { createCipheriv, pbkdf2, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';
import type { FirebaseScryptParameters } from './firebase-scrypt.js';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: string | Buffer,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/** The formats of hashes brought in from another system (argon2 is the default hasher's own). */
export type ImportedHashFormat = 'bcrypt' | 'scrypt' | 'firebase-scrypt' | 'pbkdf2-sha256';

/** Bounds that keep a hostile or damaged hash from pinning the CPU or memory. */
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_SCRYPT_LOG_N = 20;
const MAX_SCRYPT_R = 32;
const MAX_SCRYPT_P = 16;
const MAX_KEY_BYTES = 256;

const BCRYPT = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
/** passlib's `$scrypt$ln=…,r=…,p=…$salt$hash` (adapted base64). */
const SCRYPT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([./A-Za-z0-9+=]*)\$([./A-Za-z0-9+=]+)$/;
/** Firebase's export gives salt and hash apart; stored as `$firebase-scrypt$salt$hash` (base64). */
const FIREBASE_SCRYPT = /^\$firebase-scrypt\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;
/** Django's `pbkdf2_sha256$iterations$salt$hash` (salt as text, hash base64). */
const DJANGO_PBKDF2 = /^pbkdf2_sha256\$(\d{1,8})\$([^$]+)\$([A-Za-z0-9+/=]+)$/;
/** The raw form, passlib's `$pbkdf2-sha256$iterations$salt$hash` (adapted base64). */
const RAW_PBKDF2 = /^\$pbkdf2-sha256\$(\d{1,8})\$([./A-Za-z0-9+=]+)\$([./A-Za-z0-9+=]+)$/;

/** passlib's adapted base64 uses `.` for `+` and drops the padding. */
function adaptedBase64(text: string): Buffer {
  return Buffer.from(text.replaceAll('.', '+'), 'base64');
}

/** The format of an imported hash, or null when it is none of them (e.g. argon2, or garbage). */
export function importedHashFormat(passwordHash: string): ImportedHashFormat | null {
  if (BCRYPT.test(passwordHash)) return 'bcrypt';
  if (SCRYPT.test(passwordHash)) return 'scrypt';
  if (FIREBASE_SCRYPT.test(passwordHash)) return 'firebase-scrypt';
  if (DJANGO_PBKDF2.test(passwordHash) || RAW_PBKDF2.test(passwordHash)) return 'pbkdf2-sha256';
  return null;
}

function sameBytes(derived: Buffer, expected: Buffer): boolean {
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

async function verifyPbkdf2(
  password: string,
  iterations: number,
  salt: Buffer,
  expected: Buffer,
): Promise<boolean> {
  if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return false;
  if (expected.length === 0 || expected.length > MAX_KEY_BYTES) return false;
  const derived = await pbkdf2Async(password, salt, iterations, expected.length, 'sha256');
  return sameBytes(derived, expected);
}

async function verifyScrypt(password: string, match: RegExpExecArray): Promise<boolean> {
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (logN < 1 || logN > MAX_SCRYPT_LOG_N || r < 1 || r > MAX_SCRYPT_R || p < 1 || p > MAX_SCRYPT_P)
    return false;
  const salt = adaptedBase64(match[4]!);
  const expected = adaptedBase64(match[5]!);
  if (expected.length === 0 || expected.length > MAX_KEY_BYTES) return false;
  const N = 2 ** logN;
  const derived = await scryptAsync(password, salt, expected.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r * p + 1024 * 1024,
  });
  return sameBytes(derived, expected);
}

/**
 * Firebase's modified scrypt (github.com/firebase/scrypt): the scrypt of the password with the
 * salt and the project's separator keys AES-256-CTR (zero IV) over the project's signer key.
 */
async function verifyFirebaseScrypt(
  password: string,
  match: RegExpExecArray,
  parameters: FirebaseScryptParameters | undefined,
): Promise<boolean> {
  if (!parameters) return false;
  const salt = Buffer.concat([
    Buffer.from(match[1]!, 'base64'),
    Buffer.from(parameters.saltSeparator, 'base64'),
  ]);
  const N = 2 ** parameters.memCost;
  const key = await scryptAsync(password, salt, 32, {
    N,
    r: parameters.rounds,
    p: 1,
    maxmem: 256 * N * parameters.rounds + 1024 * 1024,
  });
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const signed = Buffer.concat([
    cipher.update(Buffer.from(parameters.signerKey, 'base64')),
    cipher.final(),
  ]);
  return sameBytes(signed, Buffer.from(match[2]!, 'base64'));
}

/** Checks a password against an imported hash; false for any other or a damaged one. */
export async function verifyImportedHash(
  passwordHash: string,
  password: string,
  firebaseScrypt?: FirebaseScryptParameters,
): Promise<boolean> {
  if (BCRYPT.test(passwordHash)) {
    // bcryptjs knows $2a$ and $2b$; $2y$ (PHP's) is the same algorithm as $2b$.
    const normalized = passwordHash.startsWith('$2y$')
      ? `$2b$${passwordHash.slice(4)}`
      : passwordHash;
    return bcrypt.compare(password, normalized);
  }
  let match = SCRYPT.exec(passwordHash);
  if (match) return verifyScrypt(password, match);
  match = FIREBASE_SCRYPT.exec(passwordHash);
  if (match) return verifyFirebaseScrypt(password, match, firebaseScrypt);
  match = DJANGO_PBKDF2.exec(passwordHash);
  if (match)
    return verifyPbkdf2(
      password,
      Number(match[1]),
      Buffer.from(match[2]!, 'utf8'),
      Buffer.from(match[3]!, 'base64'),
    );
  match = RAW_PBKDF2.exec(passwordHash);
  if (match)
    return verifyPbkdf2(
      password,
      Number(match[1]),
      adaptedBase64(match[2]!),
      adaptedBase64(match[3]!),
    );
  return false;
}
