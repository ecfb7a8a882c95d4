import type { Collection, EntityManager, EntityName } from '@mikro-orm/core';
import { EmailAddress } from '../entities/email-address.entity.js';
import { ExternalAccount } from '../entities/external-account.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import type { User } from '../entities/user.entity.js';
import { jsonRowsSubselect, parseJsonRows } from '../sql/json-rows.js';

/** The user's one-to-many collections read together (by property), and their entities. */
const USER_COLLECTIONS: Record<
  'emailAddresses' | 'phoneNumbers' | 'externalAccounts',
  EntityName<object>
> = {
  emailAddresses: EmailAddress,
  phoneNumbers: PhoneNumber,
  externalAccounts: ExternalAccount,
};

const NAMES = Object.keys(USER_COLLECTIONS) as Array<keyof typeof USER_COLLECTIONS>;

/**
 * The select list reading one user's emails, phones and external accounts, one JSON array column
 * each (named for the property), in the order the entities declare (oldest first, then id). Each
 * subselect takes the user's id: pass `userCollectionsParams(id)`; or, with `userId` an SQL
 * expression (`u."id"` of an outer select), each listed user's own.
 */
export function userCollectionsSelect(em: EntityManager, userId = '?'): string {
  return NAMES.map(
    (name) =>
      `${jsonRowsSubselect(em, USER_COLLECTIONS[name], `t."user_id" = ${userId}`, ['created_at', 'id'])} ` +
      `as "${name}"`,
  ).join(', ');
}

/** A row of a select holding `userCollectionsSelect`, without those columns. */
export function withoutUserCollections(row: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...row };
  for (const name of NAMES) delete rest[name];
  return rest;
}

export function userCollectionsParams(userId: string): string[] {
  return NAMES.map(() => userId);
}

/** Puts the rows of `userCollectionsSelect` on the user; collections already loaded are kept. */
export function hydrateUserCollections(
  em: EntityManager,
  user: User,
  row: Record<string, unknown> | undefined,
): void {
  for (const name of NAMES) {
    const collection = user[name] as Collection<object>;
    if (collection.isInitialized()) continue;
    const items = parseJsonRows(row?.[name]).map((item) => em.map(USER_COLLECTIONS[name], item));
    collection.hydrate(items);
  }
}
