import { ApiProperty } from '@nestjs/swagger';

export class OrganizationResponse {
  @ApiProperty({ example: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69' }) id!: string;
  @ApiProperty({ example: 'Acme Inc.' }) name!: string;
  @ApiProperty({ example: 'acme' }) slug!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://app.example.com/organization-logos/01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69.png',
    description: 'The uploaded logo (PUT /organizations/:id/logo); null without one',
  })
  logoUrl!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { plan: 'team' },
    description: "Written by the app's admins, readable by every member",
  })
  publicMetadata!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

/** An organization as the app's admins see it: with its private metadata. */
export class AdminOrganizationResponse extends OrganizationResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { crmId: 'A-1042' },
    description: "Written and read by the app's admins only",
  })
  privateMetadata!: Record<string, unknown>;
}

/** An organization as one of its members sees it: with their role and its permissions. */
export class OrganizationMembershipResponse {
  @ApiProperty({ type: OrganizationResponse }) organization!: OrganizationResponse;
  @ApiProperty({ example: 'owner', description: '`owner`, `admin`, `member` or a host role' })
  role!: string;
  @ApiProperty({
    type: [String],
    example: ['organization:update', 'members:manage'],
    description: "The role's permissions; `*` (the owner): every one",
  })
  permissions!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt!: string;
}

export class OrganizationMemberResponse {
  @ApiProperty({ example: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69' }) userId!: string;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'ada@example.com' })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ type: String, nullable: true }) firstName!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName!: string | null;
}

export class OrganizationMembersPageResponse {
  @ApiProperty({ type: [OrganizationMemberResponse] }) data!: OrganizationMemberResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor!: string | null;
}

export class OrganizationMemberRoleResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'admin' }) role!: string;
}

/** An invitation as the organization's managers see it. */
export class OrganizationInvitationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty({ example: 'grace@example.com' }) email!: string;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The member who invited' })
  invitedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: string;
}

/** An invitation as the invitee sees it: with the organization's name. */
export class MyInvitationResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ type: OrganizationResponse }) organization!: OrganizationResponse;
  @ApiProperty({ example: 'grace@example.com', description: 'Your address it was sent to' })
  email!: string;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: string;
}

/** The session's active organization and your role there; all null when none is set. */
export class ActiveOrganizationResponse {
  @ApiProperty({ type: String, nullable: true }) organizationId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'acme' }) slug!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'admin' }) role!: string | null;
  @ApiProperty({ type: [String], description: "The role's permissions; empty when none is set" })
  permissions!: string[];
}

export class AdminOrganizationsPageResponse {
  @ApiProperty({ type: [AdminOrganizationResponse] }) data!: AdminOrganizationResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor!: string | null;
}
