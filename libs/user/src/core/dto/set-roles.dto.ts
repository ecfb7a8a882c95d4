import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { ApiStrictBody } from '../decorators/api-strict-body.decorator.js';

@ApiStrictBody()
export class SetRolesDto {
  @ApiProperty({ type: [String], maxItems: 50, example: ['user', 'admin'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(63, { each: true })
  roles!: string[];
}
