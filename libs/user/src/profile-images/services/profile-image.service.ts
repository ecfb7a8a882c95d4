import { Inject, Injectable, Logger, RequestMethod } from '@nestjs/common';
import { newId } from '../../core/entities/new-id.js';
import { FileStorage, type StoredFile } from '../extension-points/file-storage.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { PROFILE_IMAGE_ID_PATTERN, sniffImageType } from '../files/image-type.js';
import { ProfileService } from '../../core/services/profile.service.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';

/** Where the library serves stored images when the FileStorage has no URLs of its own. */
export const PROFILE_IMAGES_PATH = 'profile-images';

export interface StoredProfileImage {
  id: string;
  url: string;
}

/** Profile images: sniffed, stored through FileStorage, and set as the user's `picture`. */
@Injectable()
export class ProfileImageService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(FileStorage) private readonly storage: FileStorage,
    private readonly profile: ProfileService,
    private readonly urls: RouteUrlsService,
  ) {}

  async setProfileImage(userId: string, data: Uint8Array | undefined): Promise<StoredProfileImage> {
    if (!data || data.length === 0) throw new UserKitException('PROFILE_IMAGE_MISSING');
    const type = sniffImageType(data);
    if (!type) throw new UserKitException('PROFILE_IMAGE_UNSUPPORTED');
    const id = `${newId()}.${type.extension}`;
    await this.storage.put(id, data, type.contentType);
    const url = this.urlOf(id);
    let replaced: string | null;
    try {
      replaced = await this.profile.replaceProfileImage(userId, id, url);
    } catch (error) {
      await this.deleteQuietly(id);
      throw error;
    }
    // By the id recorded at upload, never by the URL in `picture` (which the user may set).
    if (replaced !== null) await this.deleteQuietly(replaced);
    return { id, url };
  }

  /** A stored image by id, for the public image route. */
  async read(id: string): Promise<StoredFile> {
    const file = PROFILE_IMAGE_ID_PATTERN.test(id) ? await this.storage.get(id) : null;
    if (!file) throw new UserKitException('PROFILE_IMAGE_NOT_FOUND');
    return file;
  }

  urlOf(id: string): string {
    return (
      this.storage.urlOf?.(id) ??
      this.urls.publicUrlOf(
        `/${PROFILE_IMAGES_PATH}/:id`,
        RequestMethod.GET,
        `/${PROFILE_IMAGES_PATH}/${id}`,
      )
    );
  }

  /** A failure only leaves an orphan file behind. */
  private async deleteQuietly(id: string): Promise<void> {
    await this.storage.delete(id).catch((error: unknown) => {
      this.logger.warn(`Could not delete profile image ${id}: ${String(error)}`);
    });
  }
}
