import { ApiProperty } from '@nestjs/swagger';

/** GET /me/tokens/:template (its own file so @userkit/client's generated types can include it). */
export class IntegrationTokenResponse {
  @ApiProperty({ description: 'JWT signed with the key of /.well-known/jwks.json' }) jwt!: string;
  @ApiProperty({ example: 60 }) expiresIn!: number;
}
