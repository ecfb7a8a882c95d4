import { Injectable } from '@nestjs/common';
import type { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import type { JsonObject, User } from '../entities/user.entity.js';
import type { NewUserRecord } from '../repositories/users.repository.js';
import type { LockedUserChanges } from '../repositories/locked-user-update.repository.js';
import { UserUpdateService } from './user-update.service.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { AttributeParty } from '../options/attribute-access.js';
import {
  isStandardAttributeName,
  STANDARD_ATTRIBUTE_COLUMNS,
  STANDARD_ATTRIBUTE_NAMES,
  type StandardAttributeName,
} from '../options/standard-attributes.js';
import { checkCustomValue, checkStandardValue } from '../validation/attribute-values.js';
import {
  canRead,
  canWrite,
  customAccess,
  requiredFor,
  type AttributeSchema,
  type CustomAttributeDefinition,
} from './attribute-schema.js';
import { AttributeSchemaService } from './attribute-schema.service.js';

/** Attribute writes of one request; the API.md names of the name and picture columns included. */
export interface AttributeWrites {
  standardAttributes?: Record<string, unknown>;
  customAttributes?: Record<string, unknown>;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
}

/** The attributes one party may see. */
export interface AttributeView {
  standardAttributes: Record<string, unknown>;
  customAttributes: Record<string, unknown>;
}

/** The user fields to store and the names of what really changed (for `user.updated`). */
export interface PreparedAttributeChanges {
  fields: Partial<Pick<User, 'displayName' | 'firstName' | 'lastName' | 'picture'>> & {
    standardAttributes?: JsonObject;
    customAttributes?: JsonObject;
  };
  changed: string[];
}

type ColumnName = (typeof STANDARD_ATTRIBUTE_COLUMNS)[keyof typeof STANDARD_ATTRIBUTE_COLUMNS];

const LEGACY_FIELDS: Array<[ColumnName, StandardAttributeName]> = Object.entries(
  STANDARD_ATTRIBUTE_COLUMNS,
).map(([name, column]) => [column, name as StandardAttributeName]);

/** The user's values the attribute views read (an entity or plain values). */
type AttributeValues = Pick<User, ColumnName | 'standardAttributes' | 'customAttributes'>;

/** The value as stored: a column, or the JSON of the other standard attributes. */
function storedValueOf(user: AttributeValues, name: StandardAttributeName): unknown {
  const column = (STANDARD_ATTRIBUTE_COLUMNS as Partial<Record<string, ColumnName>>)[name];
  if (column) return user[column] ?? null;
  return (user.standardAttributes ?? {})[name] ?? null;
}

/**
 * `name` (the full name) is the display name, or else the given and family names the reader may
 * see, joined by a space; null when none of them is set.
 */
function fullName(user: AttributeValues, readable: (name: StandardAttributeName) => boolean) {
  if (user.displayName) return user.displayName;
  const parts = [
    readable('given_name') ? user.firstName : null,
    readable('family_name') ? user.lastName : null,
  ].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A standard attribute's value for server code (every attribute readable). */
export function standardValueOf(user: AttributeValues, name: StandardAttributeName): unknown {
  return name === 'name' ? fullName(user, () => true) : storedValueOf(user, name);
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

/**
 * Reads and writes attribute values under each party's access rights. Values are never dropped:
 * a value whose definition changed or went obsolete stays on the user and admins still see it.
 */
/** Metadata columns a request writes whole (replaced, not merged) beside the attributes. */
type WholeColumn = 'username' | 'publicMetadata' | 'privateMetadata' | 'unsafeMetadata';

@Injectable()
export class ProfileAttributesService {
  constructor(
    private readonly schemaService: AttributeSchemaService,
    private readonly updates: UserUpdateService,
  ) {}

  /**
   * A party's writes to one user under its row lock (so concurrent writes of different
   * attributes all land), with the metadata columns it may replace whole. Custom attribute
   * values are checked against the schema read in the write's own transaction (a rename or a
   * new rule committed meanwhile is seen). False when the user does not exist.
   */
  async write(
    userId: string,
    party: AttributeParty,
    writes: AttributeWrites & Partial<Pick<User, WholeColumn>>,
    wholeColumns: readonly WholeColumn[],
  ): Promise<boolean> {
    const schema = await this.loadSchema();
    const written = await this.updates.update(
      userId,
      (user, definitions) => {
        const prepared = this.prepare(
          user,
          party,
          definitions ? this.schemaFrom(definitions) : schema,
          writes,
        );
        const fields: LockedUserChanges = { ...prepared.fields };
        const changed = [...prepared.changed];
        for (const key of wholeColumns) {
          if (writes[key] === undefined) continue;
          if (JSON.stringify(writes[key]) === JSON.stringify(user[key])) continue;
          (fields as Record<string, unknown>)[key] = writes[key];
          changed.push(key);
        }
        return { changes: fields, changed, result: undefined };
      },
      { customAttributes: Object.keys(writes.customAttributes ?? {}) },
    );
    return written !== null;
  }

  loadSchema(): Promise<AttributeSchema> {
    return this.schemaService.load();
  }

  /** The schema from definition rows the caller read itself (with other data, one statement). */
  schemaFrom(definitions: AttributeDefinition[]): AttributeSchema {
    return this.schemaService.fromDefinitions(definitions);
  }

  /** The custom attribute that had `name` before a rename, if any (for clear refusals). */
  renamedFrom(name: string, schema: AttributeSchema): CustomAttributeDefinition | undefined {
    return this.schemaService.renamedFrom(name, schema);
  }

  view(user: AttributeValues, party: AttributeParty, schema: AttributeSchema): AttributeView {
    const standardAttributes: Record<string, unknown> = {};
    const readable = (name: StandardAttributeName) => canRead(schema.standard[name][party]);
    for (const name of STANDARD_ATTRIBUTE_NAMES) {
      if (readable(name))
        standardAttributes[name] =
          name === 'name' ? fullName(user, readable) : storedValueOf(user, name);
    }
    const customAttributes: Record<string, unknown> = {};
    const definitions = [...schema.custom.values()].sort(
      (left, right) => left.order - right.order || left.name.localeCompare(right.name),
    );
    const stored = user.customAttributes ?? {};
    for (const definition of definitions) {
      if (definition.name in stored && canRead(customAccess(definition, party)))
        customAttributes[definition.name] = stored[definition.name];
    }
    // Values without a definition (written by an older schema or by hand) are never hidden from admins.
    if (party === 'admin')
      for (const [name, value] of Object.entries(stored))
        if (!schema.custom.has(name)) customAttributes[name] = value;
    return { standardAttributes, customAttributes };
  }

  /**
   * The attribute values a new user starts with (sign-up: the end user's rights; admin create:
   * the admin's), checked as a write on an empty user, the attributes that party must give
   * (`validation.required`) included. Throws 403, then 400.
   */
  initialValues(
    party: AttributeParty,
    schema: AttributeSchema,
    writes: AttributeWrites,
  ): PreparedAttributeChanges['fields'] {
    const empty: AttributeValues = {
      displayName: null,
      firstName: null,
      lastName: null,
      picture: null,
      standardAttributes: {},
      customAttributes: {},
    };
    const prepared = this.prepare(empty, party, schema, writes);
    const values = prepared.fields.customAttributes ?? {};
    const missing = [...schema.custom.values()]
      .filter((definition) => requiredFor(definition, party) && !(definition.name in values))
      .map((definition) => `customAttributes.${definition.name} is required`);
    if (missing.length > 0) throw new UserKitException('ATTRIBUTE_INVALID', missing);
    return prepared.fields;
  }

  /**
   * What a new user is written with: the values checked now (before any hash is spent), and a
   * check of the same writes again inside the creation's transaction, against the schema read
   * there, when custom attributes are written (a rename committed meanwhile moves them).
   */
  async forCreation(
    party: AttributeParty,
    writes: AttributeWrites,
  ): Promise<{
    fields: PreparedAttributeChanges['fields'];
    recheck: NewUserRecord['recheckAttributes'];
  }> {
    const fields = this.initialValues(party, await this.loadSchema(), writes);
    const names = Object.keys(writes.customAttributes ?? {});
    const recheck: NewUserRecord['recheckAttributes'] =
      names.length > 0
        ? {
            customAttributes: names,
            check: (definitions: AttributeDefinition[]) => {
              const fresh = this.initialValues(party, this.schemaFrom(definitions), writes);
              return {
                customAttributes: fresh.customAttributes ?? {},
                standardAttributes: fresh.standardAttributes ?? {},
              };
            },
          }
        : undefined;
    return { fields, recheck };
  }

  /** Checks every write against the party's rights and the value rules; throws 403, then 400. */
  prepare(
    user: AttributeValues,
    party: AttributeParty,
    schema: AttributeSchema,
    writes: AttributeWrites,
  ): PreparedAttributeChanges {
    const forbidden: string[] = [];
    const invalid: string[] = [];
    const fields: PreparedAttributeChanges['fields'] = {};
    const changed: string[] = [];
    const standardWrites: Partial<Record<StandardAttributeName, unknown>> = {};

    for (const [column, name] of LEGACY_FIELDS) {
      if (writes[column] === undefined) continue;
      if (writes.standardAttributes && name in writes.standardAttributes)
        invalid.push(`${column} and standardAttributes.${name} are the same field: send one`);
      else standardWrites[name] = writes[column];
    }
    for (const [name, value] of Object.entries(writes.standardAttributes ?? {})) {
      if (!isStandardAttributeName(name)) {
        invalid.push(`standardAttributes.${name} is not a standard attribute`);
        continue;
      }
      const check = checkStandardValue(name, value);
      if (!check.ok) invalid.push(`standardAttributes.${name} ${check.problem}`);
      else standardWrites[name] = check.value;
    }
    const standardJson: JsonObject = { ...(user.standardAttributes ?? {}) };
    for (const [name, value] of Object.entries(standardWrites) as Array<
      [StandardAttributeName, unknown]
    >) {
      const level = schema.standard[name][party];
      const column = (STANDARD_ATTRIBUTE_COLUMNS as Partial<Record<string, ColumnName>>)[name];
      const label =
        column && writes[column] !== undefined
          ? `${column} (${name})`
          : `standardAttributes.${name}`;
      if (!canWrite(level)) {
        forbidden.push(`${label} is ${canRead(level) ? 'read-only' : 'not available'} for you`);
        continue;
      }
      if (same(storedValueOf(user, name), value)) continue;
      changed.push(column && writes[column] !== undefined ? column : `standardAttributes.${name}`);
      if (column) fields[column] = value as string | null;
      else if (value === null) delete standardJson[name];
      else standardJson[name] = value;
    }
    if (changed.some((name) => name.startsWith('standardAttributes.')))
      fields.standardAttributes = standardJson;

    const customJson: JsonObject = { ...(user.customAttributes ?? {}) };
    for (const [name, value] of Object.entries(writes.customAttributes ?? {})) {
      const definition = schema.custom.get(name);
      if (!definition) {
        const renamed = this.renamedFrom(name, schema);
        invalid.push(
          `customAttributes.${name} is not a defined attribute` +
            (renamed ? ` (it was renamed to ${renamed.name})` : ''),
        );
        continue;
      }
      const level = customAccess(definition, party);
      if (!canWrite(level)) {
        forbidden.push(
          `customAttributes.${name} is ${canRead(level) ? 'read-only' : 'not available'} for you`,
        );
        continue;
      }
      const check = checkCustomValue(definition.type, definition.validation, value);
      if (!check.ok) {
        invalid.push(`customAttributes.${name} ${check.problem}`);
        continue;
      }
      if (check.value === null && definition.validation.required && !definition.obsolete) {
        invalid.push(`customAttributes.${name} is required: it cannot be cleared`);
        continue;
      }
      if (same(customJson[name], check.value)) continue;
      if (check.value === null) delete customJson[name];
      else customJson[name] = check.value;
      changed.push(`customAttributes.${name}`);
    }
    if (changed.some((name) => name.startsWith('customAttributes.')))
      fields.customAttributes = customJson;

    if (forbidden.length > 0) throw new UserKitException('ATTRIBUTE_FORBIDDEN', forbidden);
    if (invalid.length > 0) throw new UserKitException('ATTRIBUTE_INVALID', invalid);
    return { fields, changed };
  }
}
