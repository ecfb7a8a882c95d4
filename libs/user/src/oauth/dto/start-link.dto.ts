import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class StartLinkDto {
  @ApiProperty({ example: 'github', minLength: 1, maxLength: 50 })
  @IsString()
  @Length(1, 50)
  provider!: string;

  @ApiProperty({ example: 'http://localhost:5173/settings/accounts', maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  redirectUrl!: string;
}
