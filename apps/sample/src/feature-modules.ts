import type { DynamicModule } from '@nestjs/common';
import type { UserModuleOptions } from '@userkit/user';
import { UserPagesModule } from '@userkit/user/pages';
import { UserTwoFactorModule } from '@userkit/user/two-factor';
import type { SampleConfig } from './sample-config.js';

/** Where the sample serves the prebuilt pages (UserPagesModule). */
export const SAMPLE_UI_PATH = '/account';

/**
 * Options a test (or another host built on the sample) puts over the environment's: the core's
 * and every feature module's, in one flat object; each module takes its own keys.
 */
export type SampleOverrides = Partial<UserModuleOptions> & {
  /** UserTwoFactorModule's `issuer`. */
  twoFactorIssuer?: string;
};

/** Every feature module of @userkit/user: the sample shows them all. */
export function featureModules(config: SampleConfig, overrides: SampleOverrides): DynamicModule[] {
  return [
    // TOTP and backup codes (/me/2fa/*, /auth/login/2fa); the issuer defaults to tokenIssuer.
    UserTwoFactorModule.forRoot({ issuer: overrides.twoFactorIssuer }),
    // The prebuilt pages at /account (sign-in, sign-up, profile, admin console).
    ...(config.ui ? [UserPagesModule.forRoot({ path: SAMPLE_UI_PATH })] : []),
  ];
}
