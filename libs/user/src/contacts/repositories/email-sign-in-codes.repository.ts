import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isBannedAt } from '../../core/entities/ban-state.js';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import { SignInCodesRepository, type SignInCodeTarget } from './sign-in-codes.repository.js';

/** A verified address and whose it is: where an email sign-in code may go. */
export interface SignInEmail extends SignInCodeTarget {
  /** As the user typed it (where the message goes). */
  email: string;
}

/** The codes that sign in with a verified email address (purpose `sign_in` of the codes table). */
@Injectable()
export class EmailSignInCodesRepository extends SignInCodesRepository<SignInEmail> {
  protected readonly column = 'emailAddress';

  // Declared here so that Nest, which reads each class's own parameters, injects the manager.
  constructor(em: EntityManager) {
    super(em);
  }

  /** The verified address (normalized) and its user; null for an address nobody verified. */
  async findVerified(normalizedEmail: string): Promise<SignInEmail | null> {
    const address = await this.em.findOne(
      EmailAddress,
      { normalizedEmail, verified: true },
      { populate: ['user'], refresh: true },
    );
    return address
      ? {
          targetId: address.id,
          email: address.email,
          userId: address.user.id,
          banned: isBannedAt(address.user),
        }
      : null;
  }
}
