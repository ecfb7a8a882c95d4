import type { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UserFeatureListeners,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { TwoFactorRepository } from '../repositories/two-factor.repository.js';

/** What the core's changes of a user's standing mean for the 2FA rows; registers itself at start. */
@Injectable()
export class TwoFactorFeatureListener implements UserFeatureListener, OnModuleInit {
  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly twoFactor: TwoFactorRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** The unproven owner's authenticator, backup codes and pending challenges go (the core turns 2FA off). */
  async accountReclaimed(em: EntityManager, userId: string): Promise<void> {
    await this.twoFactor.deleteAllOf(em, userId);
  }
}
