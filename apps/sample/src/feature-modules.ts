import type { DynamicModule } from '@nestjs/common';
import type { UserModuleOptions } from '@userkit/user';
import {
  UserOAuthModule,
  type OAuthProfileMapper,
  type OAuthProviderOptions,
} from '@userkit/user/oauth';
import { UserPagesModule } from '@userkit/user/pages';
import { UserTwoFactorModule } from '@userkit/user/two-factor';
import type { SampleConfig } from './sample-config.js';

/** Where the sample serves the prebuilt pages (UserPagesModule). */
export const SAMPLE_UI_PATH = '/account';

/** UserOAuthModule's options as flat overrides (`oauth…` where the bare name would be vague). */
export interface SampleOAuthOverrides {
  providers?: Record<string, OAuthProviderOptions>;
  redirectAllowList?: string[];
  oauthTimeoutSeconds?: number;
  oauthProfileMapper?: OAuthProfileMapper;
}

/**
 * Options a test (or another host built on the sample) puts over the environment's: the core's
 * and every feature module's, in one flat object; each module takes its own keys.
 */
export type SampleOverrides = Partial<UserModuleOptions> &
  SampleOAuthOverrides & {
    /** UserTwoFactorModule's `issuer`. */
    twoFactorIssuer?: string;
  };

/** Every feature module of @userkit/user: the sample shows them all. */
export function featureModules(config: SampleConfig, overrides: SampleOverrides): DynamicModule[] {
  return [
    // TOTP and backup codes (/me/2fa/*, /auth/login/2fa); the issuer defaults to tokenIssuer.
    UserTwoFactorModule.forRoot({ issuer: overrides.twoFactorIssuer }),
    // OAuth sign-in and linking with the GOOGLE_* / GITHUB_* providers; with the pages on, it
    // allows the round trip back to them (`?code=`) too, under GLOBAL_PREFIX when it is set.
    UserOAuthModule.forRoot({
      providers: overrides.providers ?? config.oauthProviders,
      redirectAllowList: overrides.redirectAllowList ?? config.redirectAllowList,
      timeoutSeconds: overrides.oauthTimeoutSeconds,
      profileMapper: overrides.oauthProfileMapper,
    }),
    // The prebuilt pages at /account (sign-in, sign-up, profile, admin console).
    ...(config.ui ? [UserPagesModule.forRoot({ path: SAMPLE_UI_PATH })] : []),
  ];
}
