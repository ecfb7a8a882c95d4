import { STANDARD_ATTRIBUTE_COLUMNS } from '../options/standard-attributes.js';
import type { AttributeView } from '../services/profile-attributes.service.js';
import type { UserResponse } from './user.response.js';

/**
 * Adds the attributes a party may see to a user view. The name and picture columns are the
 * standard attributes given_name, family_name and picture: hidden ones show as null there too.
 */
export function withAttributes<View extends UserResponse>(
  view: View,
  attributes: AttributeView,
): View {
  const result: View = { ...view, ...attributes };
  for (const [name, column] of Object.entries(STANDARD_ATTRIBUTE_COLUMNS)) {
    if (!(name in attributes.standardAttributes)) result[column] = null;
  }
  return result;
}
