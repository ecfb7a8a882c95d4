import type { DynamicModule } from '@nestjs/common';
import type { UserModuleOptions } from '@userkit/user';
import { UserPagesModule } from '@userkit/user/pages';
import type { SampleConfig } from './sample-config.js';

/** Where the sample serves the prebuilt pages (UserPagesModule). */
export const SAMPLE_UI_PATH = '/account';

/**
 * Options a test (or another host built on the sample) puts over the environment's: the core's
 * and every feature module's, in one flat object; each module takes its own keys.
 */
export type SampleOverrides = Partial<UserModuleOptions>;

/** Every feature module of @userkit/user: the sample shows them all. */
export function featureModules(config: SampleConfig, _overrides: SampleOverrides): DynamicModule[] {
  return [
    // The prebuilt pages at /account (sign-in, sign-up, profile, admin console).
    ...(config.ui ? [UserPagesModule.forRoot({ path: SAMPLE_UI_PATH })] : []),
  ];
}
