/**
 * Hashes and checks passwords. The default is argon2id at OWASP parameters; a host replaces it by
 * providing `PasswordHasher` (e.g. to migrate from bcrypt hashes).
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters than today's: re-hash after a good login. */
  needsRehash(hash: string): boolean;
}

export const PasswordHasher = Symbol('PasswordHasher');
