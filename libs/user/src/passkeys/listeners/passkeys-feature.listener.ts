import type { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  UserFeatureListeners,
  type UserFeatureListener,
} from '../../core/services/user-feature-listeners.js';
import { PasskeysRepository } from '../repositories/passkeys.repository.js';

/** What passkeys mean to the core: ways in that count, and rows a reclaimed account drops. */
@Injectable()
export class PasskeysFeatureListener implements UserFeatureListener, OnModuleInit {
  /** The pages offer "Sign in with a passkey" and the profile's passkey panel. */
  readonly pageFeature = 'passkeys';

  constructor(
    private readonly listeners: UserFeatureListeners,
    private readonly passkeys: PasskeysRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Each passkey is a way in: the last one cannot go, nor the last address while it is away. */
  countSignInMethods(em: EntityManager, userId: string): Promise<number> {
    return this.passkeys.countOf(em, userId);
  }

  /** The unproven owner's passkeys would let them back in after the reset: they go. */
  async accountReclaimed(em: EntityManager, userId: string): Promise<string[]> {
    return (await this.passkeys.deleteAllOf(em, userId)) > 0 ? ['passkeys'] : [];
  }
}
