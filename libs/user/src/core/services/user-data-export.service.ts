import { Injectable } from '@nestjs/common';
import { withAttributes } from '../dto/attributes.mapper.js';
import { mapAdminSession } from '../dto/session.mapper.js';
import { mapUser } from '../dto/user.mapper.js';
import type { UserDataExportResponse } from '../dto/user-data-export.response.js';
import type { UserResponse } from '../dto/user.response.js';
import { UserDataExportSections } from '../extension-points/user-data-export.js';
import { ProfileService } from './profile.service.js';
import { SelfViewExtensionService } from './self-view-extension.service.js';
import type { AuthenticatedPrincipal } from './sessions.service.js';
import { UserSessionsService } from './user-sessions.service.js';

/**
 * The user's own copy of their data: the self view, every session, and the sections feature
 * modules register. Never what only admins see (private metadata, the ban), nor a hash or token.
 */
@Injectable()
export class UserDataExportService {
  constructor(
    private readonly profile: ProfileService,
    private readonly sessions: UserSessionsService,
    private readonly selfView: SelfViewExtensionService,
    private readonly sections: UserDataExportSections,
  ) {}

  // One read after another: they share the request's connection (and an export is rare).
  async exportFor(principal: AuthenticatedPrincipal): Promise<UserDataExportResponse> {
    const exportedAt = new Date();
    await principal.load();
    const { user, attributes } = await this.profile.getOwnView(principal.id);
    const view: UserResponse = withAttributes(mapUser(user), attributes);
    const extensions = await this.selfView.extensionsFor(principal);
    if (extensions !== undefined) view.extensions = extensions;
    const sessions = await this.sessions.listAllOwn(principal.id);
    return {
      exportedAt: exportedAt.toISOString(),
      user: view,
      sessions: sessions.map((session) => mapAdminSession(session, exportedAt)),
      sections: await this.sections.collect(principal),
    };
  }
}
