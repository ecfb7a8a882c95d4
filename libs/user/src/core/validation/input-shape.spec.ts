import fc from 'fast-check';
import { INPUT_MAX_DEPTH, inputShapeProblem, textProblem } from './input-shape.js';

/** The rule, spelled out per UTF-16 unit: the oracle for the regular expressions. */
function refusedByHand(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f)
      return true;
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    const nextIsLow = text.charCodeAt(index + 1) >= 0xdc00 && text.charCodeAt(index + 1) <= 0xdfff;
    if (high && !nextIsLow) return true;
    if (high) index++;
    else if (low) return true;
  }
  return false;
}

describe('input shape and text rule', () => {
  it('refuses exactly NUL, C0 controls but tab/LF/CR, DEL and lone surrogates', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (text) => {
        expect(textProblem(text) !== null).toBe(refusedByHand(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('walks any depth without recursion, and refuses beyond the limit', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(inputShapeProblem(deep)).toMatch(/nested deeper than/);
    let fits: unknown = 'leaf';
    for (let level = 0; level < INPUT_MAX_DEPTH; level++) fits = { a: fits };
    expect(inputShapeProblem(fits)).toBeNull();
    expect(inputShapeProblem({ a: fits })).toMatch(/nested deeper than/);
  });

  it('checks keys as well as values, at any depth', () => {
    expect(inputShapeProblem({ a: [{ 'b\u0000': 1 }] })).toMatch(/a key must not contain NUL/);
    expect(inputShapeProblem({ a: [{ b: 'x\udc00' }] })).toMatch(/^a\[0\]\.b must not/);
    expect(inputShapeProblem({ note: 'line\r\n\tend', '😀': '𝒜' })).toBeNull();
  });
});
