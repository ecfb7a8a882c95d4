import { Argon2PasswordHasher } from '../argon2-password-hasher.js';
import { ImportedHashesPasswordHasher } from './imported-hashes-password-hasher.js';
import { importedHashFormat } from './imported-password-formats.js';

/** RFC 7914 §11, PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1): the first 32 bytes. */
const RFC7914_PBKDF2_32 = Buffer.from(
  '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc',
  'hex',
);
/** RFC 7914 §12, scrypt (P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64). */
const RFC7914_SCRYPT = Buffer.from(
  'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
    '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  'hex',
);
/** passlib's adapted base64: `.` for `+`, no padding. */
const ab64 = (bytes: Buffer): string =>
  bytes.toString('base64').replaceAll('+', '.').replace(/=+$/, '');

/** The test vector of github.com/firebase/scrypt's README. */
const FIREBASE = {
  signerKey:
    'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  saltSeparator: 'Bw==',
  rounds: 8,
  memCost: 14,
};
const FIREBASE_HASH =
  '$firebase-scrypt$42xEC+ixf3L2lw==$lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==';

/** Known vectors per format: [hash, its password]. */
const VECTORS: Array<[label: string, hash: string, password: string]> = [
  // OpenWall crypt_blowfish's test vectors; $2b$ and $2y$ compute the same for ASCII passwords.
  ['bcrypt $2a$', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'],
  ['bcrypt $2b$', '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'],
  ['bcrypt $2y$', '$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U'],
  // The argon2 reference implementation's test.c (password "password", salt "somesalt").
  [
    'argon2i',
    '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA',
    'password',
  ],
  [
    'argon2id',
    '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
    'password',
  ],
  [
    'scrypt',
    `$scrypt$ln=10,r=8,p=16$${ab64(Buffer.from('NaCl'))}$${ab64(RFC7914_SCRYPT)}`,
    'password',
  ],
  ['firebase scrypt', FIREBASE_HASH, 'user1password'],
  [
    'django pbkdf2_sha256',
    `pbkdf2_sha256$1$salt$${RFC7914_PBKDF2_32.toString('base64')}`,
    'passwd',
  ],
  [
    'raw pbkdf2-sha256',
    `$pbkdf2-sha256$1$${ab64(Buffer.from('salt'))}$${ab64(RFC7914_PBKDF2_32)}`,
    'passwd',
  ],
];

describe('ImportedHashesPasswordHasher', () => {
  const hasher = new ImportedHashesPasswordHasher(new Argon2PasswordHasher(), FIREBASE);

  it.each(VECTORS)(
    '%s: the right password matches, a wrong one does not',
    async (_, hash, password) => {
      await expect(hasher.verify(hash, password)).resolves.toBe(true);
      await expect(hasher.verify(hash, `${password}x`)).resolves.toBe(false);
    },
  );

  it.each(VECTORS)('%s: needs a rehash (to argon2id at the default parameters)', (_, hash) => {
    expect(hasher.needsRehash(hash)).toBe(true);
  });

  it('a fresh hash is argon2id and needs no rehash', async () => {
    const fresh = await hasher.hash('correct horse battery staple');
    expect(fresh.startsWith('$argon2id$')).toBe(true);
    expect(hasher.needsRehash(fresh)).toBe(false);
    await expect(hasher.verify(fresh, 'correct horse battery staple')).resolves.toBe(true);
  });

  it('a Firebase hash without the project parameters never matches', async () => {
    const bare = new ImportedHashesPasswordHasher(new Argon2PasswordHasher());
    await expect(bare.verify(FIREBASE_HASH, 'user1password')).resolves.toBe(false);
  });

  it('a Firebase hash with other project parameters does not match', async () => {
    const other = new ImportedHashesPasswordHasher(new Argon2PasswordHasher(), {
      ...FIREBASE,
      saltSeparator: 'CA==',
    });
    await expect(other.verify(FIREBASE_HASH, 'user1password')).resolves.toBe(false);
  });

  it.each([
    ['garbage', 'not a hash'],
    ['a truncated bcrypt', '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyu'],
    [
      'scrypt beyond the memory bound',
      `$scrypt$ln=30,r=8,p=1$${ab64(Buffer.from('NaCl'))}$${ab64(RFC7914_SCRYPT)}`,
    ],
    ['pbkdf2 with zero iterations', `pbkdf2_sha256$0$salt$${RFC7914_PBKDF2_32.toString('base64')}`],
  ])('%s never matches and does not throw', async (_, hash) => {
    await expect(hasher.verify(hash, 'passwd')).resolves.toBe(false);
  });

  it('recognises each imported format, and argon2 as none of them', () => {
    expect(VECTORS.map(([, hash]) => importedHashFormat(hash))).toEqual([
      'bcrypt',
      'bcrypt',
      'bcrypt',
      null,
      null,
      'scrypt',
      'firebase-scrypt',
      'pbkdf2-sha256',
      'pbkdf2-sha256',
    ]);
  });
});
