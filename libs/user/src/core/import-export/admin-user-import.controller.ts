import { Controller, HttpCode, HttpStatus, Post, Query, Req, UsePipes } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { ImportReportResponse, ImportUsersQuery } from './user-import.dto.js';
import { UserImportService } from './user-import.service.js';

@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users/import')
@UserKitApi()
export class AdminUserImportController {
  constructor(private readonly imports: UserImportService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('application/x-ndjson')
  @ApiBody({
    description:
      'One user per line (README "Import and export"): externalId (required, unique), emails [{ email, verified }], phoneNumbers [{ phoneNumber, verified }], displayName, firstName, lastName, picture, roles, publicMetadata, privateMetadata, unsafeMetadata, createdAt, passwordHash (bcrypt, argon2id/argon2i, scrypt, Firebase scrypt, PBKDF2-SHA256)',
    schema: { type: 'string' },
  })
  @ApiOkResponse({
    type: ImportReportResponse,
    description:
      'Counts and the refused lines by number; each line is its own transaction, so the others are written',
  })
  @ApiUserKitError(400, { description: 'Bad query parameters' })
  @ApiUserKitError(403, { description: 'Lacks the admin role' })
  @ApiUserKitError(415, { description: 'The body is not application/x-ndjson' })
  async import(
    @Query() query: ImportUsersQuery,
    @Req() request: IncomingMessage,
  ): Promise<ImportReportResponse> {
    return this.imports.importLines(request, query.dryRun ?? false);
  }
}
