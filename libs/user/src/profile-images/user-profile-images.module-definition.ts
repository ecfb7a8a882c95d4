import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserProfileImagesOptions } from './options/user-profile-images-options.js';

export const {
  ConfigurableModuleClass: UserProfileImagesConfigurableModule,
  MODULE_OPTIONS_TOKEN: PROFILE_IMAGES_MODULE_OPTIONS,
  OPTIONS_TYPE: PROFILE_IMAGES_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PROFILE_IMAGES_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserProfileImagesOptions>().setClassMethodName('forRoot').build();
