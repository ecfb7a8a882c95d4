import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { ListedUsersRead } from './listed-users-read.js';
import { isPostgres } from '../sql/sql-dialect-of.js';
import { TrigramFrequencies, type SearchColumn } from './trigram-frequencies.js';

export interface UserSearchCriteria {
  query?: string;
  role?: string;
  limit: number;
  /** Legacy keyset position of the default sort (creation time ascending). */
  after?: { createdAt: Date; id: string };
  verified?: boolean;
  anonymous?: boolean;
  banned?: boolean;
  createdAfter?: Date;
  createdBefore?: Date;
  /** Equality on a searchable custom attribute; the name is a checked attribute name. */
  attribute?: { name: string; value: string };
  sort?: { field: 'createdAt' | 'email'; order: 'asc' | 'desc' };
  /** Keyset position under `sort`: the last row's key (ISO time or normalized email) and id. */
  afterKey?: { key: string; id: string };
}

export interface UserSearchHit {
  id: string;
  createdAt: Date;
  /** The primary email, normalized ('' for none): the key of the email sort. */
  email: string;
}

/** `%`, `_` and the escape character itself are searched literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Admin search: ids in a stable order (creation time or primary email, then id) with keyset
 * pagination — no OFFSET, so the 100th page costs what the first does. On PostgreSQL the trigram
 * indexes of migration 20261125100000 serve prefix and contains matches on emails and names.
 * Every value is a bound parameter; the SQL text holds only fixed fragments.
 */
@Injectable()
export class UserSearchRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly listed = new ListedUsersRead();
  private readonly trigrams = new TrigramFrequencies();

  /** Full users (emails, phones, external accounts, roles) for these ids, in the order of the ids. */
  findFullByIds(ids: string[]): Promise<User[]> {
    return this.listed.load(this.em, ids);
  }

  async search(criteria: UserSearchCriteria): Promise<UserSearchHit[]> {
    const postgres = isPostgres(this.em);
    const like = postgres ? 'ilike' : 'like';
    const time = (date: Date) => (postgres ? date : date.getTime());
    const conditions: string[] = [];
    const params: unknown[] = [];
    const query = criteria.query?.trim();
    if (query) {
      const term = query.toLowerCase();
      const pattern = `%${escapeLike(term)}%`;
      const lookups = postgres ? await this.trigrams.lookupTerms(this.em, term) : {};
      // A column whose term holds a trigram most rows have: a rare part of the term is looked up
      // in the trigram index, and the whole term checked on the rows found (`|| ''` keeps that
      // check out of the index lookup). The same rows match either way.
      const matches = (column: string, key: SearchColumn, operator: string) => {
        const lookup = lookups[key];
        if (lookup === undefined) {
          params.push(pattern);
          return `${column} ${operator} ? escape '\\'`;
        }
        params.push(`%${escapeLike(lookup)}%`, pattern);
        return `(${column} ${operator} ? escape '\\' and (${column} || '') ${operator} ? escape '\\')`;
      };
      const email = matches(
        'e.normalized_email',
        'userkit_email_addresses.normalized_email',
        'like',
      );
      const names = [
        matches('n.display_name', 'userkit_users.display_name', like),
        matches('n.first_name', 'userkit_users.first_name', like),
        matches('n.last_name', 'userkit_users.last_name', like),
        // Stored lower-cased, as the term is.
        matches('n.username', 'userkit_users.username', 'like'),
      ];
      conditions.push(
        `u.id in (
          select e.user_id from userkit_email_addresses e where ${email}
          union
          select n.id from userkit_users n
          where ${names.join(' or ')} or n.id = ?
        )`,
      );
      params.push(query);
    }
    if (criteria.role) {
      conditions.push(
        'exists (select 1 from userkit_user_roles r where r.user_id = u.id and r.role_name = ?)',
      );
      params.push(criteria.role);
    }
    if (criteria.verified !== undefined) {
      const verified = `(exists (select 1 from userkit_email_addresses v where v.user_id = u.id and v.verified)
        or exists (select 1 from userkit_phone_numbers p where p.user_id = u.id and p.verified))`;
      conditions.push(criteria.verified ? verified : `not ${verified}`);
    }
    if (criteria.anonymous !== undefined)
      conditions.push(criteria.anonymous ? 'u.is_anonymous' : 'not u.is_anonymous');
    if (criteria.banned !== undefined) {
      // Banned now: a ban whose end passed no longer counts (isBannedAt).
      const bannedNow = '(u.banned and (u.banned_until is null or u.banned_until > ?))';
      conditions.push(criteria.banned ? bannedNow : `not ${bannedNow}`);
      params.push(time(new Date()));
    }
    if (criteria.createdAfter) {
      conditions.push('u.created_at > ?');
      params.push(time(criteria.createdAfter));
    }
    if (criteria.createdBefore) {
      conditions.push('u.created_at < ?');
      params.push(time(criteria.createdBefore));
    }
    if (criteria.attribute) {
      conditions.push(
        postgres
          ? 'u.custom_attributes ->> cast(? as text) = ?'
          : 'cast(json_extract(u.custom_attributes, ?) as text) = ?',
      );
      params.push(postgres ? criteria.attribute.name : `$.${criteria.attribute.name}`);
      params.push(criteria.attribute.value);
    }

    const field = criteria.sort?.field ?? 'createdAt';
    const descending = criteria.sort?.order === 'desc';
    const direction = descending ? 'desc' : 'asc';
    const beyond = descending ? '<' : '>';
    const sortKey = field === 'email' ? "coalesce(pe.normalized_email, '')" : 'u.created_at';
    const after =
      criteria.afterKey ??
      (criteria.after
        ? { key: criteria.after.createdAt.toISOString(), id: criteria.after.id }
        : undefined);
    if (after) {
      const key = field === 'email' ? after.key : time(new Date(after.key));
      conditions.push(`(${sortKey} ${beyond} ? or (${sortKey} = ? and u.id ${beyond} ?))`);
      params.push(key, key, after.id);
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const rows = (await this.em.getConnection().execute(
      `select u.id, u.created_at, coalesce(pe.normalized_email, '') as sort_email
         from userkit_users u
         left join userkit_email_addresses pe on pe.user_id = u.id and pe."primary"
         ${where}
         order by ${sortKey} ${direction}, u.id ${direction} limit ?`,
      [...params, criteria.limit],
    )) as Array<{ id: string; created_at: Date | number | string; sort_email: string }>;
    return rows.map((row) => ({
      id: row.id,
      createdAt: new Date(row.created_at),
      email: row.sort_email,
    }));
  }
}
