import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { SignInExchange } from '../../core/extension-points/sign-in-exchange.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { CONTACTS_OPTIONS, type ResolvedContactsOptions } from '../options/contacts-options.js';
import {
  UserFeatureListeners,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { ContactsRepository } from '../repositories/contacts.repository.js';

/** What the contacts feature does when the core changes a user's standing; registers at start. */
@Injectable()
export class ContactsFeatureListener implements UserFeatureListener, OnModuleInit {
  /** What the sign-in page offers: "Email me a code" (`emailCode`), "Email me a link" (`emailLink`). */
  readonly pageFeature: readonly string[];

  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly contacts: ContactsRepository,
    @Inject(USER_OPTIONS) options: ResolvedUserOptions,
    @Inject(CONTACTS_OPTIONS) contactsOptions: ResolvedContactsOptions,
    @Optional() @Inject(SignInExchange) exchange: SignInExchange | null = null,
  ) {
    const byEmail = options.identifiers.email !== false;
    this.pageFeature = [
      ...(byEmail && contactsOptions.emailSignIn ? ['emailCode'] : []),
      ...(byEmail && contactsOptions.emailLinkSignIn && exchange ? ['emailLink'] : []),
    ];
  }

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Codes the unproven owner had sent go too: only the mailbox's owner verifies from now on. */
  async accountReclaimed(em: EntityManager, userId: string): Promise<void> {
    await this.contacts.deleteCodesOf(em, userId);
  }
}
