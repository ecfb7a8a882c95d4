import { ApiProperty } from '@nestjs/swagger';
import { IsEmailAddress } from '../../core/validation/is-email-address.decorator.js';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class AddEmailDto {
  @ApiProperty({ example: 'ada.work@example.com', maxLength: 254, format: 'email' })
  @IsEmailAddress()
  email!: string;
}
