import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class ForgotPasswordDto {
  // Any string up to the column size: a malformed address is simply unknown (no 400 that would
  // differ from the answer for a well-formed unknown one).
  @ApiProperty({ example: 'ada@example.com', maxLength: 320 })
  @IsString()
  @MaxLength(320)
  email!: string;
}
