import { Inject, Injectable, Logger, Optional, RequestMethod } from '@nestjs/common';
import { newId } from '../../core/entities/new-id.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { UserEventsPublisher, userKitEvent } from '../../core/events/user-events.publisher.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';
import {
  FileStorage,
  type StoredFile,
} from '../../profile-images/extension-points/file-storage.js';
import { PROFILE_IMAGE_ID_PATTERN, sniffImageType } from '../../profile-images/files/image-type.js';
import { ORGANIZATION_PERMISSIONS } from '../options/organization-roles.js';
import {
  OrganizationsRepository,
  type MembershipView,
} from '../repositories/organizations.repository.js';
import { OrganizationAccessService } from './organization-access.service.js';

/** Where the library serves stored logos when the FileStorage has no URLs of its own. */
export const ORGANIZATION_LOGOS_PATH = 'organization-logos';

/**
 * Organization logos: sniffed like profile images, stored through the app's FileStorage (the
 * one UserProfileImagesModule provides, or the host's), served at `/organization-logos/:id`.
 * Without a FileStorage the logo routes answer 404 ORGANIZATION_LOGOS_DISABLED.
 */
@Injectable()
export class OrganizationLogosService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Optional() @Inject(FileStorage) private readonly storage: FileStorage | null,
    private readonly access: OrganizationAccessService,
    private readonly organizations: OrganizationsRepository,
    private readonly events: UserEventsPublisher,
    private readonly urls: RouteUrlsService,
  ) {}

  /** A new logo (owner, admin: `organization:update`); the previous file is deleted. */
  async setLogo(
    organizationId: string,
    userId: string,
    data: Uint8Array | undefined,
  ): Promise<MembershipView> {
    const storage = this.requireStorage();
    const view = await this.access.requirePermission(
      organizationId,
      userId,
      ORGANIZATION_PERMISSIONS.update,
    );
    if (!data || data.length === 0) throw new UserKitException('ORGANIZATION_LOGO_MISSING');
    const type = sniffImageType(data);
    if (!type) throw new UserKitException('ORGANIZATION_LOGO_UNSUPPORTED');
    const id = `${newId()}.${type.extension}`;
    await storage.put(id, data, type.contentType);
    const outcome = await this.replace(view, { id, url: this.urlOf(id) }).catch(
      async (error: unknown) => {
        await this.discard(id);
        throw error;
      },
    );
    if (outcome === 'gone') {
      await this.discard(id);
      throw new UserKitException('ORGANIZATION_NOT_FOUND');
    }
    return this.reread(view);
  }

  /** No logo any more (owner, admin); its file is deleted. No logo: nothing changes. */
  async removeLogo(organizationId: string, userId: string): Promise<MembershipView> {
    this.requireStorage();
    const view = await this.access.requirePermission(
      organizationId,
      userId,
      ORGANIZATION_PERMISSIONS.update,
    );
    if (view.organization.logoId === null && view.organization.logoUrl === null) return view;
    if ((await this.replace(view, null)) === 'gone')
      throw new UserKitException('ORGANIZATION_NOT_FOUND');
    return this.reread(view);
  }

  /** A stored logo by id, for the public logo route. */
  async read(id: string): Promise<StoredFile> {
    const file =
      this.storage && PROFILE_IMAGE_ID_PATTERN.test(id) ? await this.storage.get(id) : null;
    if (!file) throw new UserKitException('ORGANIZATION_LOGO_NOT_FOUND');
    return file;
  }

  /** Deletes a file that nothing points to any more (a deleted organization's logo). */
  async discard(id: string | null): Promise<void> {
    if (id === null || !this.storage) return;
    await this.storage.delete(id).catch((error: unknown) => {
      // A failure only leaves an orphan file behind.
      this.logger.warn(`Could not delete organization logo ${id}: ${String(error)}`);
    });
  }

  private async replace(
    view: MembershipView,
    logo: { id: string; url: string } | null,
  ): Promise<'gone' | 'replaced'> {
    const organizationId = view.organization.id;
    const outcome = await this.events.commit(
      () => this.organizations.replaceLogo(organizationId, logo),
      (result) =>
        result === 'gone'
          ? []
          : [userKitEvent('organization.updated', { organizationId, changes: ['logo'] })],
    );
    if (outcome === 'gone') return 'gone';
    // By the id recorded at upload, never by the URL.
    if (outcome.replaced !== null) await this.discard(outcome.replaced);
    return 'replaced';
  }

  private async reread(view: MembershipView): Promise<MembershipView> {
    const organization = await this.organizations.findById(view.organization.id);
    if (!organization) throw new UserKitException('ORGANIZATION_NOT_FOUND');
    return { ...view, organization };
  }

  private requireStorage(): FileStorage {
    if (!this.storage) throw new UserKitException('ORGANIZATION_LOGOS_DISABLED');
    return this.storage;
  }

  private urlOf(id: string): string {
    return (
      this.storage?.urlOf?.(id) ??
      this.urls.publicUrlOf(
        `/${ORGANIZATION_LOGOS_PATH}/:id`,
        RequestMethod.GET,
        `/${ORGANIZATION_LOGOS_PATH}/${id}`,
      )
    );
  }
}
