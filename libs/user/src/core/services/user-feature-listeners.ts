import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/** What a feature module does with its own rows when the core changes a user's standing. */
export interface UserFeatureListener {
  /** The password was changed or reset: end what the old credentials started. */
  passwordChanged?(userId: string): Promise<void>;
  /**
   * A reset link proved an address nobody had verified: inside that transaction, drop what the
   * unproven owner added through this feature (2FA, pending codes, passkeys, ...). May answer what
   * the user's views lost, as `user.updated` names it (`passkeys`).
   */
  accountReclaimed?(em: EntityManager, userId: string): Promise<readonly string[] | void>;
  /**
   * How many ways in this feature gives the user (passkeys), read inside the caller's transaction:
   * the last-way-to-sign-in rule counts them with the core's own.
   */
  countSignInMethods?(em: EntityManager, userId: string): Promise<number>;
  /**
   * The name the prebuilt pages know this feature by (`passkeys`), or the names of what it turned
   * on (`emailCode`, `emailLink`): UserPagesModule tells the pages which features the server has,
   * so they offer only what answers, without importing the module.
   */
  readonly pageFeature?: string | readonly string[];
}

/**
 * The core calls the feature modules through this registry, never by import: a feature registers
 * its listener when it starts (`onModuleInit`), and a host without the feature has none.
 */
@Injectable()
export class UserFeatureListeners {
  private readonly listeners: UserFeatureListener[] = [];

  register(listener: UserFeatureListener): void {
    this.listeners.push(listener);
  }

  /** The `pageFeature` names of the registered features (once every module has started). */
  pageFeatures(): string[] {
    return this.listeners.flatMap((listener) =>
      listener.pageFeature === undefined ? [] : [listener.pageFeature].flat(),
    );
  }

  async passwordChanged(userId: string): Promise<void> {
    for (const listener of this.listeners) await listener.passwordChanged?.(userId);
  }

  /** Every listener's reclaim, in the caller's transaction; answers the names of what changed. */
  async accountReclaimed(em: EntityManager, userId: string): Promise<string[]> {
    const changed: string[] = [];
    for (const listener of this.listeners)
      changed.push(...((await listener.accountReclaimed?.(em, userId)) ?? []));
    return changed;
  }

  async countSignInMethods(em: EntityManager, userId: string): Promise<number> {
    let total = 0;
    for (const listener of this.listeners)
      total += (await listener.countSignInMethods?.(em, userId)) ?? 0;
    return total;
  }
}
