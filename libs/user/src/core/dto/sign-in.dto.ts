import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

/** `{ email, password }` or `{ username, password }`: exactly one identifier. */
@ApiStrictBody()
export class SignInDto {
  @ApiPropertyOptional({
    example: 'ada@example.com',
    maxLength: 320,
    description: 'The email address; give it or `username`, not both',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({
    example: 'ada_l',
    maxLength: 320,
    description:
      'The username (any case), when the app takes usernames (`identifiers.username`); give it or `email`, not both',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  username?: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
