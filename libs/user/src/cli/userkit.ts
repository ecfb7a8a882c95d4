#!/usr/bin/env node
import { createReadStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { UserExportService } from '../core/import-export/user-export.service.js';
import { UserImportService, type ImportReport } from '../core/import-export/user-import.service.js';
import { startCliApplication } from './cli-application.js';
import { CliUsageError } from './cli-database.js';

const USAGE = `Usage:
  userkit import <file.ndjson> [--database-url URL] [--dry-run] [--json]
  userkit export [--database-url URL] [--include-password-hashes] > users.ndjson

URL: postgresql://…, sqlite:PATH or an SQLite file's path (default: $DATABASE_URL).
import: progress on stderr; the counts and each refused line (by number) on stdout, or the
report as JSON with --json; exit code 1 when a line was refused.`;

/** The command line: `import` or `export` (README "Import and export"). */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'database-url': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'include-password-hashes': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new CliUsageError('--database-url (or DATABASE_URL) is required');
  if (command === 'import') {
    const [file, ...extra] = rest;
    if (!file || extra.length > 0) throw new CliUsageError('import takes one file');
    if (!existsSync(file)) throw new CliUsageError(`No such file: ${file}`);
    return runImport(databaseUrl, file, values['dry-run'], values.json);
  }
  if (command === 'export') {
    if (rest.length > 0) throw new CliUsageError('export takes no file: it writes to stdout');
    return runExport(databaseUrl, values['include-password-hashes']);
  }
  throw new CliUsageError(command ? `Unknown command: ${command}` : 'A command is required');
}

async function runImport(
  databaseUrl: string,
  file: string,
  dryRun: boolean,
  json: boolean,
): Promise<number> {
  const app = await startCliApplication(databaseUrl);
  try {
    const progress = progressLine();
    const report = await app
      .get(UserImportService, { strict: false })
      .importLines(createReadStream(file), dryRun, progress.update);
    progress.end();
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : describe(report));
    return report.failed > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

async function runExport(databaseUrl: string, includePasswordHashes: boolean): Promise<number> {
  const app = await startCliApplication(databaseUrl);
  try {
    let users = 0;
    for await (const line of app
      .get(UserExportService, { strict: false })
      .lines(includePasswordHashes)) {
      users += 1;
      if (!process.stdout.write(line)) await once(process.stdout, 'drain');
    }
    process.stderr.write(`userkit: exported ${users} users\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** The report for a reader: counts, then each refused line by number. */
function describe(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? 'dry run: would create' : 'created'} ${report.created}, skipped ${report.skipped} (imported already), failed ${report.failed}`,
    ...report.errors.map((error) => `line ${error.line}: ${error.code} ${error.message}`),
  ];
  const unlisted = report.failed - report.errors.length;
  if (unlisted > 0) lines.push(`… and ${unlisted} more refused lines`);
  return `${lines.join('\n')}\n`;
}

/** One line on stderr, rewritten in place on a terminal, at most once a second otherwise. */
function progressLine(): {
  update: (report: ImportReport, linesRead: number) => void;
  end: () => void;
} {
  const terminal = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update: (report, linesRead) => {
      const now = Date.now();
      if (!terminal && now - last < 1000) return;
      last = now;
      shown = true;
      const text = `userkit: ${linesRead} lines read: ${report.created} created, ${report.skipped} skipped, ${report.failed} failed`;
      process.stderr.write(terminal ? `\r${text}` : `${text}\n`);
    },
    end: () => {
      if (terminal && shown) process.stderr.write('\n');
    },
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof CliUsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`userkit: ${(error as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`userkit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
