import { randomBytes } from 'node:crypto';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LoggingMessageSender } from '../core/messages/logging-message-sender.js';
import { UserModule } from '../core/user.module.js';
import { cliDatabaseOptions } from './cli-database.js';

@Module({})
class UserKitCliModule {}

/** Nest's log lines go to stderr: stdout is the export's NDJSON. Warnings and errors only. */
const stderrLogger: LoggerService = {
  log: () => undefined,
  warn: (message: unknown) => process.stderr.write(`userkit: ${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`userkit: ${String(message)}\n`),
};

/**
 * UserModule on the given database, as a Nest application context (no HTTP server): the CLI
 * runs the same import and export services as `POST /admin/users/import` and
 * `GET /admin/users/export`, with their one write path. The schema must be there already (the
 * host's migrations create it).
 */
export async function startCliApplication(databaseUrl: string): Promise<INestApplicationContext> {
  const databaseOptions = await cliDatabaseOptions(databaseUrl);
  return NestFactory.createApplicationContext(
    {
      module: UserKitCliModule,
      imports: [
        MikroOrmModule.forRoot(databaseOptions),
        UserModule.forRoot({
          // No token is ever issued here; the option is required.
          tokenSecret: randomBytes(32).toString('hex'),
          rateLimits: false,
          routes: false,
          // Nothing is sent from here: a sender, so that none is warned about.
          messageSender: new LoggingMessageSender(),
        }),
      ],
    },
    { logger: stderrLogger, abortOnError: false },
  );
}
