import { ATTRIBUTE_PARTIES, isAccessLevel, type AttributeAccess } from './attribute-access.js';
import {
  DEFAULT_STANDARD_ATTRIBUTE_ACCESS,
  isStandardAttributeName,
  STANDARD_ATTRIBUTE_NAMES,
  type StandardAttributeName,
} from './standard-attributes.js';

export interface ProfileOptionsInput {
  standardAttributeAccess?: Partial<Record<StandardAttributeName, Partial<AttributeAccess>>>;
}

export interface ResolvedProfileOptions {
  standardAttributeAccess: Record<StandardAttributeName, AttributeAccess>;
}

/** Attribute access; problems are added to the list. */
export function resolveProfileOptions(
  options: ProfileOptionsInput,
  problems: string[],
): ResolvedProfileOptions {
  const standardAttributeAccess = { ...DEFAULT_STANDARD_ATTRIBUTE_ACCESS };
  for (const [name, access] of Object.entries(options.standardAttributeAccess ?? {})) {
    if (!isStandardAttributeName(name)) {
      problems.push(
        `standardAttributeAccess: "${name}" is not one of ${STANDARD_ATTRIBUTE_NAMES.join(', ')}`,
      );
      continue;
    }
    const merged = { ...standardAttributeAccess[name] };
    for (const [party, level] of Object.entries(access ?? {})) {
      if (!(ATTRIBUTE_PARTIES as readonly string[]).includes(party) || !isAccessLevel(level)) {
        problems.push(
          `standardAttributeAccess.${name}.${party} must be "hidden", "readonly" or "editable" for admin, bearer or endUser`,
        );
        continue;
      }
      merged[party as keyof AttributeAccess] = level;
    }
    standardAttributeAccess[name] = merged;
  }
  return { standardAttributeAccess };
}
