import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../../core/entities/user.entity.js';
import type { SignInMethodCounts } from '../../core/repositories/sign-in-method-counts.js';
import { countSignInMethods } from '../../core/repositories/sign-in-method-counts.js';
import { UserFeatureListeners } from '../../core/services/user-feature-listeners.js';
import { lockUserRow } from '../../core/sql/user-row-lock.js';
import {
  PasskeyChallenge,
  type PasskeyChallengePurpose,
} from '../entities/passkey-challenge.entity.js';
import { Passkey } from '../entities/passkey.entity.js';

/** What a verified registration stores. */
export interface NewPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string | null;
  deviceType: string;
  backedUp: boolean;
  name: string;
}

/** Passkeys and their challenges. */
@Injectable()
export class PasskeysRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly features: UserFeatureListeners,
  ) {}

  /** Stores a challenge's digest; expired ones of anybody go at the same time (no sweeper needed). */
  async createChallenge(
    tokenHash: string,
    purpose: PasskeyChallengePurpose,
    userId: string | null,
    expiresAt: Date,
  ): Promise<void> {
    await this.em.nativeDelete(PasskeyChallenge, { expiresAt: { $lt: new Date() } });
    this.em.create(PasskeyChallenge, {
      tokenHash,
      purpose,
      user: userId === null ? null : this.em.getReference(User, userId),
      expiresAt,
    });
    await this.em.flush();
  }

  /**
   * Spends a live challenge of this purpose (and user, for a registration): one DELETE decides, so
   * of two requests naming it (another instance's too) only one gets true.
   */
  async consumeChallenge(
    tokenHash: string,
    purpose: PasskeyChallengePurpose,
    userId: string | null,
    now: Date,
  ): Promise<boolean> {
    const deleted = await this.em.nativeDelete(PasskeyChallenge, {
      tokenHash,
      purpose,
      user: userId,
      expiresAt: { $gt: now },
    });
    return deleted === 1;
  }

  listOf(userId: string): Promise<Passkey[]> {
    return this.em.find(
      Passkey,
      { user: userId },
      { orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true },
    );
  }

  findOfUser(userId: string, id: string): Promise<Passkey | null> {
    return this.em.findOne(Passkey, { id, user: userId }, { refresh: true });
  }

  findByCredentialId(credentialId: string): Promise<Passkey | null> {
    return this.em.findOne(Passkey, { credentialId }, { populate: ['user'], refresh: true });
  }

  /** The new passkey; a credential already registered (to anybody) breaks the unique index. */
  async add(userId: string, passkey: NewPasskey): Promise<Passkey> {
    const row = this.em.create(Passkey, { user: this.em.getReference(User, userId), ...passkey });
    await this.em.flush();
    return row;
  }

  async rename(userId: string, id: string, name: string): Promise<Passkey | null> {
    const changed = await this.em.nativeUpdate(Passkey, { id, user: userId }, { name });
    return changed === 1 ? this.findOfUser(userId, id) : null;
  }

  /**
   * Records a verified assertion: the counter moves from the value the check saw to the new one,
   * by a conditional update, so two assertions racing on the same counter cannot both pass.
   */
  async recordUse(
    id: string,
    seenCounter: number,
    newCounter: number,
    backedUp: boolean,
    at: Date,
  ): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      Passkey,
      { id, counter: seenCounter },
      { counter: newCounter, backedUp, lastUsedAt: at },
    );
    return changed === 1;
  }

  /**
   * Removes one of the user's passkeys after `check` approves (it throws to refuse: the
   * last-way-to-sign-in rule), under the user's row lock so two removals cannot both see "one
   * left". Answers the passkey removed; null when it is not the user's.
   */
  async remove(
    userId: string,
    id: string,
    check: (counts: SignInMethodCounts) => void,
  ): Promise<Passkey | null> {
    return this.em.transactional(async (em) => {
      await lockUserRow(em, userId);
      const passkey = await em.findOne(Passkey, { id, user: userId }, { refresh: true });
      if (!passkey) return null;
      check(await countSignInMethods(em, userId, this.features));
      await em.nativeDelete(Passkey, { id, user: userId });
      return passkey;
    });
  }

  /** Inside the caller's transaction: how many passkeys the user has (each is a way in). */
  countOf(em: EntityManager, userId: string): Promise<number> {
    return em.count(Passkey, { user: userId });
  }

  /** Inside the caller's transaction: the user's passkeys and pending challenges go; answers how many passkeys. */
  async deleteAllOf(em: EntityManager, userId: string): Promise<number> {
    await em.nativeDelete(PasskeyChallenge, { user: userId });
    return em.nativeDelete(Passkey, { user: userId });
  }
}
