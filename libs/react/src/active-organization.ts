import type { UserKitClient } from '@userkit/client';

/**
 * Reads the session's organization (a restored session may have one). An API without
 * UserOrganizationsModule answers 404: then there is none.
 */
export function loadActiveOrganization(client: UserKitClient): Promise<void> {
  return client.loadActiveOrganization().then(
    () => undefined,
    () => undefined,
  );
}
