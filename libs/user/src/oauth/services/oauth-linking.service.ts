import { Inject, Injectable, Optional } from '@nestjs/common';
import { IdentifierVerification } from '../../core/extension-points/identifier-verification.js';
import type { ExternalAccount } from '../../core/entities/external-account.entity.js';
import type { User } from '../../core/entities/user.entity.js';
import type { OAuthProfile } from '../extension-points/oauth-profile.js';
import { ANONYMOUS_ROLE } from '../../core/options/built-in-roles.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import {
  ExternalAccountsRepository,
  IdentityConflictError,
} from '../repositories/external-accounts.repository.js';
import { EmailAddressesRepository } from '../../core/repositories/email-addresses.repository.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import {
  MessageDeliveryService,
  recipientOf,
} from '../../core/services/message-delivery.service.js';
import { UserCreationService } from '../../core/services/user-creation.service.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { normalizeEmail } from '../../core/validation/email.js';
import { isBannedAt } from '../../core/entities/ban-state.js';

/** The `error=` values a refused OAuth sign-in or link redirects with. */
export type OAuthRefusal =
  'account_exists_sign_in_to_link' | 'external_account_taken' | 'sign_in_refused';

export type LinkOutcome =
  | { kind: 'signed_in'; userId: string }
  | { kind: 'upgraded'; userId: string }
  | { kind: 'linked'; userId: string }
  | { kind: 'refused'; error: OAuthRefusal };

/** Who the round trip was started for: nobody (sign-in), or a signed-in user (link / upgrade). */
export interface LinkTarget {
  user: User;
  /** The link's pending external account: the one the round trip verifies. */
  pendingAccountId?: string | null;
}

/**
 * The linking rule of API.md. An account is found by (provider, provider user id) only, never by
 * email or login name. An email match links only when the provider vouches for the address AND the
 * user verified it; any other match refuses and changes nothing (the account-takeover class of
 * GHSA-g38m-r43w-p2q7 and CVE-2023-27490).
 */
