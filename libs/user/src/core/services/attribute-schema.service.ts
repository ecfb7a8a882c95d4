import { Inject, Injectable } from '@nestjs/common';
import type {
  AttributeDefinition,
  AttributeValidation,
  CustomAttributeType,
} from '../entities/attribute-definition.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import {
  DEFAULT_CUSTOM_ACCESS,
  type AccessLevel,
  type AttributeAccess,
} from '../options/attribute-access.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import {
  isStandardAttributeName,
  STANDARD_ATTRIBUTE_NAMES,
  type StandardAttributeName,
} from '../options/standard-attributes.js';
import {
  AttributeDefinitionsRepository,
  definitionKey,
} from '../repositories/attribute-definitions.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { validationProblems } from '../validation/attribute-definition.js';
import type { AttributeSchema, CustomAttributeDefinition } from './attribute-schema.js';

export interface NewCustomAttribute {
  name: string;
  type: CustomAttributeType;
  validation?: AttributeValidation;
  access?: Partial<AttributeAccess>;
  order?: number;
  searchable?: boolean;
  obsolete?: boolean;
}

/** What PATCH may change: everything but the name and the type. */
export type AttributeChanges = Partial<Omit<NewCustomAttribute, 'name' | 'type'>>;

export interface StandardAttributeSetting {
  name: StandardAttributeName;
  access: AttributeAccess;
}

function accessOf(row: AttributeDefinition): AttributeAccess {
  return {
    admin: row.accessAdmin as AccessLevel,
    bearer: row.accessBearer as AccessLevel,
    endUser: row.accessEndUser as AccessLevel,
  };
}

function toDefinition(row: AttributeDefinition): CustomAttributeDefinition {
  return {
    name: row.name,
    type: row.type!,
    validation: row.validation ?? {},
    access: accessOf(row),
    order: row.displayOrder,
    searchable: row.searchable,
    obsolete: row.obsolete,
    declared: row.kind === 'declared',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Drops keys left undefined by the DTO, so the stored JSON holds only the rules that were set. */
function compact(validation: AttributeValidation | undefined): AttributeValidation {
  return Object.fromEntries(
    Object.entries(validation ?? {}).filter(([, value]) => value !== undefined),
  ) as AttributeValidation;
}

/**
 * The profile schema: standard attributes' access (options, then admins' changes), the custom
 * attributes admins define and the fields the host declares in code (DeclaredFieldsService).
 * Read from the database on each use: no instance keeps a stale copy.
 */
@Injectable()
export class AttributeSchemaService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly definitions: AttributeDefinitionsRepository,
  ) {}

  async load(): Promise<AttributeSchema> {
    return this.fromDefinitions(await this.definitions.findAll());
  }

  /** The schema from definition rows read just now (GET /me reads them with the user's data). */
  fromDefinitions(rows: AttributeDefinition[]): AttributeSchema {
    const standard = { ...this.options.standardAttributeAccess };
    const custom = new Map<string, CustomAttributeDefinition>();
    for (const row of rows) {
      if (row.kind === 'standard' && isStandardAttributeName(row.name))
        standard[row.name] = accessOf(row);
      else if (row.kind !== 'standard') custom.set(row.name, toDefinition(row));
    }
    return { standard, custom };
  }

  async list(): Promise<{
    standard: StandardAttributeSetting[];
    custom: CustomAttributeDefinition[];
  }> {
    const schema = await this.load();
    return {
      standard: STANDARD_ATTRIBUTE_NAMES.map((name) => ({ name, access: schema.standard[name] })),
      custom: [...schema.custom.values()],
    };
  }

  async create(input: NewCustomAttribute): Promise<CustomAttributeDefinition> {
    if (isStandardAttributeName(input.name))
      throw new UserKitException('ATTRIBUTE_TAKEN', `${input.name} is a standard attribute`);
    if (this.options.fields.some((field) => field.name === input.name)) throw declared(input.name);
    const validation = compact(input.validation);
    this.assertValidation(input.type, validation);
    const access = { ...DEFAULT_CUSTOM_ACCESS, ...definedOnly(input.access) };
    const inserted = await this.definitions.insert({
      key: definitionKey('custom', input.name),
      kind: 'custom',
      name: input.name,
      type: input.type,
      validation,
      accessAdmin: access.admin,
      accessBearer: access.bearer,
      accessEndUser: access.endUser,
      displayOrder: input.order ?? 0,
      searchable: input.searchable ?? false,
      obsolete: input.obsolete ?? false,
    });
    if (!inserted) {
      // Declared by another instance's code (a newer release starting beside this one).
      const taken = await this.definitions.findOne('custom', input.name);
      throw taken?.kind === 'declared'
        ? declared(input.name)
        : new UserKitException('ATTRIBUTE_TAKEN');
    }
    return this.getCustom(input.name);
  }

  /** A standard attribute takes only `access`; a custom one anything but its name and type. */
  async update(
    name: string,
    changes: AttributeChanges,
  ): Promise<CustomAttributeDefinition | StandardAttributeSetting> {
    if (isStandardAttributeName(name)) {
      const others = Object.entries(changes)
        .filter(([key, value]) => key !== 'access' && value !== undefined)
        .map(([key]) => key);
      if (others.length > 0)
        throw new UserKitException(
          'ATTRIBUTE_INVALID',
          others.map((key) => `${key} cannot be set on the standard attribute ${name}`),
        );
      const schema = await this.load();
      const access = { ...schema.standard[name], ...definedOnly(changes.access) };
      await this.definitions.saveStandardAccess(name, access);
      return { name, access };
    }
    const current = await this.getCustom(name);
    if (current.declared) throw declared(name);
    const validation =
      changes.validation !== undefined ? compact(changes.validation) : current.validation;
    this.assertValidation(current.type, validation);
    const access = { ...current.access, ...definedOnly(changes.access) };
    await this.definitions.update(definitionKey('custom', name), {
      validation,
      accessAdmin: access.admin,
      accessBearer: access.bearer,
      accessEndUser: access.endUser,
      displayOrder: changes.order ?? current.order,
      searchable: changes.searchable ?? current.searchable,
      obsolete: changes.obsolete ?? current.obsolete,
    });
    return this.getCustom(name);
  }

  async getCustom(name: string): Promise<CustomAttributeDefinition> {
    const row = await this.definitions.findOne('custom', name);
    if (!row) throw new UserKitException('ATTRIBUTE_NOT_FOUND', `Unknown attribute: ${name}`);
    return toDefinition(row);
  }

  private assertValidation(type: CustomAttributeType, validation: AttributeValidation): void {
    const problems = validationProblems(type, validation);
    if (problems.length > 0) throw new UserKitException('ATTRIBUTE_INVALID', problems);
  }
}

function declared(name: string): UserKitException {
  return new UserKitException(
    'ATTRIBUTE_DECLARED',
    `${name} is a field declared in the host's code (UserModule fields): change it there`,
  );
}

function definedOnly(access: Partial<AttributeAccess> | undefined): Partial<AttributeAccess> {
  return Object.fromEntries(
    Object.entries(access ?? {}).filter(([, level]) => level !== undefined),
  ) as Partial<AttributeAccess>;
}
