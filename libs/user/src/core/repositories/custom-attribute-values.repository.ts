import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import { User } from '../entities/user.entity.js';
import { isPostgres } from '../sql/sql-dialect-of.js';
import type { AttributeDefinitionChanges } from './attribute-definitions.repository.js';

function run(
  em: EntityManager,
  sql: string,
  params: unknown[],
  method: 'all' | 'run' = 'all',
): Promise<unknown> {
  return em
    .getConnection()
    .execute(sql, params as never[], method, em.getTransactionContext()) as Promise<unknown>;
}

async function ids(em: EntityManager, sql: string, params: unknown[]): Promise<string[]> {
  const rows = (await run(em, sql, params)) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/** The JSON path of a top-level key in SQLite (names are letters, digits and `_` only). */
function sqlitePath(name: string): string {
  return `$."${name}"`;
}

/**
 * Schema changes that touch every user's custom attribute values (a rename moves them, turning a
 * rule `required` on fills them), written in ONE transaction with the definition row: either the
 * definition and all the values change, or nothing does. The definition row is locked first, as
 * the writers of values do (AttributeDefinitionsRepository.findAllLocked), so no write of a value
 * checked against the old definition can land after the change.
 */
@Injectable()
export class CustomAttributeValuesRepository {
  constructor(private readonly em: EntityManager) {}

  private get users(): string {
    return this.em.getMetadata().get(User).tableName;
  }

  private get definitions(): string {
    return this.em.getMetadata().get(AttributeDefinition).tableName;
  }

  /** `work` in one transaction, the definition row (null: none) locked against writers. */
  transaction<T>(
    key: string,
    work: (em: EntityManager, row: AttributeDefinition | null) => Promise<T>,
  ): Promise<T> {
    return this.em.transactional(async (em) => {
      if (isPostgres(em))
        await run(em, `select "key" from "${this.definitions}" where "key" = ? for update`, [key]);
      // SQLite: a write takes the database lock now, before the read.
      else
        await run(
          em,
          `update "${this.definitions}" set "key" = "key" where "key" = ?`,
          [key],
          'run',
        );
      const row = await em.findOne(AttributeDefinition, { key }, { refresh: true });
      return work(em, row);
    });
  }

  /** Users holding a value under `name` (a value no definition covers, on a rename's target). */
  async countHolding(em: EntityManager, name: string): Promise<number> {
    return this.count(em, name, 'is not null');
  }

  /** Users without a value for `name`. */
  async countLacking(em: EntityManager, name: string): Promise<number> {
    return this.count(em, name, 'is null');
  }

  private async count(em: EntityManager, name: string, test: string): Promise<number> {
    const [row] = (await run(
      em,
      isPostgres(em)
        ? `select count(*) as "n" from "${this.users}" where ("custom_attributes" -> cast(? as text)) ${test}`
        : `select count(*) as "n" from "${this.users}" where json_type("custom_attributes", ?) ${test}`,
      [isPostgres(em) ? name : sqlitePath(name)],
    )) as Array<{ n: number | string }>;
    return Number(row?.n ?? 0);
  }

  /** Moves every user's value from `from` to `to`; the ids of the users changed. */
  move(em: EntityManager, from: string, to: string): Promise<string[]> {
    const at = em.getPlatform().processDateProperty(new Date());
    if (isPostgres(em))
      return ids(
        em,
        `update "${this.users}" set "custom_attributes" = ("custom_attributes" - cast(? as text)) ` +
          `|| jsonb_build_object(cast(? as text), "custom_attributes" -> cast(? as text)), "updated_at" = ? ` +
          `where ("custom_attributes" -> cast(? as text)) is not null returning "id"`,
        [from, to, from, at, from],
      );
    return ids(
      em,
      `update "${this.users}" set "custom_attributes" = ` +
        `json_set(json_remove("custom_attributes", ?), ?, "custom_attributes" -> ?), "updated_at" = ? ` +
        `where json_type("custom_attributes", ?) is not null returning "id"`,
      [sqlitePath(from), sqlitePath(to), sqlitePath(from), at, sqlitePath(from)],
    );
  }

  /** Gives `value` to every user without a value for `name`; the ids of the users changed. */
  fill(em: EntityManager, name: string, value: unknown): Promise<string[]> {
    const at = em.getPlatform().processDateProperty(new Date());
    const json = JSON.stringify(value);
    if (isPostgres(em))
      return ids(
        em,
        `update "${this.users}" set "custom_attributes" = "custom_attributes" || ` +
          `jsonb_build_object(cast(? as text), cast(? as jsonb)), "updated_at" = ? ` +
          `where ("custom_attributes" -> cast(? as text)) is null returning "id"`,
        [name, json, at, name],
      );
    return ids(
      em,
      `update "${this.users}" set "custom_attributes" = json_set("custom_attributes", ?, json(?)), ` +
        `"updated_at" = ? where json_type("custom_attributes", ?) is null returning "id"`,
      [sqlitePath(name), json, at, sqlitePath(name)],
    );
  }

  /**
   * The definition under its new name (its key too), the old name added to `previousNames`;
   * false when the new name is taken (the primary key decides, also against a concurrent create).
   */
  async rename(
    em: EntityManager,
    row: AttributeDefinition,
    to: { key: string; name: string },
    changes: AttributeDefinitionChanges & { label?: string | null },
  ): Promise<boolean> {
    try {
      await em.nativeUpdate(
        AttributeDefinition,
        { key: row.key },
        {
          ...changes,
          key: to.key,
          name: to.name,
          previousNames: [...row.previousNames.filter((name) => name !== to.name), row.name],
          updatedAt: new Date(),
        },
      );
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }
}