@Injectable()
export class OAuthLinkingService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly accounts: ExternalAccountsRepository,
    private readonly users: UsersRepository,
    private readonly delivery: MessageDeliveryService,
    private readonly emailAddresses: EmailAddressesRepository,
    private readonly creation: UserCreationService,
    private readonly updates: UserUpdateService,
    @Optional()
    @Inject(IdentifierVerification)
    private readonly verification: IdentifierVerification | undefined,
  ) {}

  async resolve(
    provider: string,
    profile: OAuthProfile,
    target: LinkTarget | null,
  ): Promise<LinkOutcome> {
    try {
      return await this.decide(provider, profile, target);
    } catch (error) {
      // A concurrent round trip claimed the pair or an address between our read and our write:
      // decide again on what is now stored.
      if (!(error instanceof IdentityConflictError)) throw error;
      return this.decide(provider, profile, target);
    }
  }

  private async decide(
    provider: string,
    profile: OAuthProfile,
    target: LinkTarget | null,
  ): Promise<LinkOutcome> {
    const existing = await this.accounts.findByProviderUserId(provider, profile.providerUserId);
    if (target) return this.forTarget(provider, profile, target, existing);
    if (existing) {
      if (isBannedAt(existing.user)) return { kind: 'refused', error: 'sign_in_refused' };
      await this.refreshSnapshot(existing, profile);
      return { kind: 'signed_in', userId: existing.user.id };
    }
    const owners = await this.accounts.findEmailOwners(profile.emails.map((e) => e.email));
    if (owners.length === 0)
      return { kind: 'signed_in', userId: await this.create(provider, profile) };
    const ownerIds = new Set(owners.map((owner) => owner.user.id));
    const verifiedByProvider = new Set(
      profile.emails.filter((email) => email.verified).map((email) => normalizeEmail(email.email)),
    );
    const verifiedMatch = owners.some(
      (owner) => owner.verified && verifiedByProvider.has(owner.normalizedEmail),
    );
    // One owner, and an address both sides verified: the same person. Anything else may be an
    // attacker who registered the victim's address somewhere unverified.
    if (ownerIds.size !== 1 || !verifiedMatch)
      return { kind: 'refused', error: 'account_exists_sign_in_to_link' };
    const owner = owners[0].user;
    if (isBannedAt(owner)) return { kind: 'refused', error: 'sign_in_refused' };
    await this.accounts.attach(owner.id, provider, profile);
    await this.announceLink(owner.id, provider, profile);
    return { kind: 'signed_in', userId: owner.id };
  }

  private async forTarget(
    provider: string,
    profile: OAuthProfile,
    target: LinkTarget,
    existing: ExternalAccount | null,
  ): Promise<LinkOutcome> {
    const { user } = target;
    const pendingAccountId = target.pendingAccountId ?? null;
    if (existing) {
      if (existing.user.id !== user.id) return { kind: 'refused', error: 'external_account_taken' };
      // Linked already: the pending account was a second copy of it.
      if (pendingAccountId) await this.accounts.discardPending(pendingAccountId, user.id);
      await this.refreshSnapshot(existing, profile);
      if (pendingAccountId) await this.updates.changed(user.id, ['externalAccounts']);
      return { kind: 'linked', userId: user.id };
    }
    if (user.isAnonymous) {
      // Upgrading takes the provider's addresses: none may belong to someone else.
      const owners = await this.accounts.findEmailOwners(profile.emails.map((e) => e.email));
      if (owners.some((owner) => owner.user.id !== user.id))
        return { kind: 'refused', error: 'account_exists_sign_in_to_link' };
      const upgraded = await this.accounts.upgradeAnonymous(
        user.id,
        provider,
        profile,
        ANONYMOUS_ROLE,
        this.options.defaultRole,
        pendingAccountId,
      );
      if (upgraded) {
        await this.updates.changed(user.id, upgraded);
        return { kind: 'upgraded', userId: user.id };
      }
    }
    await this.accounts.attach(user.id, provider, profile, pendingAccountId);
    await this.announceLink(user.id, provider, profile);
    return { kind: 'linked', userId: user.id };
  }

  /** The provider's latest snapshot shows in the user's `externalAccounts`: a change when it differs. */
  private async refreshSnapshot(account: ExternalAccount, profile: OAuthProfile): Promise<void> {
    if (await this.accounts.refreshSnapshot(account, profile))
      await this.updates.changed(account.user.id, ['externalAccounts']);
  }

  /** The events, and a notice to the owner's primary address: a link they did not make shows. */
  private async announceLink(
    userId: string,
    provider: string,
    profile: OAuthProfile,
  ): Promise<void> {
    await this.updates.externalAccountLinked(userId, provider, profile.providerUserId);
    const user = await this.users.findFullById(userId);
    const primary = user?.emailAddresses.getItems().find((email) => email.primary);
    if (!user || !primary) return;
    const providerEmail = profile.emails.find((email) => email.primary) ?? profile.emails[0];
    await this.delivery.deliver('sendSignInMethodLinkedNotice', {
      user: recipientOf(user),
      email: primary.email,
      provider,
      providerEmail: providerEmail?.email ?? null,
      linkedAt: new Date(),
    });
  }

  /**
   * Through the core's one creation path: the host's hooks and `user.created` run once. An
   * address the provider did not verify gets its code, as a password sign-up's does.
   */
  private async create(provider: string, profile: OAuthProfile): Promise<string> {
    const userId = await this.createUser(provider, profile);
    const primary = profile.emails.find((email) => email.primary) ?? profile.emails[0];
    if (this.verification && primary && !primary.verified) {
      const user = await this.users.findFullById(userId);
      if (user) await this.verification.sendCodesFor(user);
    }
    return userId;
  }

  private async createUser(provider: string, profile: OAuthProfile): Promise<string> {
    const primary = profile.emails.find((email) => email.primary) ?? profile.emails[0];
    const draft = {
      email: primary?.email ?? null,
      displayName: profile.displayName,
      firstName: profile.firstName,
      lastName: profile.lastName,
      picture: profile.picture,
      unsafeMetadata: {},
      publicMetadata: {},
      isAnonymous: false,
      source: 'oauth' as const,
    };
    return this.creation.createWith(draft, async (accepted) => {
      const userId = await this.accounts.createUser({
        provider,
        profile,
        displayName: accepted.displayName,
        firstName: accepted.firstName,
        lastName: accepted.lastName,
        picture: accepted.picture,
        unsafeMetadata: accepted.unsafeMetadata,
        publicMetadata: accepted.publicMetadata,
        roleNames: [this.options.defaultRole],
      });
      // Others' unverified claims on the addresses the new user now holds yield to it.
      for (const email of profile.emails.filter((entry) => entry.verified || entry === primary))
        await this.emailAddresses.releaseUnverifiedClaims(normalizeEmail(email.email), userId);
      return { userId, email: primary?.email ?? null, result: userId };
    });
  }
}
