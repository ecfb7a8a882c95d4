import { Inject, Injectable } from '@nestjs/common';
import type { User } from '../../core/entities/user.entity.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { UserCreationService } from '../../core/services/user-creation.service.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { CONTACTS_OPTIONS, type ResolvedContactsOptions } from '../options/contacts-options.js';
import { EmailSignInCodesRepository } from '../repositories/email-sign-in-codes.repository.js';
import { EmailSignInTokensRepository } from '../repositories/email-sign-in-tokens.repository.js';

/**
 * `passwordless.signUp`: an email code or link to an address no account holds opens a new account,
 * its address verified, through the one write path of every new user (`beforeCreate`, the write,
 * `user.created` with source `passwordless`, `afterCreate`; the audit and webhooks follow the event).
 */
@Injectable()
export class PasswordlessSignUp {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(CONTACTS_OPTIONS) private readonly contactsOptions: ResolvedContactsOptions,
    private readonly creation: UserCreationService,
    private readonly users: UsersRepository,
    private readonly tokens: EmailSignInTokensRepository,
    private readonly verifiedAddresses: EmailSignInCodesRepository,
  ) {}

  /** Whether a message may offer a new account to this address: sign-up on, nobody holds it. */
  async offeredTo(normalizedEmail: string): Promise<boolean> {
    return (
      this.contactsOptions.passwordlessSignUp && !(await this.tokens.addressHeld(normalizedEmail))
    );
  }

  /**
   * The new account for a proven address. When another code or link for it won the race, the
   * address is now verified: its holder is who the mailbox's owner signs in as. Null: sign-up was
   * turned off since, or the address went to an account that has not proven it.
   */
  async accountFor(email: string, normalizedEmail: string): Promise<User | null> {
    if (!this.contactsOptions.passwordlessSignUp) return null;
    try {
      return await this.creation.create(
        {
          email,
          displayName: null,
          firstName: null,
          lastName: null,
          picture: null,
          unsafeMetadata: {},
          publicMetadata: {},
          isAnonymous: false,
          source: 'passwordless',
        },
        {
          password: null,
          emailVerified: true,
          privateMetadata: {},
          roleNames: [this.options.defaultRole],
          signedIn: false,
        },
      );
    } catch (error) {
      if (!(error instanceof UserKitException && error.code === 'EMAIL_TAKEN')) throw error;
      const holder = await this.verifiedAddresses.findVerified(normalizedEmail);
      return holder && !holder.banned ? this.users.findFullById(holder.userId) : null;
    }
  }
}
