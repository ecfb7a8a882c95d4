import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UserFeatureListeners,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { OAuthFlowsRepository } from '../repositories/oauth-flows.repository.js';
import { ExternalAccountsRepository } from '../repositories/external-accounts.repository.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { LINK_FAILURE_MESSAGES } from './link-failure-messages.js';

/**
 * A password reset or change ends every link round trip not finished yet: an intent or a started
 * state taken from a session that may be the thief's links nothing, and their pending external
 * accounts read `failed` (`invalid_state`). Registers itself with the core when the module starts.
 */
@Injectable()
export class PendingLinksListener implements UserFeatureListener, OnModuleInit {
  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly flows: OAuthFlowsRepository,
    private readonly accounts: ExternalAccountsRepository,
    private readonly updates: UserUpdateService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async passwordChanged(userId: string): Promise<void> {
    await this.flows.endPendingLinks(userId, new Date());
    const code = 'invalid_state';
    if (await this.accounts.failAllPending(userId, { code, message: LINK_FAILURE_MESSAGES[code]! }))
      await this.updates.changed(userId, ['externalAccounts']);
  }
}
