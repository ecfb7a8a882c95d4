import type { AccessLevel, AttributeAccess, AttributeParty } from './attribute-access.js';

/** What every declared field may set besides its type. */
interface UserFieldCommon {
  /** Per party, over the custom attributes' default (admin editable, bearer and end user hidden). */
  access?: Partial<AttributeAccess>;
  /** Display order in the schema views, smallest first. Default 0. */
  order?: number;
  /** Allows the admin list filter `attribute=<name>&attributeValue=…`. Default false. */
  searchable?: boolean;
  /** What the pages show (at most 100 characters). Default: the name in Title Case. */
  label?: string;
  /**
   * A party that may edit the field must give it a value when it creates a user (sign-up, admin
   * create) and may not clear it. Default false. Users already without a value keep none.
   */
  required?: boolean;
}

export interface StringUserField extends UserFieldCommon {
  type: 'string';
  minLength?: number;
  /** At most 1000 (the default). */
  maxLength?: number;
  /** A regular expression (Unicode mode) the value must match. */
  pattern?: string;
}

export interface NumberUserField extends UserFieldCommon {
  type: 'number' | 'integer';
  min?: number;
  max?: number;
}

export interface EnumUserField extends UserFieldCommon {
  type: 'enum';
  values: readonly string[];
}

/** E.164 phone number, email address, absolute http(s) URL, ISO 3166-1 alpha-2 country code. */
export interface FormattedUserField extends UserFieldCommon {
  type: 'phone' | 'email' | 'url' | 'country_code';
}

/** One field of the host's own on every user, declared in code (`UserModule.forRoot({ fields })`). */
export type UserFieldDeclaration =
  StringUserField | NumberUserField | EnumUserField | FormattedUserField;

/** The host's fields by name: camelCase or snake_case, e.g. `{ companyId: { type: 'string' } }`. */
export type UserFieldDeclarations = Record<string, UserFieldDeclaration>;

/**
 * Returns the declarations as they are, with their literal types kept (enum values, access
 * levels), so `UserFieldValues<typeof fields>` types each field exactly.
 */
export function defineUserFields<const Fields extends UserFieldDeclarations>(
  fields: Fields,
): Fields {
  return fields;
}

/** The value type of one declared field. */
export type UserFieldValue<Field extends UserFieldDeclaration> = Field extends {
  type: 'enum';
  values: readonly (infer Value)[];
}
  ? Value
  : Field extends { type: 'number' | 'integer' }
    ? number
    : string;

/** The access a field grants one party: the declared one, else the custom attributes' default. */
type FieldAccess<Field extends UserFieldDeclaration, Party extends AttributeParty> = Field extends {
  access: { [P in Party]: infer Level extends AccessLevel };
}
  ? Level
  : Party extends 'admin'
    ? 'editable'
    : 'hidden';

/** The names of the fields a party may read (all of them when no party is given). */
export type ReadableUserFieldName<
  Fields extends UserFieldDeclarations,
  Party extends AttributeParty | undefined = undefined,
> = {
  [Name in keyof Fields & string]: Party extends AttributeParty
    ? FieldAccess<Fields[Name], Party> extends 'hidden'
      ? never
      : Name
    : Name;
}[keyof Fields & string];

/**
 * The values of the declared fields, each absent until set: `UserFieldValues<typeof fields>`.
 * With a party (`'endUser'`, `'bearer'`, `'admin'`), only the fields that party may read: the shape
 * of `customAttributes` in that party's view.
 */
export type UserFieldValues<
  Fields extends UserFieldDeclarations,
  Party extends AttributeParty | undefined = undefined,
> = {
  [Name in ReadableUserFieldName<Fields, Party>]?: UserFieldValue<Fields[Name]>;
};
