import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EMAIL_HOLDS } from '../../core/repositories/email-claims.js';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import { ExternalAccount } from '../../core/entities/external-account.entity.js';
import { newId } from '../../core/entities/new-id.js';
import { Role } from '../../core/entities/role.entity.js';
import { User, type JsonObject } from '../../core/entities/user.entity.js';
import type { OAuthProfile, OAuthProfileEmail } from '../extension-points/oauth-profile.js';
import { normalizeEmail } from '../../core/validation/email.js';
import {
  countSignInMethods,
  type SignInMethodCounts,
} from '../../core/repositories/sign-in-method-counts.js';
import { lockUserRow } from '../../core/sql/user-row-lock.js';
import { UserFeatureListeners } from '../../core/services/user-feature-listeners.js';

export interface NewOAuthUserRecord {
  provider: string;
  profile: OAuthProfile;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
  unsafeMetadata: JsonObject;
  publicMetadata: JsonObject;
  roleNames: string[];
}

/** A unique index said no: an email or the (provider, provider user id) pair is someone else's. */
export class IdentityConflictError extends Error {}

/** External accounts and the users they sign in: the only code writing them. */
@Injectable()
export class ExternalAccountsRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly features: UserFeatureListeners,
  ) {}

  findByProviderUserId(provider: string, providerUserId: string): Promise<ExternalAccount | null> {
    return this.em.findOne(
      ExternalAccount,
      { provider, providerUserId },
      { populate: ['user'], refresh: true },
    );
  }

  /**
   * The users holding (verified, or as primary) an address equal (case-insensitively) to any of
   * these. Unverified secondary claims are no one's: they neither link nor block.
   */
  findEmailOwners(emails: string[]): Promise<EmailAddress[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return this.em.find(
      EmailAddress,
      { normalizedEmail: { $in: emails.map(normalizeEmail) }, ...EMAIL_HOLDS },
      { populate: ['user'], refresh: true },
    );
  }

  /**
   * The provider's latest name, email and picture on an account already linked (as read in
   * `account`). False when they are what it already showed: nothing is written.
   */
  async refreshSnapshot(account: ExternalAccount, profile: OAuthProfile): Promise<boolean> {
    const next = snapshot(profile);
    if (
      account.email === next.email &&
      account.displayName === next.displayName &&
      account.picture === next.picture &&
      account.verificationStatus === next.verificationStatus &&
      account.verificationError === next.verificationError &&
      account.verificationErrorCode === next.verificationErrorCode
    )
      return false;
    await this.em.nativeUpdate(
      ExternalAccount,
      { id: account.id, provider: account.provider },
      next,
    );
    return true;
  }

  /** A new user with the provider's emails and the external account, in one transaction. */
  async createUser(record: NewOAuthUserRecord): Promise<string> {
    return this.guardUnique(() =>
      this.em.transactional(async (em) => {
        const user = em.create(User, {
          displayName: record.displayName,
          firstName: record.firstName,
          lastName: record.lastName,
          picture: record.picture,
          unsafeMetadata: record.unsafeMetadata,
          publicMetadata: record.publicMetadata,
          privateMetadata: {},
        });
        for (const roleName of record.roleNames) user.roles.add(em.getReference(Role, roleName));
        for (const email of orderedEmails(record.profile.emails)) {
          em.create(EmailAddress, {
            user,
            email: email.email,
            normalizedEmail: normalizeEmail(email.email),
            verified: email.verified,
            primary: email.primary,
          });
        }
        em.create(ExternalAccount, {
          user,
          provider: record.provider,
          providerUserId: record.profile.providerUserId,
          ...snapshot(record.profile),
        });
        await em.flush();
        return user.id;
      }),
    );
  }

  /**
   * The pending account of a link that starts: the user's not-yet-verified account of this
   * provider is reused (so a retry after a failure stays the same account), else one is made.
   */
  async startPending(userId: string, provider: string, expiresAt: Date): Promise<ExternalAccount> {
    const pending = {
      verificationStatus: 'unverified' as const,
      verificationError: null,
      verificationErrorCode: null,
      verificationExpiresAt: expiresAt,
    };
    const existing = await this.em.findOne(
      ExternalAccount,
      { user: userId, provider, verificationStatus: { $ne: 'verified' } },
      { orderBy: { createdAt: 'asc' }, refresh: true },
    );
    if (existing) {
      await this.em.nativeUpdate(ExternalAccount, { id: existing.id }, pending);
      return Object.assign(existing, pending);
    }
    const account = this.em.create(ExternalAccount, {
      user: userId,
      provider,
      providerUserId: null,
      ...pending,
    });
    await this.em.flush();
    return account;
  }

  /** The round trip started: the pending account waits as long as its state lives. */
  async extendPending(accountId: string, expiresAt: Date): Promise<void> {
    await this.em.nativeUpdate(
      ExternalAccount,
      { id: accountId, verificationStatus: 'unverified' },
      { verificationExpiresAt: expiresAt },
    );
  }

  /** The round trip failed: the pending account stays, `failed`, with the reason. False if gone. */
  async failPending(
    accountId: string,
    userId: string,
    error: { code: string; message: string },
  ): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      ExternalAccount,
      { id: accountId, user: userId, verificationStatus: { $ne: 'verified' } },
      {
        verificationStatus: 'failed',
        verificationErrorCode: error.code,
        verificationError: error.message,
      },
    );
    return changed === 1;
  }

  /** Every pending account of the user fails (their round trips were ended). False if none. */
  async failAllPending(userId: string, error: { code: string; message: string }): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      ExternalAccount,
      { user: userId, verificationStatus: 'unverified' },
      {
        verificationStatus: 'failed',
        verificationErrorCode: error.code,
        verificationError: error.message,
      },
    );
    return changed > 0;
  }

  /** The provider account turned out to be already linked to this user: the pending one goes. */
  async discardPending(accountId: string, userId: string): Promise<void> {
    await this.em.nativeDelete(ExternalAccount, {
      id: accountId,
      user: userId,
      verificationStatus: { $ne: 'verified' },
    });
  }

  /**
   * Attaches the provider account to an existing user: the link's pending account becomes it
   * (same id) when there is one, else a new row. A taken pair is an IdentityConflictError.
   */
  async attach(
    userId: string,
    provider: string,
    profile: OAuthProfile,
    pendingAccountId: string | null = null,
  ): Promise<void> {
    if (pendingAccountId) {
      const verified = await this.guardUnique(() =>
        this.em.nativeUpdate(
          ExternalAccount,
          { id: pendingAccountId, user: userId, provider, verificationStatus: { $ne: 'verified' } },
          { providerUserId: profile.providerUserId, ...snapshot(profile) },
        ),
      );
      if (verified === 1) return;
    }
    await this.guardUnique(() =>
      this.em.insert(ExternalAccount, {
        id: newId(),
        user: userId,
        provider,
        providerUserId: profile.providerUserId,
        createdAt: new Date(),
        ...snapshot(profile),
      }),
    );
  }

  /**
   * Anonymous → real account in place (same id): the provider's emails, the external account, the
   * names and picture where empty, and the default role instead of `anonymous`. Answers what
   * changed (for `user.updated`, as the password upgrade names it); null when the user is no
   * longer anonymous.
   */
  async upgradeAnonymous(
    userId: string,
    provider: string,
    profile: OAuthProfile,
    fromRole: string,
    toRole: string,
    pendingAccountId: string | null = null,
  ): Promise<string[] | null> {
    return this.guardUnique(() =>
      this.em.transactional(async (em) => {
        const changed = await em.nativeUpdate(
          User,
          { id: userId, isAnonymous: true },
          { isAnonymous: false, updatedAt: new Date() },
        );
        if (changed !== 1) return null;
        const user = await em.findOneOrFail(
          User,
          { id: userId },
          { populate: ['roles'], refresh: true },
        );
        const changes = ['isAnonymous'];
        if (profile.emails.length > 0) changes.push('emailAddresses');
        changes.push('externalAccounts', 'roles');
        for (const field of ['displayName', 'firstName', 'lastName', 'picture'] as const) {
          if (user[field] !== null || profile[field] === null) continue;
          user[field] = profile[field];
          changes.push(field);
        }
        user.roles.remove(em.getReference(Role, fromRole));
        user.roles.add(em.getReference(Role, toRole));
        for (const email of orderedEmails(profile.emails)) {
          em.create(EmailAddress, {
            user,
            email: email.email,
            normalizedEmail: normalizeEmail(email.email),
            verified: email.verified,
            primary: email.primary,
          });
        }
        const verified = pendingAccountId
          ? await em.nativeUpdate(
              ExternalAccount,
              { id: pendingAccountId, user: userId, provider },
              { providerUserId: profile.providerUserId, ...snapshot(profile) },
            )
          : 0;
        if (verified !== 1)
          em.create(ExternalAccount, {
            user,
            provider,
            providerUserId: profile.providerUserId,
            ...snapshot(profile),
          });
        await em.flush();
        return changes;
      }),
    );
  }

  /**
   * Removes one of the user's external accounts after `check` approves (it throws to refuse: the
   * last-way-to-sign-in rule; a pending or failed account is no way in and goes unchecked). The
   * user row is locked first, so two concurrent unlinks cannot each see the other account and both
   * succeed. Answers the account removed; null when the account is not the user's (or another
   * request removed it first).
   */
  async unlink(
    userId: string,
    accountId: string,
    check: (counts: SignInMethodCounts) => void,
  ): Promise<{ provider: string; providerUserId: string | null; verified: boolean } | null> {
    return this.em.transactional(async (em) => {
      await lockUserRow(em, userId);
      const account = await em.findOne(
        ExternalAccount,
        { id: accountId, user: userId },
        { refresh: true },
      );
      if (!account) return null;
      const verified = account.verificationStatus === 'verified';
      if (verified) check(await countSignInMethods(em, userId, this.features));
      await em.nativeDelete(ExternalAccount, { id: accountId, user: userId });
      return { provider: account.provider, providerUserId: account.providerUserId, verified };
    });
  }

  private async guardUnique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new IdentityConflictError(error.message);
      throw error;
    }
  }
}

function snapshot(profile: OAuthProfile) {
  const primary = profile.emails.find((email) => email.primary) ?? profile.emails[0];
  return {
    email: primary?.email ?? null,
    displayName: profile.displayName,
    picture: profile.picture,
    verificationStatus: 'verified' as const,
    verificationError: null,
    verificationErrorCode: null,
    verificationExpiresAt: null,
  };
}

/** Exactly one primary when there are emails: the provider's primary, else the first. */
function orderedEmails(emails: OAuthProfileEmail[]): OAuthProfileEmail[] {
  let primarySeen = false;
  const ordered = emails.map((email) => {
    const primary = email.primary && !primarySeen;
    if (primary) primarySeen = true;
    return { ...email, primary };
  });
  if (!primarySeen && ordered.length > 0) ordered[0].primary = true;
  return ordered;
}
