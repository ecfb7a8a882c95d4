import { ApiProperty } from '@nestjs/swagger';
import { AdminUserResponse, UserResponse } from './user.response.js';

export class UserPageResponse {
  @ApiProperty({ type: [AdminUserResponse] }) data!: AdminUserResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor!: string | null;
}

export class RoleResponse {
  @ApiProperty({ example: 'editor' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  /** Built-in or declared in the module options: re-created at every start, never deletable. */
  @ApiProperty({ description: 'Built-in or declared in the module options: cannot be deleted' })
  builtIn!: boolean;
}

export class SessionTokensResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 900 }) expiresIn!: number;
}

/** The upgraded User (same id) plus the tokens of its new session: the anonymous one is revoked. */
export class UpgradeResponse extends UserResponse {
  @ApiProperty({ type: SessionTokensResponse }) tokens!: SessionTokensResponse;
}
