import fc from 'fast-check';
import {
  checkBirthdate,
  checkCustomValue,
  checkLocale,
  checkZoneinfo,
} from './attribute-values.js';
import { COUNTRY_CODES } from './country-codes.js';

const today = new Date('2026-11-25T12:00:00Z');

describe('attribute value checks', () => {
  it('birthdate: exactly the days that exist, none in the future', () => {
    expect(checkBirthdate('2024-02-29', today).ok).toBe(true);
    expect(checkBirthdate('1900-02-29', today).ok).toBe(false);
    expect(checkBirthdate('2000-02-29', today).ok).toBe(true);
    expect(checkBirthdate('0050-06-15', today).ok).toBe(true);
    expect(checkBirthdate('0000-01-01', today).ok).toBe(false);
    expect(checkBirthdate('2026-11-25', today).ok).toBe(true);
    expect(checkBirthdate('2026-11-26', today).ok).toBe(false);
    // Every date the platform formats is accepted back, and nothing else of the shape.
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: today, noInvalidDate: true }),
        (date) => {
          expect(checkBirthdate(date.toISOString().slice(0, 10), today)).toEqual({
            ok: true,
            value: date.toISOString().slice(0, 10),
          });
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (year, month, day) => {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${day}`;
          const exists =
            new Date(Date.UTC(2000, month - 1, day)).getUTCDate() === day &&
            (month !== 2 ||
              day !== 29 ||
              (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)));
          if (!exists) expect(checkBirthdate(text, new Date('9999-12-31')).ok).toBe(false);
        },
      ),
    );
  });

  it('zoneinfo: IANA names and their aliases, not offsets or abbreviations', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata'])
      expect(checkZoneinfo(zone).ok).toBe(true);
    for (const zone of ['EST', '+01:00', 'Europe/Atlantis', '', 'utc/utc', 42])
      expect(checkZoneinfo(zone).ok).toBe(false);
  });

  it('locale: canonical BCP 47', () => {
    expect(checkLocale('EN-gb')).toEqual({ ok: true, value: 'en-GB' });
    expect(checkLocale('sr-latn-rs')).toEqual({ ok: true, value: 'sr-Latn-RS' });
    expect(checkLocale('en_GB').ok).toBe(false);
    expect(checkLocale('').ok).toBe(false);
  });

  it('country codes: the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    for (const code of ['DE', 'GB', 'US', 'SS', 'CW', 'AQ'])
      expect(COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['UK', 'EU', 'XK', 'ZZ', 'AN', 'YU'])
      expect(COUNTRY_CODES.has(code)).toBe(false);
  });

  it('phone: stored in E.164', () => {
    expect(checkCustomValue('phone', {}, '+44 20 7946 0958')).toEqual({
      ok: true,
      value: '+442079460958',
    });
  });
});
