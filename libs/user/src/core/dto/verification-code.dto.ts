import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class VerificationCodeDto {
  @ApiProperty({
    example: '042917',
    pattern: '^\\d{6}$',
    description: 'The 6-digit code that was sent',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}
