import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class SetActiveOrganizationDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 64,
    description: 'An organization you are a member of; null: none',
  })
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(64)
  organizationId!: string | null;
}
