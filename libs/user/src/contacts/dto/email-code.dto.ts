import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsEmailAddress } from '../../core/validation/is-email-address.decorator.js';

/** POST /auth/email-code: where to send a sign-in code. */
@ApiStrictBody()
export class EmailCodeRequestDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;
}

/** POST /auth/email-code/verify: the address and the code it received. */
@ApiStrictBody()
export class EmailCodeSignInDto extends EmailCodeRequestDto {
  @ApiProperty({
    example: '042917',
    pattern: '^\\d{6}$',
    description: 'The 6-digit code sent to the address',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}
