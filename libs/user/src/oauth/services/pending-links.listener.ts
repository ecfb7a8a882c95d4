import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UserFeatureListeners,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { OAuthFlowsRepository } from '../repositories/oauth-flows.repository.js';

/**
 * A password reset or change ends every link round trip not finished yet: an intent or a started
 * state taken from a session that may be the thief's links nothing. Registers itself with the
 * core when the module starts.
 */
@Injectable()
export class PendingLinksListener implements UserFeatureListener, OnModuleInit {
  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly flows: OAuthFlowsRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async passwordChanged(userId: string): Promise<void> {
    await this.flows.endPendingLinks(userId, new Date());
  }
}
