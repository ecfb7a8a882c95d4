// `@userkit/user/profile-images`: profile image uploads, stored through a FileStorage.
export { UserProfileImagesModule } from './user-profile-images.module.js';
export {
  PROFILE_IMAGES_MODULE_OPTIONS,
  PROFILE_IMAGES_OPTIONS_TYPE,
  PROFILE_IMAGES_ASYNC_OPTIONS_TYPE,
} from './user-profile-images.module-definition.js';
export {
  resolveProfileImagesOptions,
  UserProfileImagesOptionsError,
  type UserProfileImagesOptions,
  type ResolvedProfileImagesOptions,
} from './options/user-profile-images-options.js';
export { FileStorage, type StoredFile } from './extension-points/file-storage.js';
export { LocalDiskFileStorage } from './files/local-disk-file-storage.js';
export { ProfileImageService, type StoredProfileImage } from './services/profile-image.service.js';
export { ProfileImageResponse } from './dto/profile-image.response.js';
