import { lookupTerm } from './trigram-frequencies.js';

/** Shares as in a table where every address starts with `member` and ends with the domain. */
const shares: Record<string, number> = {
  mem: 1,
  emb: 1,
  mbe: 1,
  ber: 1,
  er1: 0.11,
  r12: 0.012,
  '123': 0.005,
  '234': 0.005,
  '345': 0.005,
  '456': 0.005,
};
const share = (trigram: string) => shares[trigram] ?? 0;

describe('lookupTerm: the part of a search term looked up in a trigram index', () => {
  it('keeps the longest stretch of rare trigrams when the term holds a frequent one', () => {
    expect(lookupTerm('member123456', share)).toBe('r123456');
  });

  it('looks up the whole term when none of its trigrams is frequent', () => {
    expect(lookupTerm('123456', share)).toBeUndefined();
    expect(lookupTerm('ada', () => 0)).toBeUndefined();
  });

  it('looks up the whole term when no two neighbouring trigrams are rare', () => {
    expect(lookupTerm('member1', share)).toBeUndefined();
    expect(lookupTerm('memberx', (trigram) => (trigram === 'erx' ? 0 : 1))).toBeUndefined();
  });

  it('stays inside words (pg_trgm makes no trigram across a space or a dot)', () => {
    const wordShare = (trigram: string) =>
      ['gma', 'mai', 'ail', 'com'].includes(trigram) ? 0.9 : 0;
    expect(lookupTerm('ada.lovelace@gmail.com', wordShare)).toBe('lovelace');
    expect(lookupTerm('a b c', wordShare)).toBeUndefined();
  });
});
