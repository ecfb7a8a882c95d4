import { ApiProperty } from '@nestjs/swagger';
import { IsEmailAddress } from '../validation/is-email-address.decorator.js';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class AddEmailDto {
  @ApiProperty({ example: 'ada.work@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;
}
