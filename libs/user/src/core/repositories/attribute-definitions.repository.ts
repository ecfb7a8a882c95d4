import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import type { AttributeAccess } from '../options/attribute-access.js';
import { PreparedRead, entityColumns } from '../sql/prepared-read.js';
import { isPostgres } from '../sql/sql-dialect-of.js';

export type AttributeDefinitionRecord = Omit<
  AttributeDefinition,
  'createdAt' | 'updatedAt' | 'label' | 'previousNames'
> &
  Partial<Pick<AttributeDefinition, 'label' | 'previousNames'>>;

export type AttributeDefinitionChanges = Partial<
  Pick<
    AttributeDefinition,
    | 'kind'
    | 'label'
    | 'validation'
    | 'accessAdmin'
    | 'accessBearer'
    | 'accessEndUser'
    | 'displayOrder'
    | 'searchable'
    | 'obsolete'
  >
>;

export function definitionKey(kind: 'custom' | 'standard', name: string): string {
  return `${kind}:${name}`;
}

/** The profile schema rows; read fresh on each use, so every instance sees an admin's change. */
@Injectable()
export class AttributeDefinitionsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every definition, read fresh; a statement prepared once (GET /me reads the schema each time). */
  async findAll(): Promise<AttributeDefinition[]> {
    this.allRead ??= new PreparedRead(
      'userkit_attribute_definitions_v1',
      `select ${entityColumns(this.em, AttributeDefinition).join(', ')} ` +
        `from "${this.em.getMetadata().get(AttributeDefinition).tableName}" ` +
        `order by "display_order" asc, "name" asc`,
    );
    const rows = await this.allRead.all(this.em, []);
    return rows.map((row) => this.em.map(AttributeDefinition, row));
  }

  private allRead: PreparedRead | undefined;

  findOne(kind: 'custom' | 'standard', name: string): Promise<AttributeDefinition | null> {
    return this.em.findOne(
      AttributeDefinition,
      { key: definitionKey(kind, name) },
      { refresh: true },
    );
  }

  /** false when the name is taken: the primary key decides, not a read before the write. */
  async insert(record: AttributeDefinitionRecord, em: EntityManager = this.em): Promise<boolean> {
    try {
      const now = new Date();
      await em.insert(AttributeDefinition, { ...record, createdAt: now, updatedAt: now });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  async update(
    key: string,
    changes: AttributeDefinitionChanges,
    em: EntityManager = this.em,
  ): Promise<boolean> {
    const changed = await em.nativeUpdate(
      AttributeDefinition,
      { key },
      { ...changes, updatedAt: new Date() },
    );
    return changed === 1;
  }

  /** A standard attribute's access and label as an admin set them, over the module options. */
  async saveStandard(name: string, access: AttributeAccess, label: string | null): Promise<void> {
    const key = definitionKey('standard', name);
    const columns = {
      accessAdmin: access.admin,
      accessBearer: access.bearer,
      accessEndUser: access.endUser,
      label,
    };
    if (await this.update(key, columns)) return;
    const inserted = await this.insert({
      key,
      kind: 'standard',
      name,
      type: null,
      validation: {},
      displayOrder: 0,
      searchable: false,
      obsolete: false,
      ...columns,
    });
    // Another admin created the row at the same moment: ours is the later write.
    if (!inserted) await this.update(key, columns);
  }
}

/**
 * Every definition, read inside the caller's transaction before it locks or writes a user, the
 * custom attributes it writes (`names`) share-locked first on PostgreSQL: a rename or a new rule
 * of one of them (which locks its row for update) waits for this write, and a write that comes
 * after waits for them and reads their result. Writes of other attributes never wait. SQLite runs
 * one transaction at a time on its one connection.
 */
export async function readDefinitionsLocked(
  em: EntityManager,
  names: readonly string[],
): Promise<AttributeDefinition[]> {
  const table = em.getMetadata().get(AttributeDefinition).tableName;
  const connection = em.getConnection();
  const transaction = em.getTransactionContext();
  if (isPostgres(em) && names.length > 0)
    await connection.execute(
      `select "key" from "${table}" where "key" in (${names.map(() => '?').join(', ')}) for share`,
      names.map((name) => definitionKey('custom', name)),
      'all',
      transaction,
    );
  const columns = entityColumns(em, AttributeDefinition).join(', ');
  const rows = (await connection.execute(
    `select ${columns} from "${table}" order by "display_order" asc, "name" asc`,
    [],
    'all',
    transaction,
  )) as Array<Record<string, unknown>>;
  return rows.map((row) => em.map(AttributeDefinition, row));
}
