import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserEventsPublisher, userKitEvent } from '../events/user-events.publisher.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { UserLifecycleHooks, type NewUserDraft } from '../extension-points/user-lifecycle-hooks.js';
import { logValue } from '../messages/log-value.js';
import { EmailAddressesRepository } from '../repositories/email-addresses.repository.js';
import { UsersRepository, type NewUserRecord } from '../repositories/users.repository.js';
import { normalizeEmail } from '../validation/email.js';
import { metadataProblem } from '../validation/json-metadata.js';
import { HashingGate } from './hashing-gate.js';

/** A draft with nothing but its address and source (anonymous, admin-made and startup users). */
export function bareDraft(source: NewUserDraft['source'], email: string | null): NewUserDraft {
  return {
    email,
    displayName: null,
    firstName: null,
    lastName: null,
    picture: null,
    unsafeMetadata: {},
    publicMetadata: {},
    isAnonymous: source === 'anonymous',
    source,
  };
}

/** What a user made by the core gets beyond the draft the hooks see. */
export interface NewUserAccount {
  /** Hashed once `beforeCreate` accepted the user (a refused one costs no hash); null: none. */
  password: string | null;
  emailVerified: boolean;
  privateMetadata: JsonObject;
  roleNames: string[];
  /**
   * Custom attribute values already checked against the writer's access (the host's declared
   * fields among them); the hooks do not see them. Default none.
   */
  customAttributes?: JsonObject;
  /** Checked values of the standard attributes kept as JSON (birthdate, locale, ...). */
  standardAttributes?: JsonObject;
  /** See NewUserRecord.recheckAttributes: the values checked again in the write's transaction. */
  recheckAttributes?: NewUserRecord['recheckAttributes'];
  /** A self sign-up: the INSERT records the sign-in as well. */
  signedIn: boolean;
  /** Lower-cased and checked (normalizeUsername); the hooks do not see it. Default none. */
  username?: string | null;
  /** E.164, added unverified (the contacts module sends its code). Default none. */
  phoneNumber?: string | null;
  /**
   * An imported user: a hash from the source system kept as given (instead of `password`; the
   * hasher verifies it in its format at sign-in, then re-hashes), and what else the import keeps.
   */
  imported?: Pick<
    NewUserRecord,
    'externalId' | 'createdAt' | 'moreEmails' | 'morePhoneNumbers' | 'phoneNumberVerified'
  > & { passwordHash: string | null };
}

/** The row a new user is written as: the accepted draft, the account, the hash. */
function recordOf(
  accepted: NewUserDraft,
  account: NewUserAccount,
  passwordHash: string | null,
): NewUserRecord {
  const imported = account.imported;
  return {
    ...accepted,
    email: accepted.isAnonymous ? null : accepted.email,
    emailVerified: account.emailVerified,
    passwordHash,
    privateMetadata: account.privateMetadata,
    customAttributes: account.customAttributes,
    standardAttributes: account.standardAttributes,
    recheckAttributes: account.recheckAttributes,
    roleNames: account.roleNames,
    signedIn: account.signedIn,
    username: account.username ?? null,
    phoneNumber: account.phoneNumber ?? null,
    externalId: imported?.externalId ?? null,
    createdAt: imported?.createdAt,
    moreEmails: imported?.moreEmails,
    morePhoneNumbers: imported?.morePhoneNumbers,
    phoneNumberVerified: imported?.phoneNumberVerified,
  };
}

/** What a feature's own write of a new user reports (see `createWith`). */
export interface WrittenUser<Result> {
  userId: string;
  /** The user's primary address, as `afterCreate` is told it. */
  email: string | null;
  result: Result;
}

/**
 * The one way a user comes to exist, whatever the source (sign-up, anonymous, OAuth, admin):
 * `beforeCreate` before anything is written, the write, then `user.created` and `afterCreate`
 * once each, after the commit (a refused or rolled-back creation emits and calls nothing after).
 */
