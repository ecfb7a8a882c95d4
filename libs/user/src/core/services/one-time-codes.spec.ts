import {
  deriveKey,
  generateBackupCode,
  generateNumericCode,
  hashShortCode,
  normalizeBackupCode,
  sameDigest,
} from './one-time-codes.js';

describe('one-time codes', () => {
  it('draws numeric codes of exactly the asked length, leading zeros kept', () => {
    // A tenth of 6-digit draws start with 0: in 1000 draws, unpadded ones would show.
    const codes = Array.from({ length: 1000 }, () => generateNumericCode(6));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
    expect(generateNumericCode(8)).toMatch(/^\d{8}$/);
  });

  it('draws backup codes without look-alike characters, and reads them back however typed', () => {
    const codes = Array.from({ length: 200 }, () => generateBackupCode());
    for (const drawn of codes) expect(drawn).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    const code = codes[0];
    expect(normalizeBackupCode(` ${code.toUpperCase().replace('-', ' - ')} `)).toBe(
      code.replace('-', ''),
    );
  });

  it('hashes a short code under a key of its purpose, bound to its scope', () => {
    const key = deriveKey('unit-test-secret-of-at-least-32-characters', 'verification-codes');
    const digest = hashShortCode(key, 'row-1', '123456');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(hashShortCode(key, 'row-2', '123456')).not.toBe(digest);
    const otherPurpose = deriveKey('unit-test-secret-of-at-least-32-characters', 'backup-codes');
    expect(hashShortCode(otherPurpose, 'row-1', '123456')).not.toBe(digest);
    expect(sameDigest(hashShortCode(key, 'row-1', '123456'), digest)).toBe(true);
    expect(sameDigest(hashShortCode(key, 'row-1', '123457'), digest)).toBe(false);
    expect(sameDigest(digest.slice(1), digest)).toBe(false);
  });
});
