import { ApiProperty } from '@nestjs/swagger';

/** The device and address of a session, read from its user agent (Clerk's `latestActivity`). */
export class SessionActivityResponse {
  @ApiProperty({ nullable: true, type: String, example: 'Chrome' }) browserName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '131.0.0.0' })
  browserVersion!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'desktop',
    description: '`desktop`, `mobile`, `tablet`, `tv` or `bot`; null when the agent does not say',
  })
  deviceType!: string | null;
  @ApiProperty({ description: 'A phone or a tablet' }) isMobile!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' }) ipAddress!: string | null;
}

/** Clerk's `SessionWithActivities`: one signed-in device. */
export class SessionWithActivitiesResponse {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: ['active', 'revoked', 'expired'],
    description: 'Ended sessions appear only in the admin list',
  })
  status!: 'active' | 'revoked' | 'expired';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Last request or refresh (to a minute or so)' })
  lastActiveAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Absolute end: refreshing never moves it' })
  expireAt!: string;
  @ApiProperty({
    type: SessionActivityResponse,
    description: 'The device and address the session signed in from',
  })
  latestActivity!: SessionActivityResponse;
  @ApiProperty({ nullable: true, type: String, description: 'The raw User-Agent header' })
  userAgent!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
}

/** GET /me/sessions: a live session of the signed-in user. */
export class SessionResponse extends SessionWithActivitiesResponse {
  @ApiProperty({ description: 'The session of this request' }) current!: boolean;
}

/** GET /admin/users/:id/sessions: also the ended ones, with why they ended. */
export class AdminSessionResponse extends SessionWithActivitiesResponse {
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'logout',
    description: 'A SessionRevokedReason (README, "Events")',
  })
  revokedReason!: string | null;
}
