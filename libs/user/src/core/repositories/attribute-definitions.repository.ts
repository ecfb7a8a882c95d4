import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import type { AttributeAccess } from '../options/attribute-access.js';
import { PreparedRead, entityColumns } from '../sql/prepared-read.js';

export type AttributeDefinitionRecord = Omit<AttributeDefinition, 'createdAt' | 'updatedAt'>;

export type AttributeDefinitionChanges = Partial<
  Pick<
    AttributeDefinition,
    | 'kind'
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
  async insert(record: AttributeDefinitionRecord): Promise<boolean> {
    try {
      const now = new Date();
      await this.em.insert(AttributeDefinition, { ...record, createdAt: now, updatedAt: now });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  async update(key: string, changes: AttributeDefinitionChanges): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      AttributeDefinition,
      { key },
      { ...changes, updatedAt: new Date() },
    );
    return changed === 1;
  }

  /** A standard attribute's access as an admin set it, over the module options. */
  async saveStandardAccess(name: string, access: AttributeAccess): Promise<void> {
    const key = definitionKey('standard', name);
    const columns = {
      accessAdmin: access.admin,
      accessBearer: access.bearer,
      accessEndUser: access.endUser,
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
