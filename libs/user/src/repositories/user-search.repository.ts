import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isPostgres } from './sql-dialect-of.js';

export interface UserSearchCriteria {
  query?: string;
  role?: string;
  limit: number;
  after?: { createdAt: Date; id: string };
}

export interface UserSearchHit {
  id: string;
  createdAt: Date;
}

/** `%`, `_` and the escape character itself are searched literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Admin search: ids in a stable order (creation time, then id) with keyset pagination — no OFFSET,
 * so the 100th page costs what the first does. On PostgreSQL the trigram indexes of migration
 * 20261125100000 serve prefix and contains matches on emails and names.
 */
@Injectable()
export class UserSearchRepository {
  constructor(private readonly em: EntityManager) {}

  async search(criteria: UserSearchCriteria): Promise<UserSearchHit[]> {
    const postgres = isPostgres(this.em);
    const like = postgres ? 'ilike' : 'like';
    const conditions: string[] = [];
    const params: unknown[] = [];
    const query = criteria.query?.trim();
    if (query) {
      const pattern = `%${escapeLike(query.toLowerCase())}%`;
      conditions.push(
        `u.id in (
          select e.user_id from userkit_email_addresses e where e.normalized_email like ? escape '\\'
          union
          select n.id from userkit_users n
          where n.display_name ${like} ? escape '\\' or n.first_name ${like} ? escape '\\'
             or n.last_name ${like} ? escape '\\' or n.id = ?
        )`,
      );
      params.push(pattern, pattern, pattern, pattern, query);
    }
    if (criteria.role) {
      conditions.push(
        'exists (select 1 from userkit_user_roles r where r.user_id = u.id and r.role_name = ?)',
      );
      params.push(criteria.role);
    }
    if (criteria.after) {
      const at = postgres ? criteria.after.createdAt : criteria.after.createdAt.getTime();
      conditions.push('(u.created_at > ? or (u.created_at = ? and u.id > ?))');
      params.push(at, at, criteria.after.id);
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const rows = (await this.em
      .getConnection()
      .execute(
        `select u.id, u.created_at from userkit_users u ${where} order by u.created_at asc, u.id asc limit ?`,
        [...params, criteria.limit],
      )) as Array<{ id: string; created_at: Date | number | string }>;
    return rows.map((row) => ({ id: row.id, createdAt: new Date(row.created_at) }));
  }
}
