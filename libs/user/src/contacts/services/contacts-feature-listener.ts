import type { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UserFeatureListeners,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { ContactsRepository } from '../repositories/contacts.repository.js';

/** What the contacts feature does when the core changes a user's standing; registers at start. */
@Injectable()
export class ContactsFeatureListener implements UserFeatureListener, OnModuleInit {
  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly contacts: ContactsRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Codes the unproven owner had sent go too: only the mailbox's owner verifies from now on. */
  async accountReclaimed(em: EntityManager, userId: string): Promise<void> {
    await this.contacts.deleteCodesOf(em, userId);
  }
}
