import { Collection, type Opt } from '@mikro-orm/core';
import {
  Entity,
  Index,
  ManyToMany,
  OneToMany,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { EmailAddress } from './email-address.entity.js';
import { ExternalAccount } from './external-account.entity.js';
import { newId } from './new-id.js';
import { PhoneNumber } from './phone-number.entity.js';
import { Role } from './role.entity.js';

export type JsonObject = Record<string, unknown>;

@Entity({ tableName: 'userkit_users' })
@Index({ name: 'userkit_users_created_at_id_idx', properties: ['createdAt', 'id'] })
export class User {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  /**
   * A sign-in identifier: 3-64 of `a-z 0-9 _ . -`, stored lower-cased (so unique
   * case-insensitively, by this index). Null: none.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  @Unique({ name: 'userkit_users_username_unique' })
  username: string | null = null;

  /**
   * The user's id in the system it was imported from (`POST /admin/users/import`): unique, so a
   * re-run of an import finds the users it already brought in. Null: not imported.
   */
  @Property({ type: 'string', length: 255, nullable: true })
  @Unique({ name: 'userkit_users_external_id_unique' })
  externalId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  displayName: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  firstName: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  lastName: string | null = null;

  @Property({ type: 'string', length: 2048, nullable: true })
  picture: string | null = null;

  /** The FileStorage id of the image this user uploaded: the only file its next upload deletes. */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  profileImageId: string | null = null;

  /** argon2id PHC string (an imported hash until its first sign-in re-hashes it); never serialized. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: false })
  passwordHash: string | null = null;

  /** Written by admins, readable by the user. */
  @Property({ type: 'json' })
  publicMetadata: Opt<JsonObject> = {};

  /** Written and read by admins only. */
  @Property({ type: 'json' })
  privateMetadata: Opt<JsonObject> = {};

  /** Written by the user. */
  @Property({ type: 'json' })
  unsafeMetadata: Opt<JsonObject> = {};

  /** OIDC standard attributes other than the name and picture columns (given_name = firstName, ...). */
  @Property({ type: 'json' })
  standardAttributes: Opt<JsonObject> = {};

  /** Values of admin-defined attributes; kept as written even after their definition changes. */
  @Property({ type: 'json' })
  customAttributes: Opt<JsonObject> = {};

  @Property({ type: 'boolean' })
  isAnonymous: Opt<boolean> = false;

  /** Set by a ban; a ban with an end (`bannedUntil`) stops blocking once it passed (isBannedAt). */
  @Property({ type: 'boolean' })
  banned: Opt<boolean> = false;

  /** Why the admin banned the user (shown to admins only); null: no reason given, or not banned. */
  @Property({ type: 'string', length: 500, nullable: true })
  banReason: string | null = null;

  /** When the ban ends; null: it lasts until an unban. */
  @Property({ type: 'datetime', nullable: true })
  bannedUntil: Date | null = null;

  @Property({ type: 'boolean' })
  twoFactorEnabled: Opt<boolean> = false;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastSignInAt: Date | null = null;

  /** Consecutive password sign-in attempts without a success (counted before the check): the lock. */
  @Property({ type: 'integer', hidden: true })
  failedSignInCount: Opt<number> = 0;

  @Property({ type: 'datetime', nullable: true, hidden: true })
  lastFailedSignInAt: Date | null = null;

  /** Set after 100 consecutive failures: password sign-in stays off until a password reset. */
  @Property({ type: 'boolean', hidden: true })
  passwordSignInDisabled: Opt<boolean> = false;

  @OneToMany(() => EmailAddress, (email) => email.user, { orderBy: { createdAt: 'asc' } })
  emailAddresses = new Collection<EmailAddress>(this);

  @OneToMany(() => PhoneNumber, (phone) => phone.user, { orderBy: { createdAt: 'asc' } })
  phoneNumbers = new Collection<PhoneNumber>(this);

  @OneToMany(() => ExternalAccount, (account) => account.user, { orderBy: { createdAt: 'asc' } })
  externalAccounts = new Collection<ExternalAccount>(this);

  @ManyToMany({
    entity: () => Role,
    pivotTable: 'userkit_user_roles',
    joinColumn: 'user_id',
    inverseJoinColumn: 'role_name',
    owner: true,
    deleteRule: 'cascade',
  })
  roles = new Collection<Role>(this);
}
