import type { PasswordHasher } from '../../extension-points/password-hasher.js';
import type { FirebaseScryptParameters } from './firebase-scrypt.js';
import { importedHashFormat, verifyImportedHash } from './imported-password-formats.js';

/**
 * The default hasher, which also verifies hashes imported from another system (bcrypt, scrypt,
 * Firebase scrypt, PBKDF2-SHA256). Such a hash always "needs a rehash": the first good sign-in
 * replaces it with the inner hasher's argon2id, so the imported format leaves the database
 * user by user.
 */
export class ImportedHashesPasswordHasher implements PasswordHasher {
  constructor(
    private readonly inner: PasswordHasher,
    private readonly firebaseScrypt?: FirebaseScryptParameters,
  ) {}

  hash(password: string): Promise<string> {
    return this.inner.hash(password);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    if (importedHashFormat(passwordHash) === null) return this.inner.verify(passwordHash, password);
    try {
      return await verifyImportedHash(passwordHash, password, this.firebaseScrypt);
    } catch {
      // A damaged hash (or parameters scrypt refuses) never matches.
      return false;
    }
  }

  needsRehash(passwordHash: string): boolean {
    return importedHashFormat(passwordHash) !== null || this.inner.needsRehash(passwordHash);
  }
}
