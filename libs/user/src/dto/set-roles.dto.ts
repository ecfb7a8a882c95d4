import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

export class SetRolesDto {
  @ApiProperty({ type: [String], example: ['user', 'admin'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(63, { each: true })
  roles!: string[];
}
