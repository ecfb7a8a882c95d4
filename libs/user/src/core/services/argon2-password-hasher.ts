import { Injectable } from '@nestjs/common';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../extension-points/password-hasher.js';

/** argon2id (the enum is `const`, so its value is written out: Argon2id = 2). */
const ARGON2ID = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. A default, not an option. */
export const ARGON2_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes on libuv's thread pool, off the event loop. */
@Injectable()
export class Argon2PasswordHasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, ARGON2_PARAMETERS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A hash of another scheme or a damaged one never matches.
      return false;
    }
  }

  needsRehash(passwordHash: string): boolean {
    try {
      const current = parseOptions(passwordHash);
      return (
        current.algorithm !== ARGON2_PARAMETERS.algorithm ||
        current.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
        current.timeCost !== ARGON2_PARAMETERS.timeCost ||
        current.parallelism !== ARGON2_PARAMETERS.parallelism
      );
    } catch {
      return true;
    }
  }
}
