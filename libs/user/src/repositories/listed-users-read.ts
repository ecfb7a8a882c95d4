import type { Collection, EntityManager, EntityName } from '@mikro-orm/core';
import { EmailAddress } from '../entities/email-address.entity.js';
import { ExternalAccount } from '../entities/external-account.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import { Role } from '../entities/role.entity.js';
import { User } from '../entities/user.entity.js';
import { PreparedRead } from './prepared-read.js';
import { isPostgres } from './sql-dialect-of.js';

type Row = Record<string, unknown>;

/** The one-to-many collections of a full user, by property, each oldest first. */
const ONE_TO_MANY = {
  emailAddresses: EmailAddress,
  phoneNumbers: PhoneNumber,
  externalAccounts: ExternalAccount,
} as const;

/** The column names an entity maps (scalars and to-one keys). */
function columnsOf(em: EntityManager, entity: EntityName<object>): string[] {
  return em
    .getMetadata()
    .get(entity)
    .props.filter((prop) => prop.fieldNames?.length === 1 && prop.persist !== false)
    .filter((prop) => prop.kind === 'scalar' || prop.kind === 'm:1' || prop.kind === '1:1')
    .map((prop) => prop.fieldNames[0]);
}

/**
 * A page of full users (emails, phones, external accounts, roles) in ONE prepared statement: the
 * users' rows, and each collection as a JSON array built by the database (a correlated aggregate
 * per user, ordered as the collections declare, then by id). Through the ORM a page took a user
 * select plus one per collection, each built, planned and hydrated by MikroORM (~1 ms of app CPU
 * each). Every object carries the columns by name, so `em.map` converts them exactly as for the
 * ORM's own rows: PostgreSQL's JSON gives ISO timestamps (the ORM parses those too) and
 * true/false, SQLite's JSON the stored epoch milliseconds and 0/1.
 */
export class ListedUsersRead {
  private read: PreparedRead | undefined;
  private postgres = false;

  async load(em: EntityManager, ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const read = this.statement(em);
    const rows = await read.all(em, [JSON.stringify(ids)]);
    const users = new Map<string, User>();
    for (const row of rows) {
      const { __emailAddresses, __phoneNumbers, __externalAccounts, __roles, ...columns } = row;
      const user = em.map(User, columns);
      const lists = {
        emailAddresses: __emailAddresses,
        phoneNumbers: __phoneNumbers,
        externalAccounts: __externalAccounts,
      };
      for (const [name, entity] of Object.entries(ONE_TO_MANY) as Array<
        [keyof typeof ONE_TO_MANY, EntityName<object>]
      >) {
        const items = this.parse(lists[name]).map((item) => em.map(entity, item));
        (user[name] as Collection<object>).hydrate(items);
      }
      user.roles.hydrate(this.parse(__roles).map((item) => em.map(Role, item)));
      users.set(user.id, user);
    }
    return ids.flatMap((id) => users.get(id) ?? []);
  }

  /** pg parses `json` values itself; SQLite hands over the text. */
  private parse(value: unknown): Row[] {
    if (typeof value === 'string') return JSON.parse(value) as Row[];
    return (value as Row[] | null) ?? [];
  }

  private statement(em: EntityManager): PreparedRead {
    if (this.read) return this.read;
    this.postgres = isPostgres(em);
    const metadata = em.getMetadata();
    const table = (entity: EntityName<object>) => `"${metadata.get(entity).tableName}"`;
    const object = (entity: EntityName<object>, alias: string) => {
      const pairs = columnsOf(em, entity).map((column) => `'${column}', ${alias}."${column}"`);
      return `${this.postgres ? 'json_build_object' : 'json_object'}(${pairs.join(', ')})`;
    };
    // The ORM's collection order (creation time), then id so that ties come out the same each time.
    const array = (item: string, order: string) =>
      this.postgres
        ? `coalesce(json_agg(${item} order by ${order}), cast('[]' as json))`
        : `json_group_array(${item} order by ${order})`;
    const collections = Object.entries(ONE_TO_MANY).map(
      ([name, entity]) =>
        `(select ${array(object(entity, 'c'), 'c."created_at", c."id"')} from ${table(entity)} c ` +
        `where c."user_id" = u."id") as "__${name}"`,
    );
    const pivot = `"${metadata.get(User).properties.roles.pivotTable}"`;
    const roles =
      `(select ${array(object(Role, 'r'), 'r."name"')} from ${pivot} ur ` +
      `join ${table(Role)} r on r."name" = ur."role_name" where ur."user_id" = u."id") as "__roles"`;
    const userColumns = columnsOf(em, User).map((column) => `u."${column}"`);
    // The ids as one JSON array parameter: the same text on both databases, and any page size.
    const ids = this.postgres
      ? 'select json_array_elements_text(cast(? as json))'
      : 'select value from json_each(?)';
    this.read = new PreparedRead(
      'userkit_listed_users_v1',
      `select ${[...userColumns, ...collections, roles].join(', ')} from ${table(User)} u ` +
        `where u."id" in (${ids})`,
    );
    return this.read;
  }
}
