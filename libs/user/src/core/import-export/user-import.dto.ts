import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ToBoolean } from '../dto/list-users-filters.js';
import { IsOptional } from '../validation/is-optional.decorator.js';

export class ImportUsersQuery {
  @ApiPropertyOptional({ description: 'true: check every line, write nothing', default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportLineErrorResponse {
  @ApiProperty({ description: '1-based line number in the file', example: 12 }) line!: number;
  @ApiProperty({ example: 'IMPORT_LINE_INVALID' }) code!: string;
  @ApiProperty() message!: string;
}

export class ImportReportResponse {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Users written (with dryRun: lines that would be)' })
  created!: number;
  @ApiProperty({ description: 'Lines whose externalId was imported already: left as they are' })
  skipped!: number;
  @ApiProperty({ description: 'Lines refused; the first 1000 are listed in errors' })
  failed!: number;
  @ApiProperty({ type: [ImportLineErrorResponse] }) errors!: ImportLineErrorResponse[];
}

export class ExportUsersQuery {
  @ApiPropertyOptional({
    description: 'true: each line has its passwordHash (needs a recent sign-in)',
    default: false,
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includePasswordHashes?: boolean;
}
