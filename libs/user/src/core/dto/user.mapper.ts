import type { ExternalAccount } from '../entities/external-account.entity.js';
import type { User } from '../entities/user.entity.js';
import type { IssuedTokens } from '../services/issued-tokens.js';
import type {
  AdminUserResponse,
  ExternalAccountResponse,
  TokenResponse,
  UserResponse,
} from './user.response.js';
import { isBannedAt } from '../entities/ban-state.js';

/**
 * What the self view reads: a user entity, or the same values as plain data (GET /me maps plain
 * rows, no entities) with each collection's items behind `getItems()`.
 */
export type UserViewSource = Omit<
  User,
  'emailAddresses' | 'phoneNumbers' | 'externalAccounts' | 'roles'
> & {
  [K in 'emailAddresses' | 'phoneNumbers' | 'externalAccounts']: {
    getItems(): ReturnType<User[K]['getItems']>;
  };
} & { roles: { getItems(): Array<{ name: string }> } };

/** The self view. Expects emails, phones, external accounts and roles to be loaded. */
export function mapUser(user: UserViewSource): UserResponse {
  const emails = user.emailAddresses.getItems();
  return {
    id: user.id,
    username: user.username ?? null,
    displayName: user.displayName,
    firstName: user.firstName,
    lastName: user.lastName,
    picture: user.picture,
    primaryEmail: emails.find((email) => email.primary)?.email ?? null,
    emailAddresses: emails.map((email) => ({
      id: email.id,
      email: email.email,
      verified: email.verified,
      primary: email.primary,
    })),
    phoneNumbers: user.phoneNumbers.getItems().map((phone) => ({
      id: phone.id,
      phoneNumber: phone.phoneNumber,
      verified: phone.verified,
      primary: phone.primary,
    })),
    externalAccounts: user.externalAccounts
      .getItems()
      .map((account) => mapExternalAccount(account)),
    roles: user.roles
      .getItems()
      .map((role) => role.name)
      .sort(),
    publicMetadata: user.publicMetadata ?? {},
    unsafeMetadata: user.unsafeMetadata ?? {},
    isAnonymous: user.isAnonymous,
    twoFactorEnabled: user.twoFactorEnabled,
    // Whether a password is set, never the hash: every read that maps a view selects the column.
    passwordEnabled: typeof user.passwordHash === 'string',
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}

/**
 * One external account. A pending (`unverified`) one past its expiry reads `expired`: nothing has
 * to run for it to change.
 */
export function mapExternalAccount(
  account: ExternalAccount,
  now = new Date(),
): ExternalAccountResponse {
  const expiresAt = account.verificationExpiresAt;
  const expired =
    account.verificationStatus === 'unverified' && expiresAt !== null && expiresAt <= now;
  return {
    id: account.id,
    provider: account.provider,
    providerUserId: account.providerUserId,
    email: account.email,
    displayName: account.displayName,
    picture: account.picture,
    verification: {
      status: expired ? 'expired' : account.verificationStatus,
      error: expired
        ? {
            code: 'verification_expired',
            message: 'The provider round trip was not completed in time.',
          }
        : account.verificationErrorCode
          ? {
              code: account.verificationErrorCode,
              message: account.verificationError ?? account.verificationErrorCode,
            }
          : null,
      expireAt:
        account.verificationStatus === 'verified' ? null : (expiresAt?.toISOString() ?? null),
      externalVerificationRedirectURL: null,
    },
  };
}

export function mapUserAdmin(user: User): AdminUserResponse {
  const banned = isBannedAt(user);
  return {
    ...mapUser(user),
    privateMetadata: user.privateMetadata ?? {},
    banned,
    banReason: banned ? user.banReason : null,
    bannedUntil: banned ? (user.bannedUntil?.toISOString() ?? null) : null,
  };
}

export function mapTokens(tokens: IssuedTokens): TokenResponse {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    tokenType: 'Bearer',
    expiresIn: tokens.expiresIn,
    user: mapUser(tokens.user),
  };
}
