import {
  EntityManager,
  ForeignKeyConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EMAIL_HOLDS, releaseUnverifiedClaims } from './email-claims.js';
import { EmailAddress } from '../entities/email-address.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import { PreparedRead, entityColumns } from '../sql/prepared-read.js';
import {
  hydrateUserCollections,
  userCollectionsParams,
  userCollectionsSelect,
  withoutUserCollections,
} from './user-collections.js';
import { insertRows } from '../sql/insert-rows.js';
import { PreparedWrite, insertRow } from '../sql/prepared-write.js';
import { Role } from '../entities/role.entity.js';
import { Session } from '../entities/session.entity.js';
import { User, type JsonObject } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { normalizeEmail } from '../validation/email.js';
import { isPostgres } from '../sql/sql-dialect-of.js';
import { newId } from '../entities/new-id.js';
import type { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import { readDefinitionsLocked } from './attribute-definitions.repository.js';
import { countSignInMethods, type SignInMethodCounts } from './sign-in-method-counts.js';
import { UserFeatureListeners } from '../services/user-feature-listeners.js';

/** The new user's own columns, as every way of creating one writes them. */
function userFields(record: NewUserRecord) {
  return {
    passwordHash: record.passwordHash,
    displayName: record.displayName,
    firstName: record.firstName,
    lastName: record.lastName,
    picture: record.picture,
    unsafeMetadata: record.unsafeMetadata,
    publicMetadata: record.publicMetadata,
    privateMetadata: record.privateMetadata,
    customAttributes: record.customAttributes ?? {},
    standardAttributes: record.standardAttributes ?? {},
    isAnonymous: record.isAnonymous,
    username: record.username ?? null,
    externalId: record.externalId ?? null,
    ...(record.createdAt ? { createdAt: record.createdAt } : {}),
  };
}

/** Which identifier a unique index refused: the constraint's name is in the driver's message. */
export function takenIdentifier(error: UniqueConstraintViolationException): UserKitException {
  if (/username/.test(error.message)) return new UserKitException('USERNAME_TAKEN');
  if (/external_id/.test(error.message)) return new UserKitException('EXTERNAL_ID_TAKEN');
  if (/phone_number/.test(error.message)) return new UserKitException('PHONE_TAKEN');
  return new UserKitException('EMAIL_TAKEN');
}

/** What a password sign-in is looked up by: an email address (normalised) or a username. */
export type SignInIdentifier = { email: string } | { username: string };

/** Separates role names in the aggregated column (role names never hold control characters). */
const ROLE_SEPARATOR = '\u001f';

/**
 * A role checked to exist was deleted before the link to it was written: the foreign key refused
 * the link (see RoleDeletionRepository), which is an unknown role for the caller, not a 500.
 */
function roleDeletedMeanwhile(): UserKitException {
  return new UserKitException('ROLE_NOT_FOUND', 'Unknown role: it was deleted meanwhile');
}

/** Rolls back a role change or a delete that would leave no admin. */
class LastAdminError extends Error {}

/** Carries a feature's refusal of a deletion out of the transaction it rolls back. */
class DeletionRefusedError extends Error {
  constructor(readonly part: unknown) {
    super('deletion refused');
  }
}

/**
 * Serialises changes that could remove the last admin. The statement runs on the transaction's
 * own connection (its context passed on): on another one, SQLite would wait for this very
 * transaction. PostgreSQL locks the admin role's row; SQLite takes its write lock at once.
 */
async function lockAdminRole(em: EntityManager, adminRole: string): Promise<void> {
  const ctx = em.getTransactionContext();
  if (isPostgres(em)) {
    await em
      .getConnection()
      .execute('select name from userkit_roles where name = ? for update', [adminRole], 'all', ctx);
  } else {
    await em
      .getConnection()
      .execute('update userkit_roles set name = name where 1 = 0', [], 'run', ctx);
  }
}

/** Admins that can sign in as someone: an anonymous holder (legacy data) does not count. */
function countRealAdmins(em: EntityManager, adminRole: string): Promise<number> {
  return em.count(User, { roles: { name: adminRole }, isAnonymous: false });
}

/** A new user's entities, as `stageNewUser` made them. */
interface StagedUser {
  user: User;
  emails: EmailAddress[];
  phones: PhoneNumber[];
}

/**
 * The new user's entities (user, emails, phones, role links) made in `em`: written by its next
 * flush, or (`persist: false`) by the caller from their values. The attribute values are checked
 * again first when the record asks for it.
 */
async function stageNewUser(
  em: EntityManager,
  record: NewUserRecord,
  persist = true,
): Promise<StagedUser> {
  const recheck = record.recheckAttributes;
  const values = recheck
    ? recheck.check(await readDefinitionsLocked(em, recheck.customAttributes))
    : {};
  const user = em.create(User, userFields({ ...record, ...values }), { persist });
  if (record.signedIn) user.lastSignInAt = new Date(user.createdAt.getTime());
  for (const roleName of record.roleNames) user.roles.add(em.getReference(Role, roleName));
  const emails = [
    ...(record.email === null ? [] : [{ email: record.email, verified: record.emailVerified }]),
    ...(record.moreEmails ?? []),
  ].map((address, index) =>
    em.create(
      EmailAddress,
      {
        user,
        email: address.email.trim(),
        normalizedEmail: normalizeEmail(address.email),
        verified: address.verified,
        primary: index === 0 && record.email !== null,
      },
      { persist },
    ),
  );
  const phones = [
    ...(record.phoneNumber
      ? [{ phoneNumber: record.phoneNumber, verified: record.phoneNumberVerified ?? false }]
      : []),
    ...(record.morePhoneNumbers ?? []),
  ].map((phone, index) =>
    em.create(
      PhoneNumber,
      { user, ...phone, primary: index === 0 && Boolean(record.phoneNumber) },
      { persist },
    ),
  );
  return { user, emails, phones };
}

/** Everything `/me` and the admin views show. */
const FULL_USER = ['emailAddresses', 'phoneNumbers', 'externalAccounts', 'roles'] as const;

export interface NewUserRecord {
  email: string | null;
  emailVerified: boolean;
  passwordHash: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
  unsafeMetadata: JsonObject;
  publicMetadata: JsonObject;
  privateMetadata: JsonObject;
  /** Checked values of custom attributes (the host's fields among them). Default none. */
  customAttributes?: JsonObject;
  /** Checked values of the standard attributes kept as JSON (birthdate, locale, ...). Default none. */
  standardAttributes?: JsonObject;
  /**
   * Checks the attribute values again inside the creation's transaction, against the schema read
   * there share-locked (a rename or a new rule committed meanwhile is seen, one in progress waits
   * for this user): the values it returns are written. Throws to refuse the user.
   */
  recheckAttributes?: {
    /** The custom attributes written: their definitions are share-locked. */
    customAttributes: readonly string[];
    check: (definitions: AttributeDefinition[]) => AttributeValuesToWrite;
  };
  isAnonymous: boolean;
  roleNames: string[];
  /** Self sign-ups sign in at once: `lastSignInAt` = `createdAt`, by the INSERT (admin-made: null). */
  signedIn?: boolean;
  /** Lower-cased and checked (see normalizeUsername). Default none. */
  username?: string | null;
  /** E.164; added unverified and primary. Default none. */
  phoneNumber?: string | null;
  /** Imported users: their id in the source system (unique). Default none. */
  externalId?: string | null;
  /** Imported users keep the creation time the source system gives. Default now. */
  createdAt?: Date;
  /** Imported users: addresses beyond the primary one, with their verified flags. */
  moreEmails?: Array<{ email: string; verified: boolean }>;
  /** Imported users: numbers beyond the primary one. */
  morePhoneNumbers?: Array<{ phoneNumber: string; verified: boolean }>;
  /** Imported users: whether the primary number is verified. Default false. */
  phoneNumberVerified?: boolean;
}

export type AttributeValuesToWrite = Pick<NewUserRecord, 'customAttributes' | 'standardAttributes'>;

export type UserProfileChanges = Partial<
  Pick<
    User,
    | 'displayName'
    | 'firstName'
    | 'lastName'
    | 'picture'
    | 'unsafeMetadata'
    | 'publicMetadata'
    | 'privateMetadata'
    | 'standardAttributes'
    | 'customAttributes'
  >
>;

@Injectable()
export class UsersRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly features: UserFeatureListeners,
  ) {}

  findFullById(id: string): Promise<User | null> {
    return this.em.findOne(User, { id }, { populate: FULL_USER, refresh: true });
  }

  /** What the last-way-to-sign-in rule looks at; null when there is no such user. */
  async signInMethodCounts(userId: string): Promise<SignInMethodCounts | null> {
    if (!(await this.exists(userId))) return null;
    return countSignInMethods(this.em, userId, this.features);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.em.count(User, { id })) > 0;
  }

  /**
   * Loads what `/me` shows onto a user already read in this request (the session check read it
   * fresh, with its roles): emails, phones and external accounts in ONE prepared statement (one
   * round trip); collections already loaded are kept as they are.
   */
  async populateFull(user: User): Promise<User> {
    // The session check hands over the role names as references (all the views read): not again.
    const missing = FULL_USER.filter((name) => !user[name].isInitialized());
    if (missing.some((name) => name !== 'roles')) {
      this.collectionsRead ??= new PreparedRead(
        'userkit_user_collections_v1',
        `select ${userCollectionsSelect(this.em)}`,
      );
      const [row] = await this.collectionsRead.all(this.em, userCollectionsParams(user.id));
      hydrateUserCollections(this.em, user, row);
    }
    if (missing.includes('roles')) await this.em.populate(user, ['roles']);
    return user;
  }

  private collectionsRead: PreparedRead | undefined;

  /** The user holding this address (verified, or as primary), with roles. */
  async findByEmail(email: string): Promise<User | null> {
    const address = await this.em.findOne(
      EmailAddress,
      { normalizedEmail: normalizeEmail(email), ...EMAIL_HOLDS },
      { populate: ['user', 'user.roles'] },
    );
    return address?.user ?? null;
  }

  /**
   * The password sign-in's read: the user owning this address (any verification state) with its
   * role names, emails, phones and external accounts, as ONE prepared statement (the ORM took
   * five). The failed-attempt columns come with the user row, so the attempt can be reserved
   * without reading them again, and the answer needs no further read of the user.
   *
   * On PostgreSQL the same statement also counts the attempt when the account has no failure on
   * record (the usual case): the compare-and-set `reserve` would make from this very state (0 → 1,
   * not locked), as a data-modifying CTE, saving its round trip. `attemptCounted` says whether it
   * did; otherwise the caller reserves as usual (the row read is the state before that update).
   */
  async findForSignIn(
    identifier: SignInIdentifier,
    at: Date,
  ): Promise<{ user: User; attemptCounted: boolean } | null> {
    const byUsername = 'username' in identifier;
    const key = byUsername ? identifier.username : normalizeEmail(identifier.email);
    const read = byUsername
      ? (this.usernameSignInRead ??= this.signInUserRead('username'))
      : (this.signInRead ??= this.signInUserRead('email'));
    const params = isPostgres(this.em)
      ? [this.em.getPlatform().processDateProperty(at), key, key]
      : [key];
    const [row] = await read.all(this.em, params);
    if (!row) return null;
    const { roles, attemptCounted, ...userRow } = row;
    const user = this.em.map(User, withoutUserCollections(userRow));
    hydrateUserCollections(this.em, user, row);
    const names = typeof roles === 'string' && roles !== '' ? roles.split(ROLE_SEPARATOR) : [];
    if (!user.roles.isInitialized())
      user.roles.hydrate(names.map((name) => this.em.getReference(Role, name)));
    return { user, attemptCounted: attemptCounted === true };
  }

  private signInRead: PreparedRead | undefined;
  private usernameSignInRead: PreparedRead | undefined;

  private signInUserRead(by: 'email' | 'username'): PreparedRead {
    const users = this.em.getMetadata().get(User).tableName;
    const emails = this.em.getMetadata().get(EmailAddress).tableName;
    const postgres = isPostgres(this.em);
    const aggregate = postgres
      ? `string_agg(r.role_name, chr(31))`
      : `group_concat(r.role_name, char(31))`;
    const columns = entityColumns(this.em, User).map((column) => `u.${column}`);
    const select =
      `select ${columns.join(', ')}, ${userCollectionsSelect(this.em, 'u.id')}, ` +
      `(select ${aggregate} from "userkit_user_roles" r where r.user_id = u.id) as "roles"`;
    // Only an address the user holds (verified, or the primary) signs in: never a mere claim.
    const holds = `(e.verified or e."primary")`;
    const from =
      by === 'email'
        ? `from "${emails}" e join "${users}" u on u.id = e.user_id where e.normalized_email = ? and ${holds}`
        : `from "${users}" u where u."username" = ?`;
    if (!postgres)
      return new PreparedRead(
        by === 'email' ? 'userkit_sign_in_user_v4' : 'userkit_sign_in_username_v1',
        `${select} ${from}`,
      );
    const userOf =
      by === 'email'
        ? `"id" = (select e."user_id" from "${emails}" e where e."normalized_email" = ? and ${holds})`
        : `"username" = ?`;
    // The main select reads the row as it was before the CTE's update (one snapshot).
    const countFirstAttempt =
      `update "${users}" set "failed_sign_in_count" = 1, "last_failed_sign_in_at" = ? ` +
      `where ${userOf} ` +
      `and "failed_sign_in_count" = 0 and "password_sign_in_disabled" = false ` +
      `and "password_hash" is not null returning "id"`;
    return new PreparedRead(
      by === 'email' ? 'userkit_sign_in_user_v5' : 'userkit_sign_in_username_v2',
      `with counted as (${countFirstAttempt}) ` +
        `${select}, exists (select 1 from counted) as "attemptCounted" ${from}`,
    );
  }

  /**
   * Creates the user, its email and roles in one transaction; a taken email is a 409. The user
   * returned is the one just written, complete (its email, no phones or external accounts, its
   * roles): it is not read back. Only UserCreationService calls it (hooks and events go there).
   */
  async create(record: NewUserRecord): Promise<User> {
    try {
      if (
        record.signedIn &&
        record.roleNames.length === 1 &&
        !record.recheckAttributes &&
        !record.phoneNumber
      )
        return await this.createSignedUp(record);
      return await this.em.transactional(async (em) => {
        const { user } = await stageNewUser(em, record);
        await em.flush();
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw takenIdentifier(error);
      if (error instanceof ForeignKeyConstraintViolationException) throw roleDeletedMeanwhile();
      throw error;
    }
  }

  /**
   * Creates many users (each with its emails, phones and roles) in one transaction (a savepoint
   * inside the caller's), a few multi-row INSERTs per table: all or none. An import's
   * batch; only UserCreationService calls it. Any refused row (a taken email) fails the whole
   * call, unmapped: the caller then writes the users one by one to find which.
   */
  async createMany(records: readonly NewUserRecord[]): Promise<User[]> {
    return this.em.transactional(async (em) => {
      const staged: StagedUser[] = [];
      for (const record of records) staged.push(await stageNewUser(em, record, false));
      const rows = (entities: object[]) => entities.map((entity) => insertRow(em, entity));
      const metadata = em.getMetadata();
      for (const [table, written] of [
        [metadata.get(User).tableName, rows(staged.map((one) => one.user))],
        [metadata.get(EmailAddress).tableName, rows(staged.flatMap((one) => one.emails))],
        [metadata.get(PhoneNumber).tableName, rows(staged.flatMap((one) => one.phones))],
      ] as const) {
        if (written.length === 0) continue;
        await insertRows(
          em,
          table,
          written[0]!.columns,
          written.map((row) => row.values),
        );
      }
      const roleLinks = staged.flatMap(({ user }, index) =>
        records[index]!.roleNames.map((roleName) => [user.id, roleName]),
      );
      if (roleLinks.length > 0)
        await insertRows(em, 'userkit_user_roles', ['"user_id"', '"role_name"'], roleLinks);
      // Others' unverified claims on the primary addresses yield to their new holders.
      const held = records.flatMap((record) =>
        record.email === null ? [] : [normalizeEmail(record.email)],
      );
      if (held.length > 0)
        await em.nativeDelete(EmailAddress, {
          normalizedEmail: { $in: held },
          verified: false,
          primary: false,
          user: { $nin: staged.map(({ user }) => user.id) },
        });
      return staged.map(({ user }) => user);
    });
  }

  /**
   * A self sign-up's user (one role), its email and role link written as ONE statement on
   * PostgreSQL (a data-modifying CTE) or one SQLite transaction (see PreparedWrite), instead of the
   * ORM's BEGIN, three INSERTs and COMMIT. The entities are built as the ORM would build them and
   * written from their own values, so the user returned is the one stored.
   */
  private async createSignedUp(record: NewUserRecord): Promise<User> {
    // Written below, not by a flush.
    const user = this.em.create(User, userFields(record), { persist: false });
    user.lastSignInAt = new Date(user.createdAt.getTime());
    const roleName = record.roleNames[0];
    user.roles.add(this.em.getReference(Role, roleName));
    const email =
      record.email === null
        ? null
        : this.em.create(
            EmailAddress,
            {
              user,
              email: record.email.trim(),
              normalizedEmail: normalizeEmail(record.email),
              verified: record.emailVerified,
              primary: true,
            },
            { persist: false },
          );
    const userRow = insertRow(this.em, user);
    const emailRow = email ? insertRow(this.em, email) : null;
    const write = this.signUpWrite(userRow.columns, emailRow?.columns ?? null);
    await write.run(this.em, [
      userRow.values,
      ...(emailRow ? [emailRow.values] : []),
      [user.id, roleName],
    ]);
    return user;
  }

  private readonly signUpWrites = new Map<string, PreparedWrite>();

  private signUpWrite(userColumns: string[], emailColumns: string[] | null): PreparedWrite {
    const key = emailColumns ? 'email' : 'anonymous';
    let write = this.signUpWrites.get(key);
    if (write) return write;
    const metadata = this.em.getMetadata();
    const insert = (table: string, columns: string[]): string =>
      `insert into "${table}" (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    const statements = [
      insert(metadata.get(User).tableName, userColumns),
      ...(emailColumns ? [insert(metadata.get(EmailAddress).tableName, emailColumns)] : []),
      insert('userkit_user_roles', ['"user_id"', '"role_name"']),
    ];
    // PostgreSQL: the first inserts as CTEs of the last (foreign keys are checked at its end).
    const ctes = statements.slice(0, -1).map((sql, index) => `w${index} as (${sql})`);
    write = new PreparedWrite(
      `userkit_sign_up_${key}_v1`,
      `with ${ctes.join(', ')} ${statements[statements.length - 1]}`,
      statements,
    );
    this.signUpWrites.set(key, write);
    return write;
  }

  async updateProfile(user: User, changes: UserProfileChanges): Promise<void> {
    this.em.assign(user, changes, { mergeObjectProperties: false });
    await this.em.flush();
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.em.nativeUpdate(User, { id: userId }, { passwordHash });
  }

  /**
   * Deletes the user (emails, phones, external accounts, sessions and role links go by cascade)
   * unless that leaves no admin: 'not_found', 'last_admin', or deleted with the number of its
   * sessions not revoked before (they ended with it). Admins are counted after the delete, inside
   * the transaction, so two admins deleting each other cannot both win. `prepare` runs first, in
   * the transaction: the feature modules' part ('refused' when one refuses).
   */
  async deleteUnlessLastAdmin<Part extends { refusal?: unknown }>(
    userId: string,
    adminRole: string,
    prepare: (em: EntityManager) => Promise<Part>,
  ): Promise<
    | { outcome: 'deleted'; liveSessions: number; part: Part }
    | { outcome: 'not_found' }
    | { outcome: 'last_admin' }
    | { outcome: 'refused'; part: Part }
  > {
    return this.em
      .transactional(async (em) => {
        await lockAdminRole(em, adminRole);
        const liveSessions = await em.count(Session, { user: userId, revokedAt: null });
        // Counted before too: in an app without any admin (yet), a user may still go.
        const adminsBefore = await countRealAdmins(em, adminRole);
        // The features' part (an organization the user leaves ownerless refuses), in this
        // transaction: a refusal rolls back whatever a feature removed before it.
        const part = await prepare(em);
        if (part.refusal !== undefined) throw new DeletionRefusedError(part);
        if ((await em.nativeDelete(User, { id: userId })) !== 1)
          return { outcome: 'not_found' as const };
        if (adminsBefore > 0 && (await countRealAdmins(em, adminRole)) === 0)
          throw new LastAdminError();
        return { outcome: 'deleted' as const, liveSessions, part };
      })
      .catch((error: unknown) => {
        if (error instanceof LastAdminError) return { outcome: 'last_admin' as const };
        if (error instanceof DeletionRefusedError)
          return { outcome: 'refused' as const, part: error.part as Part };
        throw error;
      });
  }

  /**
   * Replaces the user's roles in one transaction; refuses when that would leave no admin, or give
   * admin to an anonymous user. Counting after the change, inside the transaction, keeps two
   * demotions from racing past.
   */
  async replaceRoles(
    userId: string,
    roleNames: string[],
    adminRole: string,
  ): Promise<'replaced' | 'last_admin' | 'anonymous_admin'> {
    return this.em
      .transactional(async (em) => {
        await lockAdminRole(em, adminRole);
        const user = await em.findOneOrFail(User, { id: userId }, { populate: ['roles'] });
        if (user.isAnonymous && roleNames.includes(adminRole)) return 'anonymous_admin' as const;
        user.roles.set(roleNames.map((name) => em.getReference(Role, name)));
        await em.flush();
        if ((await countRealAdmins(em, adminRole)) === 0) throw new LastAdminError();
        return 'replaced' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof LastAdminError) return 'last_admin' as const;
        if (error instanceof ForeignKeyConstraintViolationException) throw roleDeletedMeanwhile();
        throw error;
      });
  }

  /**
   * Anonymous → real account, in place: same row, same id and metadata. The email insert's unique
   * index decides a taken address (409); the conditional update decides a double upgrade.
   */
  async upgradeAnonymous(
    userId: string,
    email: string,
    passwordHash: string,
    fromRole: string,
    toRole: string,
  ): Promise<'upgraded' | 'not_anonymous'> {
    try {
      return await this.em.transactional(async (em) => {
        const changed = await em.nativeUpdate(
          User,
          { id: userId, isAnonymous: true },
          { isAnonymous: false, passwordHash, updatedAt: new Date() },
        );
        if (changed !== 1) return 'not_anonymous' as const;
        await em.insert(EmailAddress, {
          id: newId(),
          user: userId,
          email: email.trim(),
          normalizedEmail: normalizeEmail(email),
          verified: false,
          primary: true,
          createdAt: new Date(),
        });
        // The address is now this user's primary: others' unproven claims on it yield, as at sign-up.
        await releaseUnverifiedClaims(em, normalizeEmail(email), userId);
        const user = await em.findOneOrFail(User, { id: userId }, { populate: ['roles'] });
        user.roles.remove(em.getReference(Role, fromRole));
        user.roles.add(em.getReference(Role, toRole));
        await em.flush();
        return 'upgraded' as const;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new UserKitException('EMAIL_TAKEN');
      throw error;
    }
  }

  /** Idempotent: adding a role the user has is a no-op (false). */
  async addRole(userId: string, roleName: string): Promise<boolean> {
    const user = await this.em.findOneOrFail(User, { id: userId }, { populate: ['roles'] });
    if (user.roles.getItems().some((role) => role.name === roleName)) return false;
    user.roles.add(this.em.getReference(Role, roleName));
    await this.em.flush();
    return true;
  }

  async recordSignIn(userId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(User, { id: userId }, { lastSignInAt: at });
  }
}
