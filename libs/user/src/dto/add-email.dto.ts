import { ApiProperty } from '@nestjs/swagger';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';

export class AddEmailDto {
  @ApiProperty({ example: 'ada.work@example.com' })
  @IsEmailAddress()
  email!: string;
}
