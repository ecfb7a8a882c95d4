import { normalizeUsername } from './username.js';

describe('normalizeUsername', () => {
  it('lower-cases a valid username (so it is unique case-insensitively)', () => {
    expect(normalizeUsername('Ada_L.x-1')).toBe('ada_l.x-1');
    expect(normalizeUsername('abc')).toBe('abc');
    expect(normalizeUsername('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['a space', 'ada l'],
    ['an @', 'ada@x'],
    ['a letter outside a-z', 'adé'],
    ['a Cyrillic look-alike', 'аda'],
    ['a Kelvin sign that lower-cases to k', '\u212Aelvin'],
    ['a dotless I', 'ADMİN'],
    ['a control character', 'ada\u0000'],
    ['a trailing newline', 'ada\n'],
  ])('refuses %s', (_, input) => {
    expect(normalizeUsername(input)).toBeNull();
  });
});
