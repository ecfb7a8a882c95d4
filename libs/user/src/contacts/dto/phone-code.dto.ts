import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsE164PhoneNumber } from '../../core/validation/is-phone-number.decorator.js';

/** POST /auth/phone-code: where to send a sign-in code. */
@ApiStrictBody()
export class PhoneCodeRequestDto {
  @ApiProperty({
    example: '+14155550123',
    description: 'International form (E.164); spaces and dashes are accepted',
  })
  @IsE164PhoneNumber()
  phoneNumber!: string;
}

/** POST /auth/phone-code/verify: the number and the code it received. */
@ApiStrictBody()
export class PhoneCodeSignInDto extends PhoneCodeRequestDto {
  @ApiProperty({
    example: '042917',
    pattern: '^\\d{6}$',
    description: 'The 6-digit code sent by SMS',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}
