import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import type { JsonObject } from '../entities/user.entity.js';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';
import { IsJsonMetadata } from '../validation/is-json-metadata.decorator.js';
import { IsOptional } from '../validation/is-optional.decorator.js';
import { IsUsername } from '../validation/is-username.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';
import { AttributeWritesProperty } from './attribute-writes.js';

@ApiStrictBody()
export class AdminCreateUserDto {
  @ApiProperty({ example: 'new.member@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;

  @ApiPropertyOptional({
    maxLength: 1024,
    description: 'Without one, the user signs in another way (OAuth, reset)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({
    example: 'ada_l',
    minLength: 3,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_.-]{3,64}$',
    description:
      'When the app takes usernames (`identifiers.username`): stored lower-cased; 409 USERNAME_TAKEN when another user has it in any case',
  })
  @IsOptional()
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastName?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    example: ['user'],
    description: 'Default: the default role',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonMetadata()
  publicMetadata?: JsonObject;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsJsonMetadata()
  privateMetadata?: JsonObject;

  @AttributeWritesProperty('custom at creation')
  customAttributes?: Record<string, unknown>;

  @AttributeWritesProperty('standard at creation')
  standardAttributes?: Record<string, unknown>;
}
