import { Inject, Injectable, Logger } from '@nestjs/common';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UserKitException } from '../errors/user-kit.exception.js';
import { logValue } from '../messages/log-value.js';
import { OrmContext } from '../repositories/orm-context.js';
import { RolesRepository } from '../repositories/roles.repository.js';
import type { NewUserDraft } from '../extension-points/user-lifecycle-hooks.js';
import { UserCreationService, type NewUserAccount } from '../services/user-creation.service.js';
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
/** Lines written per transaction: large enough for multi-row INSERTs, small enough to redo alone. */
const BATCH_LINES = 500;

/** A line of the file, read: the user it describes, or why it is refused. */
type ReadLine = { number: number } & ({ line: ImportLine } | { problem: ImportLineProblem });
type LineOutcome = 'created' | 'skipped' | Omit<ImportLineError, 'line'>;

/**
 * `POST /admin/users/import` and `userkit import`: NDJSON read line by line as it arrives (never
 * the whole body), checked, then written BATCH_LINES at a time through the one write path
 * (UserCreationService.createMany: hooks, `user.created` with source `import`, the sinks), each
 * batch one transaction. A batch the database refuses is split until the bad line is written alone, so a bad
 * line is reported and the others are written, and a stopped import leaves only whole users.
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

  /** `onProgress`: after each batch, the report so far and the lines read (the CLI's progress). */
  async importLines(
    body: Readable,
    dryRun: boolean,
    onProgress?: (report: ImportReport, linesRead: number) => void,
  ): Promise<ImportReport> {
    const report: ImportReport = { dryRun, created: 0, skipped: 0, failed: 0, errors: [] };
    const lines = createInterface({ input: body, crlfDelay: Infinity });
    let number = 0;
    let batch: ReadLine[] = [];
    const externalIds = new Set<string>();
    const writeBatch = async (): Promise<void> => {
      if (batch.length === 0) return;
      const read = batch;
      batch = [];
      externalIds.clear();
      // A context of its own per batch: the request's identity map does not grow with the file.
      const outcomes = await this.ormContext.runDetached(() => this.importBatch(read, dryRun));
      for (const [index, outcome] of outcomes.entries())
        count(report, read[index]!.number, outcome);
      onProgress?.(report, number);
    };
    for await (const raw of lines) {
      number += 1;
      if (raw.trim() === '') continue;
      const read = readLine(raw, number);
      if ('line' in read) {
        // A repeated source id waits for the first one's outcome: a re-run within the file.
        if (externalIds.has(read.line.externalId)) await writeBatch();
        externalIds.add(read.line.externalId);
      }
      batch.push(read);
      if (batch.length >= BATCH_LINES) await writeBatch();
    }
    await writeBatch();
    return report;
  }

  /** The outcome of each line of the batch, in order. */
  private async importBatch(batch: ReadLine[], dryRun: boolean): Promise<LineOutcome[]> {
    const lines = batch.flatMap((read) => ('line' in read ? [read.line] : []));
    const here = new Set(
      await this.importedUsers.existingExternalIds(lines.map((line) => line.externalId)),
    );
    const roleNamesOf = (line: ImportLine): string[] => line.roles ?? [this.options.defaultRole];
    const knownRoles = new Set(
      await this.roles.findExistingNames([...new Set(lines.flatMap(roleNamesOf))]),
    );
    const outcomes: LineOutcome[] = [];
    const toCreate: Array<{ index: number; line: ImportLine; roleNames: string[] }> = [];
    for (const read of batch) {
      if (!('line' in read)) {
        outcomes.push(this.outcomeOf(read.problem));
        continue;
      }
      const line = read.line;
      const roleNames = roleNamesOf(line);
      const unknown = roleNames.filter((name) => !knownRoles.has(name));
      if (here.has(line.externalId)) outcomes.push('skipped');
      else if (unknown.length > 0)
        outcomes.push({ code: 'ROLE_NOT_FOUND', message: `Unknown role: ${unknown.join(', ')}` });
      else {
        toCreate.push({ index: outcomes.length, line, roleNames });
        outcomes.push('created');
      }
    }
    if (dryRun || toCreate.length === 0) return outcomes;
    const written = await this.creation.createMany(
      toCreate.map(({ line, roleNames }) => newImportedUser(line, roleNames)),
    );
    for (const [at, result] of written.entries())
      if ('error' in result) outcomes[toCreate[at]!.index] = this.outcomeOf(result.error);
    return outcomes;
  }

  private outcomeOf(error: unknown): LineOutcome {
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

function readLine(raw: string, number: number): ReadLine {
  try {
    if (raw.length > MAX_LINE_CHARS) throw new ImportLineProblem('The line is too long');
    return { number, line: parseImportLine(raw) };
  } catch (error) {
    if (error instanceof ImportLineProblem) return { number, problem: error };
    throw error;
  }
}

function count(report: ImportReport, line: number, outcome: LineOutcome): void {
  if (outcome === 'created') report.created += 1;
  else if (outcome === 'skipped') report.skipped += 1;
  else {
    report.failed += 1;
    if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push({ line, ...outcome });
  }
}

/** What UserCreationService makes of a line: the first email and phone are the primary ones. */
function newImportedUser(
  line: ImportLine,
  roleNames: string[],
): { draft: NewUserDraft; account: NewUserAccount } {
  const [primaryEmail, ...moreEmails] = line.emails;
  const [primaryPhone, ...morePhones] = line.phoneNumbers;
  return {
    draft: {
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
    account: {
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
  };
}
