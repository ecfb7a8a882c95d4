import fc from 'fast-check';
import { isValidEmail, normalizeEmail } from './email.js';

describe('email normalization (property-based)', () => {
  it('is idempotent and case-insensitive', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (raw) => {
        const once = normalizeEmail(raw);
        expect(normalizeEmail(once)).toBe(once);
        expect(normalizeEmail(raw.toUpperCase())).toBe(normalizeEmail(raw.toLowerCase()));
      }),
    );
  });

  it('accepts ordinary addresses with any padding and case, and normalizes them to one form', () => {
    const local = fc
      .stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/)
      .filter((s) => !s.includes('..'));
    const domain = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?\.[a-z]{2,6}$/);
    const pad = fc.stringMatching(/^[ \t]{0,3}$/);
    fc.assert(
      fc.property(local, domain, pad, pad, fc.boolean(), (l, d, before, after, upper) => {
        const typed = `${before}${upper ? `${l}@${d}`.toUpperCase() : `${l}@${d}`}${after}`;
        expect(isValidEmail(typed)).toBe(true);
        expect(normalizeEmail(typed)).toBe(`${l}@${d}`);
      }),
    );
  });

  it('refuses what is not one address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        // Two @ signs, an inner space, or no dot in the domain are never accepted.
        expect(isValidEmail(`${a}@@${b}.com`)).toBe(false);
        expect(isValidEmail(`x ${a}@example.com`.replace(/\s+/g, ' '))).toBe(false);
        expect(isValidEmail(`${a.replace(/[@.]/g, '')}@localhost`)).toBe(false);
      }),
    );
    expect(isValidEmail(`${'a'.repeat(250)}@b.co`)).toBe(false);
    expect(isValidEmail('a..b@example.com')).toBe(false);
  });

  it('refuses controls and invisible characters inside an address (trimming drops them at its ends)', () => {
    const invisible = fc.constantFrom(
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u00ad',
      '\u034f',
      '\u115f',
      '\u180e',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202e',
      '\u2060',
      '\u2066',
      '\u2069',
      '\u3164',
      '\ufe0f',
      '\ufeff',
      '\ud800',
      '\udc00',
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), invisible, (at, character) => {
        const address = 'admin@example.com';
        expect(isValidEmail(address.slice(0, at) + character + address.slice(at))).toBe(false);
      }),
    );
  });

  it('compares fullwidth and compatibility spellings as the plain address', () => {
    expect(isValidEmail('ａｄｍｉｎ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe(true);
    expect(normalizeEmail('ＡＤＭＩＮ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('admin@example.com');
    expect(normalizeEmail('ａdmin@example.com')).toBe('admin@example.com');
  });
});
