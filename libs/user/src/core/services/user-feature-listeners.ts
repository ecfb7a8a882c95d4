import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { UserKitException } from '../errors/user-kit.exception.js';
import type { UserKitEvent } from '../events/user-events.publisher.js';

/** A session's active organization, as token templates read it (`org.id`, `org.role`, `org.slug`). */
export interface SessionOrganizationClaims {
  id: string;
  slug: string;
  role: string;
}

/** A feature's part in a user's deletion, decided inside the deletion's transaction. */
export interface UserDeletionPart {
  /** Refuses the deletion: the caller answers with it, and nothing is written. */
  refusal?: UserKitException;
  /** What went with the user, reported after the commit (before `user.deleted`). */
  events?: readonly UserKitEvent[];
  /** After the commit: what lives outside the database (files). Its failure is the feature's. */
  afterCommit?: () => Promise<void>;
}

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
  /**
   * The organization this session works in, while the user is still its member (organizations):
   * token templates read it without importing that module.
   */
  activeOrganization?(sessionId: string, userId: string): Promise<SessionOrganizationClaims | null>;
  /**
   * The user is about to be deleted, inside that transaction (the admin role locked): refuse, or
   * remove what must not outlive the user through the feature's own write path, and say so.
   */
  userDeleting?(em: EntityManager, userId: string): Promise<UserDeletionPart | void>;
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

  /** The first answer of a feature that knows the session's organization; null: none. */
  async activeOrganization(
    sessionId: string,
    userId: string,
  ): Promise<SessionOrganizationClaims | null> {
    for (const listener of this.listeners) {
      const organization = await listener.activeOrganization?.(sessionId, userId);
      if (organization) return organization;
    }
    return null;
  }

  /**
   * Every listener's part, in the deletion's transaction: the first refusal stops there (the
   * transaction is rolled back); otherwise the events and after-commit steps of all.
   */
  async userDeleting(
    em: EntityManager,
    userId: string,
  ): Promise<Required<Pick<UserDeletionPart, 'events' | 'afterCommit'>> & UserDeletionPart> {
    const events: UserKitEvent[] = [];
    const afterCommit: Array<() => Promise<void>> = [];
    for (const listener of this.listeners) {
      const part = await listener.userDeleting?.(em, userId);
      if (!part) continue;
      if (part.refusal) return { refusal: part.refusal, events: [], afterCommit: async () => {} };
      events.push(...(part.events ?? []));
      if (part.afterCommit) afterCommit.push(part.afterCommit);
    }
    return {
      events,
      afterCommit: async () => {
        for (const step of afterCommit) await step();
      },
    };
  }

  async countSignInMethods(em: EntityManager, userId: string): Promise<number> {
    let total = 0;
    for (const listener of this.listeners)
      total += (await listener.countSignInMethods?.(em, userId)) ?? 0;
    return total;
  }
}
