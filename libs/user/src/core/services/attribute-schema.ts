import type {
  AttributeValidation,
  CustomAttributeType,
} from '../entities/attribute-definition.entity.js';
import type { AccessLevel, AttributeAccess, AttributeParty } from '../options/attribute-access.js';
import type { StandardAttributeName } from '../options/standard-attributes.js';

export interface CustomAttributeDefinition {
  name: string;
  /** What the pages show: the admin's label, else the name in Title Case. */
  label: string;
  type: CustomAttributeType;
  validation: AttributeValidation;
  access: AttributeAccess;
  order: number;
  searchable: boolean;
  obsolete: boolean;
  /** Declared in the host's code (`fields`): the admin API may not change it. */
  declared: boolean;
  /** Names it had before admins renamed it, oldest first. */
  previousNames: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** The profile schema in force: options overlaid by the admins' run-time changes. */
export interface AttributeSchema {
  standard: Record<StandardAttributeName, AttributeAccess>;
  /** Labels of the standard attributes (an admin's, else the name in Title Case). */
  standardLabels: Record<StandardAttributeName, string>;
  custom: Map<string, CustomAttributeDefinition>;
}

/** Whether a party creating a user must give this attribute a value (never an obsolete one). */
export function requiredFor(definition: CustomAttributeDefinition, party: AttributeParty): boolean {
  return (
    definition.validation.required === true &&
    !definition.obsolete &&
    canWrite(customAccess(definition, party))
  );
}

/** Obsolete custom attributes are hidden from everyone but admins, whatever their settings. */
export function customAccess(
  definition: CustomAttributeDefinition,
  party: AttributeParty,
): AccessLevel {
  return definition.obsolete && party !== 'admin' ? 'hidden' : definition.access[party];
}

export function canRead(level: AccessLevel): boolean {
  return level !== 'hidden';
}

export function canWrite(level: AccessLevel): boolean {
  return level === 'editable';
}
