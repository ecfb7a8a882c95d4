import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import { UserModuleOptionsError } from '../options/resolve-options.js';
import type { ResolvedUserField } from '../options/resolve-field-options.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import {
  AttributeDefinitionsRepository,
  definitionKey,
  type AttributeDefinitionChanges,
} from '../repositories/attribute-definitions.repository.js';
import { USER_OPTIONS } from '../tokens.js';

function columnsOf(field: ResolvedUserField): Required<AttributeDefinitionChanges> {
  return {
    kind: 'declared',
    label: field.label,
    validation: field.validation,
    accessAdmin: field.access.admin,
    accessBearer: field.access.bearer,
    accessEndUser: field.access.endUser,
    displayOrder: field.order,
    searchable: field.searchable,
    obsolete: false,
  };
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives them back in an order of its own. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([left], [right]) => (left < right ? -1 : 1)))
      : inner,
  );
}

function sameColumns(row: AttributeDefinition, columns: AttributeDefinitionChanges): boolean {
  return Object.entries(columns).every(
    ([key, value]) => canonical(row[key as keyof AttributeDefinition]) === canonical(value),
  );
}

/**
 * Makes the schema match the fields the host declares in code, at every start (run by
 * StartupDeclarationsService, in an ORM context, after the host's migrations): a new field
 * becomes a custom attribute of kind `declared`, a changed one is updated, one left out of the
 * code goes back to the admins as an obsolete custom attribute (its values stay on the users).
 */
@Injectable()
export class DeclaredFieldsService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly definitions: AttributeDefinitionsRepository,
  ) {}

  /** Refuses (UserModuleOptionsError) a field whose type differs from the schema's, before any write. */
  async declare(): Promise<void> {
    const rows = new Map(
      (await this.definitions.findAll())
        .filter((row) => row.kind !== 'standard')
        .map((row) => [row.name, row]),
    );
    const conflicts = this.options.fields.flatMap((field) => {
      const row = rows.get(field.name);
      return row && row.type !== field.type
        ? [
            `fields.${field.name} is declared as ${field.type}, but the profile schema already has ${field.name} as ${row.type}: ` +
              'an attribute never changes its type (its stored values were checked against it); declare the field under a new name',
          ]
        : [];
    });
    if (conflicts.length > 0) throw new UserModuleOptionsError(conflicts);

    for (const field of this.options.fields) {
      const columns = columnsOf(field);
      const row = rows.get(field.name);
      if (row && sameColumns(row, columns)) continue;
      if (row?.kind === 'custom')
        this.logger.warn(
          `The custom attribute ${field.name} is now the field declared in code: the admin API can no longer change it`,
        );
      if (!row) {
        const inserted = await this.definitions.insert({
          key: definitionKey('custom', field.name),
          name: field.name,
          type: field.type,
          ...columns,
        });
        // Another instance declared it at the same moment: ours is the later write.
        if (inserted) continue;
      }
      await this.definitions.update(definitionKey('custom', field.name), columns);
    }

    const declaredNames = new Set(this.options.fields.map((field) => field.name));
    for (const row of rows.values()) {
      if (row.kind !== 'declared' || declaredNames.has(row.name)) continue;
      await this.definitions.update(row.key, { kind: 'custom', obsolete: true });
      this.logger.warn(
        `The field ${row.name} is no longer declared in code: it is now an obsolete custom attribute (its values stay; admins may reopen it)`,
      );
    }
  }
}
