import { Inject, Injectable, Logger } from '@nestjs/common';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UserKitException } from '../errors/user-kit.exception.js';
import { logValue } from '../messages/log-value.js';
import { OrmContext } from '../repositories/orm-context.js';
import { RolesRepository } from '../repositories/roles.repository.js';
import { UserCreationService } from '../services/user-creation.service.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';
import { ImportedUsersRepository } from './imported-users.repository.js';
import { ImportLineProblem, parseImportLine, type ImportLine } from './import-line.js';

/** A line that was not imported, by its 1-based number in the file. */
export interface ImportLineError {
  line: number;
  code: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** Users written (with dryRun: lines that would be). */
  created: number;
  /** Lines whose externalId is here already (a re-run): left as they are. */
  skipped: number;
  failed: number;
  errors: ImportLineError[];
}

/** Errors past this many are counted but not listed, so a broken file gives a bounded answer. */
const MAX_LISTED_ERRORS = 1000;
/** A line longer than this is refused (one user is far smaller). */
const MAX_LINE_CHARS = 256 * 1024;

/**
 * `POST /admin/users/import`: NDJSON read line by line as it arrives (never the whole body), each
 * user created on its own through the one write path (`user.created` with source `import`), so a
 * bad line is reported and skipped, and a stopped import leaves only whole users.
 */
@Injectable()
export class UserImportService {
  private readonly logger = new Logger('UserKit');

  constructor(
    private readonly creation: UserCreationService,
    private readonly roles: RolesRepository,
    private readonly importedUsers: ImportedUsersRepository,
    private readonly ormContext: OrmContext,
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
  ) {}

  async importLines(body: Readable, dryRun: boolean): Promise<ImportReport> {
    const report: ImportReport = { dryRun, created: 0, skipped: 0, failed: 0, errors: [] };
    const lines = createInterface({ input: body, crlfDelay: Infinity });
    let number = 0;
    for await (const raw of lines) {
      number += 1;
      if (raw.trim() === '') continue;
      // A context of its own per line: the request's identity map does not grow with the file,
      // and nothing a refused line loaded is seen by the next.
      const outcome = await this.ormContext.runDetached(() => this.importOne(raw, dryRun));
      if (outcome === 'created') report.created += 1;
      else if (outcome === 'skipped') report.skipped += 1;
      else {
        report.failed += 1;
        if (report.errors.length < MAX_LISTED_ERRORS)
          report.errors.push({ line: number, ...outcome });
      }
    }
    return report;
  }

  private async importOne(
    raw: string,
    dryRun: boolean,
  ): Promise<'created' | 'skipped' | Omit<ImportLineError, 'line'>> {
    try {
      if (raw.length > MAX_LINE_CHARS) throw new ImportLineProblem('The line is too long');
      const line = parseImportLine(raw);
      if (await this.importedUsers.hasExternalId(line.externalId)) return 'skipped';
      const roleNames = line.roles ?? [this.options.defaultRole];
      const existing = new Set(await this.roles.findExistingNames(roleNames));
      const unknown = roleNames.filter((name) => !existing.has(name));
      if (unknown.length > 0)
        throw new UserKitException('ROLE_NOT_FOUND', `Unknown role: ${unknown.join(', ')}`);
      if (dryRun) return 'created';
      await this.create(line, roleNames);
      return 'created';
    } catch (error) {
      if (error instanceof ImportLineProblem)
        return { code: 'IMPORT_LINE_INVALID', message: error.message };
      // Another import of the same user won the race: it is here, as a re-run would find it.
      if (error instanceof UserKitException && error.code === 'EXTERNAL_ID_TAKEN') return 'skipped';
      if (error instanceof UserKitException) return { code: error.code, message: error.message };
      this.logger.error(`Import of a line failed: ${logValue(error)}`);
      return {
        code: 'IMPORT_LINE_FAILED',
        message: 'This line could not be written (see the server log)',
      };
    }
  }

  private async create(line: ImportLine, roleNames: string[]): Promise<void> {
    const [primaryEmail, ...moreEmails] = line.emails;
    const [primaryPhone, ...morePhones] = line.phoneNumbers;
    await this.creation.create(
      {
        email: primaryEmail?.email ?? null,
        displayName: line.displayName,
        firstName: line.firstName,
        lastName: line.lastName,
        picture: line.picture,
        unsafeMetadata: line.unsafeMetadata,
        publicMetadata: line.publicMetadata,
        isAnonymous: false,
        source: 'import',
      },
      {
        password: null,
        emailVerified: primaryEmail?.verified ?? false,
        privateMetadata: line.privateMetadata,
        roleNames,
        signedIn: false,
        phoneNumber: primaryPhone?.phoneNumber ?? null,
        imported: {
          passwordHash: line.passwordHash,
          externalId: line.externalId,
          createdAt: line.createdAt ?? undefined,
          moreEmails,
          morePhoneNumbers: morePhones,
          phoneNumberVerified: primaryPhone?.verified ?? false,
        },
      },
    );
  }
}
