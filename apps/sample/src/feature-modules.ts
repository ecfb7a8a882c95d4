import type { DynamicModule } from '@nestjs/common';
import type { UserModuleOptions } from '@userkit/user';
import { UserContactsModule } from '@userkit/user/contacts';
import { UserPagesModule } from '@userkit/user/pages';
import {
  UserProfileImagesModule,
  type UserProfileImagesOptions,
} from '@userkit/user/profile-images';
import {
  UserTokenTemplatesModule,
  type UserTokenTemplatesOptions,
} from '@userkit/user/token-templates';
import type { SampleConfig } from './sample-config.js';

/** Where the sample serves the prebuilt pages (UserPagesModule). */
export const SAMPLE_UI_PATH = '/account';

/**
 * Options a test (or another host built on the sample) puts over the environment's: the core's
 * and every feature module's, in one flat object; each module takes its own keys.
 */
export type SampleOverrides = Partial<UserModuleOptions> & {
  /** UserTokenTemplatesModule's `templates`, `signingKey` and `signingKeyId`. */
  tokenTemplates?: UserTokenTemplatesOptions['templates'];
  tokenSigningKey?: UserTokenTemplatesOptions['signingKey'];
  tokenSigningKeyId?: UserTokenTemplatesOptions['signingKeyId'];
  /** UserProfileImagesModule's `fileStorage` and `directory` (default UPLOADS_DIR). */
  fileStorage?: UserProfileImagesOptions['fileStorage'];
  profileImageDirectory?: UserProfileImagesOptions['directory'];
};

/** Every feature module of @userkit/user: the sample shows them all. */
export function featureModules(config: SampleConfig, overrides: SampleOverrides): DynamicModule[] {
  return [
    // /me/emails and /me/phones: more addresses and numbers, verified by code.
    UserContactsModule.forRoot({}),
    // PUT /me/profile-image, GET /profile-images/:id. An override of the directory, even to
    // undefined (the default private temp folder), replaces UPLOADS_DIR.
    UserProfileImagesModule.forRoot({
      fileStorage: overrides.fileStorage,
      directory:
        'profileImageDirectory' in overrides
          ? overrides.profileImageDirectory
          : config.uploadsDirectory,
    }),
    // GET /me/tokens/:template and /.well-known/jwks.json (empty keys: no template configured).
    UserTokenTemplatesModule.forRoot({
      templates: overrides.tokenTemplates,
      signingKey: overrides.tokenSigningKey,
      signingKeyId: overrides.tokenSigningKeyId,
    }),
    // The prebuilt pages at /account (sign-in, sign-up, profile, admin console).
    ...(config.ui ? [UserPagesModule.forRoot({ path: SAMPLE_UI_PATH })] : []),
  ];
}
