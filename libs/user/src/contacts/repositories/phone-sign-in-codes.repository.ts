import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isBannedAt } from '../../core/entities/ban-state.js';
import { PhoneNumber } from '../../core/entities/phone-number.entity.js';
import { SignInCodesRepository, type SignInCodeTarget } from './sign-in-codes.repository.js';

/** A verified number and whose it is: where a sign-in code may go. */
export type SignInPhone = SignInCodeTarget;

/** The codes that sign in with a verified phone number (purpose `sign_in` of the codes table). */
@Injectable()
export class PhoneSignInCodesRepository extends SignInCodesRepository<SignInPhone> {
  protected readonly column = 'phoneNumber';

  // Declared here so that Nest, which reads each class's own parameters, injects the manager.
  constructor(em: EntityManager) {
    super(em);
  }

  /** The verified number (E.164) and its user; null for a number nobody verified. */
  async findVerified(phoneNumber: string): Promise<SignInPhone | null> {
    const phone = await this.em.findOne(
      PhoneNumber,
      { phoneNumber, verified: true },
      { populate: ['user'], refresh: true },
    );
    return phone
      ? { targetId: phone.id, userId: phone.user.id, banned: isBannedAt(phone.user) }
      : null;
  }
}
