import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { ExternalSignInProviders } from '../core/extension-points/external-sign-in-providers.js';
import type { ResolvedUserOptions } from '../core/options/resolved-options.js';
import { USER_OPTIONS } from '../core/tokens.js';
import { ExternalAccountsController } from './controllers/external-accounts.controller.js';
import { OAuthController } from './controllers/oauth.controller.js';
import { OAUTH_ENTITIES } from './entities/index.js';
import { OAuthProfileMapper } from './extension-points/oauth-profile-mapper.js';
import { resolveOAuthOptions, type ResolvedOAuthOptions } from './options/resolve-oauth-options.js';
import type { UserOAuthModuleOptions } from './options/user-oauth-module-options.js';
import { OAuthProviderRegistry } from './providers/oauth-provider-registry.js';
import { ExternalAccountsRepository } from './repositories/external-accounts.repository.js';
import { OAuthFlowsRepository } from './repositories/oauth-flows.repository.js';
import { ExternalAccountsService } from './services/external-accounts.service.js';
import { OAuthLinkingService } from './services/oauth-linking.service.js';
import { OAuthRedirects } from './services/oauth-redirects.service.js';
import { OAuthSignInService } from './services/oauth-sign-in.service.js';
import { OAuthSignInExchange } from './services/oauth-sign-in-exchange.service.js';
import { SignInExchange } from '../core/extension-points/sign-in-exchange.js';
import { PendingLinksListener } from './services/pending-links.listener.js';
import { OAUTH_OPTIONS } from './tokens.js';
import {
  UserOAuthConfigurableModule,
  USER_OAUTH_MODULE_OPTIONS,
} from './user-oauth.module-definition.js';

const SERVICES = [OAuthSignInService, OAuthLinkingService, ExternalAccountsService];

/**
 * OAuth sign-in and account linking: `/oauth/:provider/*`, `/auth/oauth/exchange`,
 * `/me/external-accounts`. Needs UserModule (global): its users, sessions and `publicUrl`. The
 * built-in providers need no package: the library's own OAuth 2.0 client speaks to them.
 */
@Module({
  imports: [MikroOrmModule.forFeature(OAUTH_ENTITIES)],
  controllers: [OAuthController, ExternalAccountsController],
  providers: [
    {
      provide: OAUTH_OPTIONS,
      useFactory: (options: UserOAuthModuleOptions, core: ResolvedUserOptions) =>
        resolveOAuthOptions(options, core),
      inject: [USER_OAUTH_MODULE_OPTIONS, USER_OPTIONS],
    },
    {
      provide: OAuthProfileMapper,
      useFactory: (options: ResolvedOAuthOptions): OAuthProfileMapper => options.profileMapper,
      inject: [OAUTH_OPTIONS],
    },
    OAuthProviderRegistry,
    { provide: ExternalSignInProviders, useExisting: OAuthProviderRegistry },
    OAuthSignInExchange,
    { provide: SignInExchange, useExisting: OAuthSignInExchange },
    OAuthFlowsRepository,
    ExternalAccountsRepository,
    OAuthRedirects,
    PendingLinksListener,
    ...SERVICES,
  ],
  exports: [
    OAuthProfileMapper,
    OAuthProviderRegistry,
    ExternalSignInProviders,
    SignInExchange,
    ...SERVICES,
  ],
})
export class UserOAuthModule extends UserOAuthConfigurableModule {}
