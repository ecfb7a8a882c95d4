import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class StartLinkDto {
  @ApiProperty({ example: 'github' })
  @IsString()
  @Length(1, 50)
  provider!: string;

  @ApiProperty({ example: 'http://localhost:5173/settings/accounts' })
  @IsString()
  @MaxLength(2048)
  redirectUrl!: string;
}
