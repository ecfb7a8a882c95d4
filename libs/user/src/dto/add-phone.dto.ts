import { ApiProperty } from '@nestjs/swagger';
import { IsE164PhoneNumber } from '../validation/is-phone-number.decorator.js';

export class AddPhoneDto {
  @ApiProperty({ example: '+14155550123', description: 'International form (E.164)' })
  @IsE164PhoneNumber()
  phoneNumber!: string;
}
