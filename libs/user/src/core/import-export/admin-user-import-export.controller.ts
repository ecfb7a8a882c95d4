import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  StreamableFile,
  UsePipes,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { Authenticated } from '../decorators/authenticated.decorator.js';
import { ApiUserKitError } from '../decorators/api-user-kit-errors.decorator.js';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { UserKitApi } from '../decorators/user-kit-api.decorator.js';
import { RecentSignInGuard } from '../guards/recent-sign-in.guard.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { createUserKitValidationPipe } from '../validation/user-kit-validation.pipe.js';
import { ExportUsersQuery, ImportReportResponse, ImportUsersQuery } from './user-import.dto.js';
import { UserExportService } from './user-export.service.js';
import { UserImportService } from './user-import.service.js';

const NDJSON = 'application/x-ndjson';
const LINE_FIELDS =
  'externalId (required, unique), emails [{ email, verified }] (the first is primary), phoneNumbers [{ phoneNumber, verified }], displayName, firstName, lastName, picture, roles, publicMetadata, privateMetadata, unsafeMetadata, createdAt, passwordHash (bcrypt, argon2id/argon2i, scrypt, Firebase scrypt, PBKDF2-SHA256)';

/** Moving users in and out in bulk (README "Import and export"). */
@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/users')
@UserKitApi()
export class AdminUserImportExportController {
  constructor(
    private readonly imports: UserImportService,
    private readonly exports: UserExportService,
    private readonly recentSignIn: RecentSignInGuard,
  ) {}

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(NDJSON)
  @ApiBody({ description: `One user per line: ${LINE_FIELDS}`, schema: { type: 'string' } })
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

  @Get('export')
  @ApiProduces(NDJSON)
  @ApiOkResponse({
    description: `Every user but anonymous ones, one per line in (createdAt, id) order, in the import's format: ${LINE_FIELDS}. Users never imported have their id as externalId.`,
    content: { [NDJSON]: { schema: { type: 'string' } } },
  })
  @ApiUserKitError(400, { description: 'Bad query parameters' })
  @ApiUserKitError(403, {
    description:
      'Lacks the admin role, or includePasswordHashes=true without a recent sign-in (REAUTHENTICATION_REQUIRED)',
  })
  export(
    @Query() query: ExportUsersQuery,
    @CurrentUser() principal: AuthenticatedPrincipal,
  ): StreamableFile {
    const includePasswordHashes = query.includePasswordHashes ?? false;
    // The hashes are what an offline guesser needs: only for an admin who just proved who they are.
    if (includePasswordHashes) this.recentSignIn.assertRecent(principal);
    return new StreamableFile(Readable.from(this.exports.lines(includePasswordHashes)), {
      type: NDJSON,
      disposition: 'attachment; filename="users.ndjson"',
    });
  }
}
