// What every bench shares: the password of the generated accounts and the hashing parameters.

export const PASSWORD = 'bench-passphrase-for-all-7';

/** The library's argon2id parameters (libs/user/src/services/argon2-password-hasher.ts). */
export const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };
