import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type CustomAttributeType =
  'string' | 'number' | 'integer' | 'enum' | 'phone' | 'email' | 'url' | 'country_code';

/** `declared`: a custom attribute declared in the host's code (`UserModule.forRoot({ fields })`). */
export type AttributeKind = 'custom' | 'declared' | 'standard';

export interface AttributeValidation {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
  /** Every user created or changed by a party that may edit it must have a value. */
  required?: boolean;
}

/**
 * The profile schema, changed at run time by admins: one row per custom attribute, and one per
 * standard attribute whose access an admin changed (kind `standard`, overriding the options).
 * A custom attribute the host declares in code (`fields`) has kind `declared`: the code, not the
 * admin API, changes it. Rows are never deleted: an attribute goes obsolete, its values stay.
 */
@Entity({ tableName: 'userkit_attribute_definitions' })
export class AttributeDefinition {
  /** `custom:<name>` (declared ones too) or `standard:<name>`: the two namespaces never collide. */
  @PrimaryKey({ type: 'string', length: 80 })
  key!: string;

  @Property({ type: 'string', length: 10 })
  kind!: AttributeKind;

  @Property({ type: 'string', length: 63 })
  name!: string;

  /** Null for standard attributes (their type is fixed by OIDC). Never changes once set. */
  /** What the pages show; null: the name in Title Case (`my_string` → `My String`). */
  @Property({ type: 'string', length: 100, nullable: true })
  label: string | null = null;

  /** Names the attribute had before admins renamed it, oldest first (for clear refusals). */
  @Property({ type: 'json' })
  previousNames: Opt<string[]> = [];

  @Property({ type: 'string', length: 20, nullable: true })
  type: CustomAttributeType | null = null;

  @Property({ type: 'json' })
  validation: Opt<AttributeValidation> = {};

  @Property({ type: 'string', length: 10 })
  accessAdmin!: string;

  @Property({ type: 'string', length: 10 })
  accessBearer!: string;

  @Property({ type: 'string', length: 10 })
  accessEndUser!: string;

  @Property({ type: 'integer' })
  displayOrder: Opt<number> = 0;

  @Property({ type: 'boolean' })
  searchable: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  obsolete: Opt<boolean> = false;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
