import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MeProfileImageController } from './controllers/me-profile-image.controller.js';
import { ProfileImagesController } from './controllers/profile-images.controller.js';
import { FileStorage } from './extension-points/file-storage.js';
import { LocalDiskFileStorage } from './files/local-disk-file-storage.js';
import { ensureUploadDirectory } from './files/private-upload-directory.js';
import {
  resolveProfileImagesOptions,
  type UserProfileImagesOptions,
} from './options/user-profile-images-options.js';
import { ProfileImageService } from './services/profile-image.service.js';
import {
  PROFILE_IMAGES_MODULE_OPTIONS,
  PROFILE_IMAGES_OPTIONS_TYPE,
  UserProfileImagesConfigurableModule,
} from './user-profile-images.module-definition.js';

/**
 * Profile images: `PUT /me/profile-image` stores an upload through the FileStorage and points the
 * user's `picture` at it; `GET /profile-images/:id` serves the stored ones. Global, so the host's
 * own modules can inject FileStorage and ProfileImageService.
 */
@Global()
@Module({
  controllers: [MeProfileImageController, ProfileImagesController],
  providers: [
    {
      provide: FileStorage,
      useFactory: async (options: UserProfileImagesOptions): Promise<FileStorage> => {
        const resolved = resolveProfileImagesOptions(options);
        return (
          resolved.fileStorage ??
          new LocalDiskFileStorage(await ensureUploadDirectory(resolved.directory))
        );
      },
      inject: [PROFILE_IMAGES_MODULE_OPTIONS],
    },
    ProfileImageService,
  ],
  exports: [FileStorage, ProfileImageService],
})
export class UserProfileImagesModule extends UserProfileImagesConfigurableModule {
  /** Checks the options here too: with `forRoot`, a misconfigured host fails at once. */
  static override forRoot(options: typeof PROFILE_IMAGES_OPTIONS_TYPE): DynamicModule {
    resolveProfileImagesOptions(options);
    return super.forRoot(options);
  }
}
