import type { OwnAttributeSchemaResponse } from '../dto/own-attribute-schema.response.js';
import type { AccessLevel } from '../options/attribute-access.js';
import { customAccess, type CustomAttributeDefinition } from './attribute-schema.js';
import type { StandardAttributeSetting } from './attribute-schema.service.js';

type Shown = 'readonly' | 'editable';

/**
 * The schema from the end user's side, in display order: hidden and obsolete attributes left
 * out; `editableOnly` keeps just what the user may write (a sign-up form).
 */
export function ownAttributeSchema(
  list: { standard: StandardAttributeSetting[]; custom: CustomAttributeDefinition[] },
  editableOnly: boolean,
): OwnAttributeSchemaResponse {
  const shown = (level: AccessLevel): level is Shown =>
    editableOnly ? level === 'editable' : level !== 'hidden';
  return {
    standard: list.standard
      .filter((attribute) => shown(attribute.access.endUser))
      .map((attribute) => ({
        name: attribute.name,
        label: attribute.label,
        kind: 'standard' as const,
        access: attribute.access.endUser as Shown,
      })),
    custom: list.custom
      .filter((definition) => shown(customAccess(definition, 'endUser')))
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
      .map((definition) => ({
        name: definition.name,
        label: definition.label,
        kind: 'custom' as const,
        type: definition.type,
        validation: { ...definition.validation },
        access: customAccess(definition, 'endUser') as Shown,
      })),
  };
}
