import type { EntityManager } from '@mikro-orm/core';

/** The searched text columns, as `table.column`. */
export type SearchColumn =
  | 'userkit_email_addresses.normalized_email'
  | 'userkit_users.display_name'
  | 'userkit_users.first_name'
  | 'userkit_users.last_name'
  | 'userkit_users.username';

const SEARCH_COLUMNS: SearchColumn[] = [
  'userkit_email_addresses.normalized_email',
  'userkit_users.display_name',
  'userkit_users.first_name',
  'userkit_users.last_name',
  'userkit_users.username',
];

/** A trigram in at least this share of a column's values makes the whole lookup slow. */
const FREQUENT = 0.3;
/** A trigram in at most this share of the values is worth looking up. */
const RARE = 0.05;
/** Statistics change slowly (autovacuum's ANALYZE); an empty answer is asked again sooner. */
const KEEP_MS = 5 * 60_000;
const KEEP_EMPTY_MS = 30_000;

/** A column's values as PostgreSQL's statistics sample them: common values with their share, the rest. */
interface ColumnSample {
  common: Array<{ value: string; share: number }>;
  /** Histogram bounds: an even sample of the values that are not common. */
  others: string[];
  /** The share of the rows the histogram stands for. */
  othersShare: number;
}

/** Runs of letters and digits: pg_trgm makes its trigrams inside such words only. */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function trigramsOf(word: string): string[] {
  const trigrams: string[] = [];
  for (let at = 0; at + 3 <= word.length; at += 1) trigrams.push(word.slice(at, at + 3));
  return trigrams;
}

/**
 * The part of a (lower-cased) search term to look up in a trigram index, when the whole term
 * would be slow: a GIN lookup reads the posting list of every trigram of the pattern, and a
 * trigram found in most rows (every address starting with `member`, every name with `Family`)
 * costs a read of nearly the whole index, even when the term matches one row. Then the longest
 * stretch of the term made only of rare trigrams is looked up instead, and the whole term is
 * checked on the rows found: the same rows match, only the work differs. Undefined: look up the
 * whole term.
 */
export function lookupTerm(term: string, share: (trigram: string) => number): string | undefined {
  const runs = words(term).filter((word) => word.length >= 3);
  if (!runs.some((word) => trigramsOf(word).some((trigram) => share(trigram) >= FREQUENT)))
    return undefined;
  let best: string | undefined;
  for (const word of runs) {
    const rare = trigramsOf(word).map((trigram) => share(trigram) <= RARE);
    for (let start = 0; start < rare.length; start += 1) {
      if (!rare[start]) continue;
      let end = start;
      while (end + 1 < rare.length && rare[end + 1]) end += 1;
      // Two trigrams at least: one alone rarely narrows the rows enough.
      const stretch = word.slice(start, end + 3);
      if (end > start && (!best || stretch.length > best.length)) best = stretch;
      start = end;
    }
  }
  return best;
}

/**
 * How common each trigram is in the searched columns, guessed from PostgreSQL's own statistics
 * (pg_stats: the most common values and the histogram, a sample of about a hundred values per
 * column, refreshed by ANALYZE). Read at most every few minutes per process; a wrong guess only
 * costs time, never changes which rows match. Without statistics (never analysed, no access)
 * nothing is guessed and whole terms are looked up.
 */
export class TrigramFrequencies {
  private samples: { at: number; keepMs: number; byColumn: Map<string, ColumnSample> } | undefined;
  private loading: Promise<Map<string, ColumnSample>> | undefined;

  /** The part of `term` to look up in the column's trigram index (undefined: all of it). */
  async lookupTerms(
    em: EntityManager,
    term: string,
  ): Promise<Partial<Record<SearchColumn, string>>> {
    const byColumn = await this.load(em);
    const terms: Partial<Record<SearchColumn, string>> = {};
    for (const column of SEARCH_COLUMNS) {
      const sample = byColumn.get(column);
      if (!sample) continue;
      const lookup = lookupTerm(term, (trigram) => shareOf(sample, trigram));
      if (lookup !== undefined) terms[column] = lookup;
    }
    return terms;
  }

  private async load(em: EntityManager): Promise<Map<string, ColumnSample>> {
    if (this.samples && Date.now() - this.samples.at < this.samples.keepMs)
      return this.samples.byColumn;
    this.loading ??= this.read(em)
      .catch(() => new Map<string, ColumnSample>())
      .then((byColumn) => {
        this.samples = {
          at: Date.now(),
          keepMs: byColumn.size > 0 ? KEEP_MS : KEEP_EMPTY_MS,
          byColumn,
        };
        return byColumn;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private async read(em: EntityManager): Promise<Map<string, ColumnSample>> {
    const rows = (await em.getConnection().execute(
      `select tablename, attname, null_frac,
              cast(cast(most_common_vals as text) as text[]) as common,
              most_common_freqs as common_shares,
              cast(cast(histogram_bounds as text) as text[]) as others
         from pg_stats
        where schemaname = current_schema()
          and tablename || '.' || attname in (${SEARCH_COLUMNS.map(() => '?').join(', ')})`,
      SEARCH_COLUMNS,
    )) as Array<{
      tablename: string;
      attname: string;
      null_frac: number;
      common: string[] | null;
      common_shares: number[] | null;
      others: string[] | null;
    }>;
    const byColumn = new Map<string, ColumnSample>();
    for (const row of rows) {
      const common = (row.common ?? []).map((value, index) => ({
        value: value.toLowerCase(),
        share: Number(row.common_shares?.[index] ?? 0),
      }));
      const commonShare = common.reduce((sum, entry) => sum + entry.share, 0);
      byColumn.set(`${row.tablename}.${row.attname}`, {
        common,
        others: (row.others ?? []).map((value) => value.toLowerCase()),
        othersShare: Math.max(0, 1 - commonShare - Number(row.null_frac ?? 0)),
      });
    }
    return byColumn;
  }
}

/** The share of the column's rows whose value contains the trigram, by the sample. */
function shareOf(sample: ColumnSample, trigram: string): number {
  let share = 0;
  for (const entry of sample.common) if (entry.value.includes(trigram)) share += entry.share;
  if (sample.others.length > 0) {
    const found = sample.others.filter((value) => value.includes(trigram)).length;
    share += (found / sample.others.length) * sample.othersShare;
  }
  return share;
}
