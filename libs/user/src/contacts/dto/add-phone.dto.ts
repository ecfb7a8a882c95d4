import { ApiProperty } from '@nestjs/swagger';
import { IsE164PhoneNumber } from '../../core/validation/is-phone-number.decorator.js';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class AddPhoneDto {
  @ApiProperty({
    example: '+14155550123',
    description: 'International form (E.164); spaces and dashes are accepted',
  })
  @IsE164PhoneNumber()
  phoneNumber!: string;
}
