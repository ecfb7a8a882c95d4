import fc from 'fast-check';
import { METADATA_MAX_BYTES, metadataProblem } from './json-metadata.js';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/** Puts `key` somewhere inside `value`, the way JSON.parse would produce it (an own property). */
function plant(
  value: Record<string, unknown>,
  path: string[],
  key: string,
): Record<string, unknown> {
  const text = JSON.stringify(value);
  const inner = `{"${key}":{"polluted":true}}`;
  const nested = path.reduceRight((acc, segment) => `{"${segment}":${acc}}`, inner);
  return JSON.parse(`{"planted":${nested}${text.length > 2 ? `,${text.slice(1, -1)}` : ''}}`);
}

describe('the metadata sanitizer (property-based)', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, never touches Object.prototype, and leaves what it accepts intact', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 6 })),
        (value) => {
          const before = JSON.stringify(value);
          const problem = metadataProblem(value);
          expect(JSON.stringify(value)).toBe(before);
          if (problem === null) {
            expect(Buffer.byteLength(before)).toBeLessThanOrEqual(METADATA_MAX_BYTES);
            expect(Object.keys(value).some((key) => FORBIDDEN.includes(key))).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a prototype key planted at any depth up to the limit', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 4,
        }),
        fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 6 }),
        fc.constantFrom(...FORBIDDEN),
        (value, path, key) => {
          // jsonValue may generate a forbidden key itself: then that one is reported, not ours.
          fc.pre(metadataProblem(value) === null);
          expect(metadataProblem(plant(value, path, key))).toMatch(new RegExp(`"${key}"`));
        },
      ),
    );
  });

  it('refuses anything but a plain object', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.jsonValue()),
          fc.string(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
        ),
        (value) => {
          expect(metadataProblem(value)).toBe('must be a JSON object');
        },
      ),
    );
  });
});
