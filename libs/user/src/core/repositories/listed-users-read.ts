import type { EntityManager } from '@mikro-orm/core';
import { Role } from '../entities/role.entity.js';
import { User } from '../entities/user.entity.js';
import { jsonRowsSubselect, parseJsonRows } from '../sql/json-rows.js';
import { PreparedRead, entityColumns } from '../sql/prepared-read.js';
import { isPostgres } from '../sql/sql-dialect-of.js';
import {
  hydrateUserCollections,
  userCollectionsSelect,
  withoutUserCollections,
} from './user-collections.js';

/**
 * A page of full users (emails, phones, external accounts, roles) in ONE prepared statement: the
 * users' rows, and each collection as a JSON array built by the database (json-rows.ts, a
 * correlated aggregate per user). Through the ORM a page took a user select plus one per
 * collection, each built, planned and hydrated by MikroORM (~1 ms of app CPU each).
 */
export class ListedUsersRead {
  private read: PreparedRead | undefined;

  /** Full users for these ids, in the order of the ids. */
  async load(em: EntityManager, ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows = await this.statement(em).all(em, [JSON.stringify(ids)]);
    const users = new Map<string, User>();
    for (const row of rows) {
      const { listedRoles, ...columns } = row;
      const user = em.map(User, withoutUserCollections(columns));
      hydrateUserCollections(em, user, row);
      user.roles.hydrate(parseJsonRows(listedRoles).map((item) => em.map(Role, item)));
      users.set(user.id, user);
    }
    return ids.flatMap((id) => users.get(id) ?? []);
  }

  private statement(em: EntityManager): PreparedRead {
    if (this.read) return this.read;
    const pivot = em.getMetadata().get(User).properties.roles.pivotTable;
    const roles = jsonRowsSubselect(
      em,
      Role,
      `t."name" in (select ur."role_name" from "${pivot}" ur where ur."user_id" = u."id")`,
      ['name'],
    );
    // The ids as one JSON array parameter: the same text on both databases, and any page size.
    const ids = isPostgres(em)
      ? 'select json_array_elements_text(cast(? as json))'
      : 'select value from json_each(?)';
    const userColumns = entityColumns(em, User).map((column) => `u.${column}`);
    this.read = new PreparedRead(
      'userkit_listed_users_v2',
      `select ${userColumns.join(', ')}, ${userCollectionsSelect(em, 'u."id"')}, ` +
        `${roles} as "listedRoles" from "${em.getMetadata().get(User).tableName}" u ` +
        `where u."id" in (${ids})`,
    );
    return this.read;
  }
}
