import fc from 'fast-check';
import { deepMergeMetadata } from './metadata-merge.js';

describe('deepMergeMetadata (Clerk semantics)', () => {
  it('merges nested objects, deletes on null, replaces arrays and scalars', () => {
    expect(
      deepMergeMetadata(
        { a: 1, nested: { keep: true, drop: 1, list: [1, 2] }, gone: 'x' },
        { nested: { drop: null, list: [3], added: { deep: 1 } }, gone: null, b: 2 },
      ),
    ).toEqual({ a: 1, b: 2, nested: { keep: true, list: [3], added: { deep: 1 } } });
  });

  it('never changes its inputs; merging {} is the identity; merging x into {} drops only nulls', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (value) => {
        const copy = structuredClone(value);
        expect(deepMergeMetadata(value, {})).toEqual(value);
        deepMergeMetadata({}, value);
        expect(value).toEqual(copy);
      }),
    );
  });
});