@Injectable()
export class UserCreationService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(UserLifecycleHooks) private readonly hooks: UserLifecycleHooks,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    private readonly hashingGate: HashingGate,
    private readonly users: UsersRepository,
    private readonly emailAddresses: EmailAddressesRepository,
    private readonly events: UserEventsPublisher,
  ) {}

  /** A user with at most one (primary) email, written by the core; the user returned is complete. */
  async create(draft: NewUserDraft, account: NewUserAccount): Promise<User> {
    const accepted = await this.runBeforeCreate(draft);
    // Hashed before the write: no transaction is open while the hash runs.
    const passwordHash = await this.passwordHashOf(account);
    return this.writeAndAnnounce(accepted, () => this.writeOne(accepted, account, passwordHash));
  }

  /**
   * Many users at once (an import's batch), each as `create` would make it: `beforeCreate` once
   * per user, then the accepted ones written in ONE transaction with their `user.created` events
   * (multi-row INSERTs), then `afterCreate` for each. When that write fails (a taken address, a
   * duplicate), the batch is split until the refused user is written alone, as `create` does, so
   * one bad user costs only itself: each outcome is the user or the error that refused it, in the
   * order given.
   */
  async createMany(
    items: ReadonlyArray<{ draft: NewUserDraft; account: NewUserAccount }>,
  ): Promise<Array<{ user: User } | { error: unknown }>> {
    const outcomes: Array<{ user: User } | { error: unknown }> = [];
    const pending: Array<{ index: number; record: NewUserRecord; accepted: NewUserDraft }> = [];
    for (const [index, { draft, account }] of items.entries()) {
      try {
        const accepted = await this.runBeforeCreate(draft);
        const record = recordOf(accepted, account, await this.passwordHashOf(account));
        pending.push({ index, record, accepted });
        outcomes.push({ error: undefined });
      } catch (error) {
        outcomes.push({ error });
      }
    }
    if (pending.length === 0) return outcomes;
    await this.writeIsolating(pending, outcomes);
    return outcomes;
  }

  /**
   * Writes the users in one transaction with their events, then runs `afterCreate` for each. When
   * the database refuses the write (nothing of it is kept), each half is tried on its own, down
   * to single users written as `create` writes them (their error mapped to a code): one bad user
   * among n costs about 2·log2(n) writes, and the users before it are still written first.
   */
  private async writeIsolating(
    pending: ReadonlyArray<{ index: number; record: NewUserRecord; accepted: NewUserDraft }>,
    outcomes: Array<{ user: User } | { error: unknown }>,
  ): Promise<void> {
    if (pending.length === 1) {
      const { index, record, accepted } = pending[0]!;
      try {
        outcomes[index] = {
          user: await this.writeAndAnnounce(accepted, () => this.writeRecord(record)),
        };
      } catch (error) {
        outcomes[index] = { error };
      }
      return;
    }
    let users: User[];
    try {
      users = await this.events.commit(
        () => this.users.createMany(pending.map((item) => item.record)),
        (written) =>
          written.map((user, at) =>
            userKitEvent('user.created', {
              userId: user.id,
              isAnonymous: pending[at]!.accepted.isAnonymous,
              source: pending[at]!.accepted.source,
            }),
          ),
      );
    } catch {
      const half = Math.ceil(pending.length / 2);
      await this.writeIsolating(pending.slice(0, half), outcomes);
      await this.writeIsolating(pending.slice(half), outcomes);
      return;
    }
    for (const [at, user] of users.entries()) {
      outcomes[pending[at]!.index] = { user };
      // The primary address as written (trimmed), as `create` tells it.
      await this.runAfterCreate(user.id, pending[at]!.record.email?.trim() ?? null);
    }
  }

  private async passwordHashOf(account: NewUserAccount): Promise<string | null> {
    const password = account.password;
    if (password === null) return account.imported?.passwordHash ?? null;
    return this.hashingGate.run(() => this.hasher.hash(password));
  }

  private writeOne(
    accepted: NewUserDraft,
    account: NewUserAccount,
    passwordHash: string | null,
  ): Promise<WrittenUser<User>> {
    return this.writeRecord(recordOf(accepted, account, passwordHash));
  }

  private async writeRecord(record: NewUserRecord): Promise<WrittenUser<User>> {
    const user = await this.users.create(record);
    // Others' unverified claims on the address yield to the one who now holds it.
    if (record.email !== null)
      await this.emailAddresses.releaseUnverifiedClaims(normalizeEmail(record.email), user.id);
    return {
      userId: user.id,
      email: user.emailAddresses.getItems()[0]?.email ?? null,
      result: user,
    };
  }

  /**
   * For a feature that writes the new user with rows of its own in one transaction (OAuth: the
   * external account): `write` gets the draft `beforeCreate` accepted and returns once written.
   * With a transactional event sink, `write` runs inside the transaction that records the event:
   * it must only write (no slow work such as hashing).
   */
  async createWith<Result>(
    draft: NewUserDraft,
    write: (accepted: NewUserDraft) => Promise<WrittenUser<Result>>,
  ): Promise<Result> {
    const accepted = await this.runBeforeCreate(draft);
    return this.writeAndAnnounce(accepted, () => write(accepted));
  }

  /** The write and its `user.created` (one transaction with a sink), then `afterCreate`. */
  private async writeAndAnnounce<Result>(
    accepted: NewUserDraft,
    write: () => Promise<WrittenUser<Result>>,
  ): Promise<Result> {
    const written = await this.events.commit(write, (done) => [
      userKitEvent('user.created', {
        userId: done.userId,
        isAnonymous: accepted.isAnonymous,
        source: accepted.source,
      }),
    ]);
    await this.runAfterCreate(written.userId, written.email);
    return written.result;
  }

  private async runBeforeCreate(draft: NewUserDraft): Promise<NewUserDraft> {
    const changed = (await this.hooks.beforeCreate?.({ ...draft })) ?? draft;
    for (const field of ['unsafeMetadata', 'publicMetadata'] as const) {
      const problem = metadataProblem(changed[field]);
      if (problem)
        throw new Error(`UserLifecycleHooks.beforeCreate returned ${field} that ${problem}`);
    }
    // The source decides how the user is made: a hook cannot turn one kind into another.
    return { ...changed, isAnonymous: draft.isAnonymous, source: draft.source };
  }

  private async runAfterCreate(id: string, email: string | null): Promise<void> {
    try {
      await this.hooks.afterCreate?.({ id, email });
    } catch (error) {
      this.logger.error(`UserLifecycleHooks.afterCreate failed for user ${id}: ${logValue(error)}`);
    }
  }
}
