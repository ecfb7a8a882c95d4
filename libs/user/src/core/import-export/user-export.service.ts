import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { ExportedUsersRepository } from './exported-users.repository.js';

const PAGE_SIZE = 500;

/**
 * `GET /admin/users/export`: every user as one NDJSON line in the import's format (so a file
 * exported here imports elsewhere), produced page by page as the client reads it.
 */
@Injectable()
export class UserExportService {
  constructor(private readonly exportedUsers: ExportedUsersRepository) {}

  async *lines(includePasswordHashes: boolean): AsyncGenerator<string> {
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.exportedUsers.pageAfter(after, PAGE_SIZE);
      for (const user of page) yield `${JSON.stringify(exportLine(user, includePasswordHashes))}\n`;
      if (page.length < PAGE_SIZE) return;
      const last = page[page.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }
}

/** An imported user keeps its source id; any other is known elsewhere by its id here. */
function exportLine(user: User, includePasswordHashes: boolean): Record<string, unknown> {
  const emails = user.emailAddresses
    .getItems()
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((email) => ({ email: email.email, verified: email.verified }));
  const phoneNumbers = user.phoneNumbers
    .getItems()
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((phone) => ({ phoneNumber: phone.phoneNumber, verified: phone.verified }));
  return {
    externalId: user.externalId ?? user.id,
    emails,
    phoneNumbers,
    displayName: user.displayName,
    firstName: user.firstName,
    lastName: user.lastName,
    picture: user.picture,
    roles: user.roles
      .getItems()
      .map((role) => role.name)
      .sort(),
    publicMetadata: user.publicMetadata,
    privateMetadata: user.privateMetadata,
    unsafeMetadata: user.unsafeMetadata,
    createdAt: user.createdAt.toISOString(),
    ...(includePasswordHashes && user.passwordHash ? { passwordHash: user.passwordHash } : {}),
  };
}
