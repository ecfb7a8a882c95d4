import type { EntityManager } from '@mikro-orm/core';
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
import { defaultAttributeLabel, validationProblems } from '../validation/attribute-definition.js';
import { checkCustomValue } from '../validation/attribute-values.js';
import { CustomAttributeValuesRepository } from '../repositories/custom-attribute-values.repository.js';
import { AttributeReferences } from './attribute-references.js';
import { UserUpdateService } from './user-update.service.js';
import type { AttributeSchema, CustomAttributeDefinition } from './attribute-schema.js';

export interface NewCustomAttribute {
  name: string;
  type: CustomAttributeType;
  /** What the pages show; null or left out: the name in Title Case. */
  label?: string | null;
  validation?: AttributeValidation;
  access?: Partial<AttributeAccess>;
  order?: number;
  searchable?: boolean;
  obsolete?: boolean;
  /**
   * The value every user without one gets, in the same transaction (checked against the type and
   * rules). Needed to turn `validation.required` on while users lack a value.
   */
  fillMissingWith?: unknown;
}

/** What PATCH may change: everything but the type; a new `name` renames (values move with it). */
export type AttributeChanges = Partial<Omit<NewCustomAttribute, 'type'>>;

export interface StandardAttributeSetting {
  name: StandardAttributeName;
  label: string;
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
    label: row.label ?? defaultAttributeLabel(row.name),
    type: row.type!,
    validation: row.validation ?? {},
    access: accessOf(row),
    order: row.displayOrder,
    searchable: row.searchable,
    obsolete: row.obsolete,
    declared: row.kind === 'declared',
    previousNames: [...(row.previousNames ?? [])],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Drops keys left undefined by the DTO (and `required: false`, the default), so the stored JSON
 * holds only the rules that were set.
 */
function compact(validation: AttributeValidation | undefined): AttributeValidation {
  return Object.fromEntries(
    Object.entries(validation ?? {}).filter(
      ([rule, value]) => value !== undefined && !(rule === 'required' && value === false),
    ),
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
    private readonly values: CustomAttributeValuesRepository,
    private readonly references: AttributeReferences,
    private readonly updates: UserUpdateService,
  ) {}

  async load(): Promise<AttributeSchema> {
    return this.fromDefinitions(await this.definitions.findAll());
  }

  /** The schema from definition rows read just now (GET /me reads them with the user's data). */
  fromDefinitions(rows: AttributeDefinition[]): AttributeSchema {
    const standard = { ...this.options.standardAttributeAccess };
    const standardLabels = Object.fromEntries(
      STANDARD_ATTRIBUTE_NAMES.map((name) => [name, defaultAttributeLabel(name)]),
    ) as Record<StandardAttributeName, string>;
    const custom = new Map<string, CustomAttributeDefinition>();
    for (const row of rows) {
      if (row.kind === 'standard' && isStandardAttributeName(row.name)) {
        standard[row.name] = accessOf(row);
        if (row.label) standardLabels[row.name] = row.label;
      } else if (row.kind !== 'standard') custom.set(row.name, toDefinition(row));
    }
    return { standard, standardLabels, custom };
  }

  async list(): Promise<{
    standard: StandardAttributeSetting[];
    custom: CustomAttributeDefinition[];
  }> {
    const schema = await this.load();
    return {
      standard: STANDARD_ATTRIBUTE_NAMES.map((name) => ({
        name,
        label: schema.standardLabels[name],
        access: schema.standard[name],
      })),
      custom: [...schema.custom.values()],
    };
  }

  async create(input: NewCustomAttribute): Promise<CustomAttributeDefinition> {
    if (isStandardAttributeName(input.name))
      throw new UserKitException('ATTRIBUTE_TAKEN', `${input.name} is a standard attribute`);
    if (this.options.fields.some((field) => field.name === input.name)) throw declared(input.name);
    const validation = compact(input.validation);
    this.assertValidation(input.type, validation);
    const fill = this.fillValue(input.name, input.type, validation, input.fillMissingWith);
    const access = { ...DEFAULT_CUSTOM_ACCESS, ...definedOnly(input.access) };
    const key = definitionKey('custom', input.name);
    await this.updates.changedManyBy(
      () =>
        this.values
          .transaction(key, async (em) => {
            const inserted = await this.definitions.insert(
              {
                key,
                kind: 'custom',
                name: input.name,
                label: input.label ?? null,
                type: input.type,
                validation,
                accessAdmin: access.admin,
                accessBearer: access.bearer,
                accessEndUser: access.endUser,
                displayOrder: input.order ?? 0,
                searchable: input.searchable ?? false,
                obsolete: input.obsolete ?? false,
              },
              em,
            );
            if (!inserted) throw new NameTaken();
            return this.fillOrRefuse(em, input.name, validation.required === true, fill);
          })
          .catch(async (error: unknown) => {
            if (!(error instanceof NameTaken)) throw error;
            // Declared by another instance's code (a newer release starting beside this one).
            const taken = await this.definitions.findOne('custom', input.name);
            throw taken?.kind === 'declared'
              ? declared(input.name)
              : new UserKitException('ATTRIBUTE_TAKEN');
          }),
      (filled) => filled.map((userId) => [userId, [`customAttributes.${input.name}`]]),
    );
    return this.getCustom(input.name);
  }

  /**
   * A standard attribute takes only `access` and `label`; a custom one anything but its type. A
   * new `name` renames it: the definition and every user's value move in one transaction, the
   * old name becomes free (and is remembered in `previousNames`, so a filter naming it is told
   * the new one); refused while a token template reads the old name.
   */
  async update(
    name: string,
    changes: AttributeChanges,
  ): Promise<CustomAttributeDefinition | StandardAttributeSetting> {
    if (isStandardAttributeName(name)) return this.updateStandard(name, changes);
    const current = await this.getCustom(name);
    if (current.declared) throw declared(name);
    const newName = changes.name !== undefined && changes.name !== name ? changes.name : null;
    if (newName !== null) this.assertRenamable(name, newName);
    const validation =
      changes.validation !== undefined ? compact(changes.validation) : current.validation;
    this.assertValidation(current.type, validation);
    const finalName = newName ?? name;
    const fill = this.fillValue(finalName, current.type, validation, changes.fillMissingWith);
    const reported: Array<[string, string[]]> = [];
    // The moved and filled values' `user.updated` events: one transaction with a sink.
    await this.updates.changedManyBy(
      () =>
        this.values.transaction(definitionKey('custom', name), async (em, row) => {
          // Read again under the lock: another admin may have renamed or changed it meanwhile.
          if (!row || row.kind === 'standard')
            throw new UserKitException('ATTRIBUTE_NOT_FOUND', `Unknown attribute: ${name}`);
          if (row.kind === 'declared') throw declared(name);
          const fresh = toDefinition(row);
          const access = { ...fresh.access, ...definedOnly(changes.access) };
          const columns = {
            label: changes.label !== undefined ? changes.label : row.label,
            validation,
            accessAdmin: access.admin,
            accessBearer: access.bearer,
            accessEndUser: access.endUser,
            displayOrder: changes.order ?? fresh.order,
            searchable: changes.searchable ?? fresh.searchable,
            obsolete: changes.obsolete ?? fresh.obsolete,
          };
          if (newName !== null) {
            const orphans = await this.values.countHolding(em, newName);
            if (orphans > 0)
              throw new UserKitException(
                'ATTRIBUTE_TAKEN',
                `${orphans} user(s) hold a value under ${newName} that no attribute defines: ` +
                  'choose another name, or clear those values first',
              );
            const key = definitionKey('custom', newName);
            if (!(await this.values.rename(em, row, { key, name: newName }, columns)))
              throw new UserKitException('ATTRIBUTE_TAKEN', `An attribute named ${newName} exists`);
            for (const userId of await this.values.move(em, name, newName))
              reported.push([userId, [`customAttributes.${name}`, `customAttributes.${newName}`]]);
          } else await this.definitions.update(row.key, columns, em);
          const turnsRequiredOn =
            validation.required === true && fresh.validation.required !== true;
          for (const userId of await this.fillOrRefuse(em, finalName, turnsRequiredOn, fill))
            reported.push([userId, [`customAttributes.${finalName}`]]);
        }),
      () => reported,
    );
    return this.getCustom(finalName);
  }

  async getCustom(name: string): Promise<CustomAttributeDefinition> {
    const row = await this.definitions.findOne('custom', name);
    if (!row) throw new UserKitException('ATTRIBUTE_NOT_FOUND', `Unknown attribute: ${name}`);
    return toDefinition(row);
  }

  /** The custom attribute that had `name` before a rename (for a clear refusal), if any. */
  renamedFrom(name: string, schema: AttributeSchema): CustomAttributeDefinition | undefined {
    return [...schema.custom.values()].find((definition) =>
      definition.previousNames.includes(name),
    );
  }

  private async updateStandard(
    name: StandardAttributeName,
    changes: AttributeChanges,
  ): Promise<StandardAttributeSetting> {
    const others = Object.entries(changes)
      .filter(([key, value]) => key !== 'access' && key !== 'label' && value !== undefined)
      .map(([key]) => key);
    if (others.length > 0)
      throw new UserKitException(
        'ATTRIBUTE_INVALID',
        others.map((key) =>
          key === 'name'
            ? `name: the standard attribute ${name} cannot be renamed (OIDC names it)`
            : `${key} cannot be set on the standard attribute ${name}`,
        ),
      );
    const [schema, row] = await Promise.all([
      this.load(),
      this.definitions.findOne('standard', name),
    ]);
    const access = { ...schema.standard[name], ...definedOnly(changes.access) };
    const label = changes.label !== undefined ? changes.label : (row?.label ?? null);
    await this.definitions.saveStandard(name, access, label);
    return { name, label: label ?? defaultAttributeLabel(name), access };
  }

  private assertRenamable(name: string, newName: string): void {
    if (isStandardAttributeName(newName))
      throw new UserKitException('ATTRIBUTE_TAKEN', `${newName} is a standard attribute`);
    if (this.options.fields.some((field) => field.name === newName)) throw declared(newName);
    const references = this.references.referencesTo(name);
    if (references.length > 0)
      throw new UserKitException(
        'ATTRIBUTE_REFERENCED',
        references.map(
          (reference) =>
            `${reference} reads customAttributes.${name}: change it to customAttributes.${newName} ` +
            'in the code and restart, then rename (until then the claim is left out of new tokens)',
        ),
      );
  }

  /** The checked `fillMissingWith` value, or undefined when none was sent. */
  private fillValue(
    name: string,
    type: CustomAttributeType,
    validation: AttributeValidation,
    value: unknown,
  ): { value: unknown } | undefined {
    if (value === undefined) return undefined;
    const check = checkCustomValue(type, validation, value);
    if (!check.ok || check.value === null)
      throw new UserKitException('ATTRIBUTE_INVALID', [
        `fillMissingWith ${check.ok ? 'must be a value' : check.problem} (for ${name})`,
      ]);
    return { value: check.value };
  }

  /**
   * Fills the users without a value; or, when a rule now requires one and nothing fills them,
   * refuses (409) while any user lacks it. The ids of the users filled.
   */
  private async fillOrRefuse(
    em: EntityManager,
    name: string,
    requiredNow: boolean,
    fill: { value: unknown } | undefined,
  ): Promise<string[]> {
    if (fill) return this.values.fill(em, name, fill.value);
    if (!requiredNow) return [];
    const lacking = await this.values.countLacking(em, name);
    if (lacking > 0)
      throw new UserKitException(
        'ATTRIBUTE_VALUES_MISSING',
        `${lacking} user(s) have no ${name}: send fillMissingWith (the value they get), or give them values first`,
      );
    return [];
  }

  private assertValidation(type: CustomAttributeType, validation: AttributeValidation): void {
    const problems = validationProblems(type, validation);
    if (problems.length > 0) throw new UserKitException('ATTRIBUTE_INVALID', problems);
  }
}

/** Rolls back a creation whose name was taken (checked again after the rollback). */
class NameTaken extends Error {}

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
