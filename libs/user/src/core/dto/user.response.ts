import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class EmailAddressResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty() primary!: boolean;
}

export class PhoneNumberResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '+14155550123', description: 'E.164' }) phoneNumber!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty() primary!: boolean;
}

export class ExternalAccountVerificationErrorResponse {
  @ApiProperty({
    example: 'access_denied',
    description:
      'Stable: `access_denied` (the user said no at the provider), `external_account_taken` (the provider account is another user’s), `account_exists_sign_in_to_link`, `provider_unavailable`, `oauth_failed`, `provider_error`, `invalid_state` (the round trip was ended: sign-out, password change), `verification_expired`',
  })
  code!: string;
  @ApiProperty({ example: 'The provider sign-in was cancelled.' }) message!: string;
}

@ApiExtraModels(ExternalAccountVerificationErrorResponse)
export class ExternalAccountVerificationResponse {
  @ApiProperty({
    enum: ['verified', 'unverified', 'failed', 'expired'],
    description:
      '`unverified`: a link was started and its provider round trip is pending; `failed` or `expired`: it did not complete (see `error`); only a `verified` account signs in',
  })
  status!: 'verified' | 'unverified' | 'failed' | 'expired';
  @ApiProperty({
    description: 'Why it failed or expired; null otherwise',
    oneOf: [{ $ref: getSchemaPath(ExternalAccountVerificationErrorResponse) }, { type: 'null' }],
  })
  error!: ExternalAccountVerificationErrorResponse | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Until when a pending account may still be verified',
  })
  expireAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Where to send the browser to verify it: only in the answer of POST /me/external-accounts (it opens once, in that browser); null elsewhere',
  })
  externalVerificationRedirectURL!: string | null;
}

export class ExternalAccountResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'google' }) provider!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The id at the provider; null while the account is not verified',
  })
  providerUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ nullable: true, type: String }) picture!: string | null;
  @ApiProperty({ type: ExternalAccountVerificationResponse })
  verification!: ExternalAccountVerificationResponse;
}

/** The admin acting as the user in an impersonation session (GET /me's `impersonatedBy`). */
export class ImpersonatorResponse {
  @ApiProperty({ example: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'admin@example.com' }) primaryEmail!:
    string | null;
}

/** The self view (GET /me): never privateMetadata, banned, hashes or tokens. */
export class UserResponse {
  @ApiProperty({ example: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69' }) id!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'ada_l',
    description: 'A sign-in identifier (lower-case), when the app takes usernames; null: none',
  })
  username!: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName!: string | null;
  @ApiProperty({ nullable: true, type: String }) picture!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'ada@example.com' }) primaryEmail!:
    string | null;
  @ApiProperty({ type: [EmailAddressResponse] }) emailAddresses!: EmailAddressResponse[];
  @ApiProperty({ type: [PhoneNumberResponse] }) phoneNumbers!: PhoneNumberResponse[];
  @ApiProperty({ type: [ExternalAccountResponse] }) externalAccounts!: ExternalAccountResponse[];
  @ApiProperty({ type: [String], example: ['user'] }) roles!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) publicMetadata!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: 'object', additionalProperties: true }) unsafeMetadata!: Record<
    string,
    unknown
  >;
  @ApiProperty() isAnonymous!: boolean;
  @ApiProperty() twoFactorEnabled!: boolean;
  @ApiProperty({
    description:
      'Whether the user has a password (false for OAuth-only and anonymous users: they set one ' +
      'through POST /auth/password/forgot, or POST /me/upgrade for a guest)',
  })
  passwordEnabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSignInAt!: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'OIDC standard attributes this party may see (null when unset)',
  })
  standardAttributes?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Custom attributes this party may see',
  })
  customAttributes?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { memberships: [{ organizationId: 'org_1', role: 'owner' }] },
    description:
      "GET and PATCH /me only: the host's own data for this user, from its SelfViewExtension (absent without one; null when it failed, which the server logs)",
  })
  extensions?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: ImpersonatorResponse,
    description:
      "GET /me in an impersonation session only: the admin acting as the user (show a banner); absent in the user's own sessions",
  })
  impersonatedBy?: ImpersonatorResponse;
}

/** The admin view adds what only admins may see. */
export class AdminUserResponse extends UserResponse {
  @ApiProperty({ type: 'object', additionalProperties: true }) privateMetadata!: Record<
    string,
    unknown
  >;
  @ApiProperty({ description: 'Banned now (false once the ban reached its bannedUntil)' })
  banned!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Spam in the comments',
    description: "The ban's reason; null when not banned now or none was given",
  })
  banReason!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the ban ends; null when not banned now or the ban lasts until an unban',
  })
  bannedUntil!: string | null;
}

export class TokenResponse {
  @ApiProperty({ description: 'JWT, short-lived' }) accessToken!: string;
  @ApiProperty({
    required: false,
    description:
      'Opaque, single use; rotated on every refresh. Absent when the request had `X-UserKit-Session: cookie` (the prebuilt pages): it is in the httpOnly cookie instead',
  })
  refreshToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;
  @ApiPropertyOptional({ type: UserResponse }) user!: UserResponse;
}
