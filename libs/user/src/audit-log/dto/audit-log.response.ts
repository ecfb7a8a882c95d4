import { ApiProperty } from '@nestjs/swagger';

export class AuditLogEntryResponse {
  @ApiProperty({ example: '01938f6e-8a3c-7c1e-9b6a-2f1d3c4b5a69' }) id!: string;
  @ApiProperty({ example: 'sign_in.failed' }) type!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The user the record is about' })
  userId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who did it: the user, an admin; null when unknown (a failed sign-in)',
  })
  actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { method: 'password', reason: 'wrong_password' },
  })
  details!: Record<string, unknown>;
}

export class AuditLogPageResponse {
  @ApiProperty({ type: [AuditLogEntryResponse] }) data!: AuditLogEntryResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor!: string | null;
}

/** A record of the user's own: who did it is them (or an admin), so it is left out. */
export class SecurityActivityResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'sign_in.succeeded' }) type!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ description: 'Made by (or in) the session of this request' })
  currentSession!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { method: 'password', provider: null, secondFactor: 'totp' },
  })
  details!: Record<string, unknown>;
}

export class SecurityActivityPageResponse {
  @ApiProperty({ type: [SecurityActivityResponse] }) data!: SecurityActivityResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor!: string | null;
}
