import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { ProfileAttributesService } from './profile-attributes.service.js';

/** OIDC UserInfo claims (Authgear's shape): what the bearer of the user's token may see. */
export type UserInfoClaims = Record<string, unknown>;

export function primaryContacts(user: User): {
  email: string | null;
  emailVerified: boolean;
  phoneNumber: string | null;
  phoneNumberVerified: boolean;
  isVerified: boolean;
} {
  const emails = user.emailAddresses.getItems();
  const phones = user.phoneNumbers.getItems();
  const email = emails.find((address) => address.primary) ?? null;
  const phone = phones.find((number) => number.primary) ?? null;
  return {
    email: email?.email ?? null,
    emailVerified: email?.verified ?? false,
    phoneNumber: phone?.phoneNumber ?? null,
    phoneNumberVerified: phone?.verified ?? false,
    isVerified: emails.some((address) => address.verified) || phones.some((p) => p.verified),
  };
}

@Injectable()
export class UserInfoService {
  constructor(
    private readonly users: UsersRepository,
    private readonly attributes: ProfileAttributesService,
  ) {}

  async claimsFor(userId: string): Promise<UserInfoClaims> {
    const [user, schema] = await Promise.all([
      this.users.findFullById(userId),
      this.attributes.loadSchema(),
    ]);
    if (!user) throw new UserKitException('NOT_SIGNED_IN');
    const view = this.attributes.view(user, 'bearer', schema);
    const contacts = primaryContacts(user);
    const claims: UserInfoClaims = { sub: user.id };
    // OIDC omits claims without a value rather than sending null.
    for (const [name, value] of Object.entries(view.standardAttributes))
      if (value !== null && value !== undefined) claims[name] = value;
    if (contacts.email !== null) {
      claims.email = contacts.email;
      claims.email_verified = contacts.emailVerified;
    }
    if (contacts.phoneNumber !== null) {
      claims.phone_number = contacts.phoneNumber;
      claims.phone_number_verified = contacts.phoneNumberVerified;
    }
    claims.is_anonymous = user.isAnonymous;
    claims.is_verified = contacts.isVerified;
    claims.roles = user.roles
      .getItems()
      .map((role) => role.name)
      .sort();
    claims.custom_attributes = view.customAttributes;
    claims.updated_at = Math.floor(user.updatedAt.getTime() / 1000);
    return claims;
  }
}
