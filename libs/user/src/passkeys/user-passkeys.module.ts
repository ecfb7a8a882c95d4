import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ResolvedUserOptions } from '../core/options/resolved-options.js';
import { USER_OPTIONS } from '../core/tokens.js';
import { MePasskeysController } from './controllers/me-passkeys.controller.js';
import { PasskeySignInController } from './controllers/passkey-sign-in.controller.js';
import { PASSKEYS_ENTITIES } from './entities/index.js';
import { PasskeysFeatureListener } from './listeners/passkeys-feature.listener.js';
import {
  PASSKEYS_OPTIONS,
  resolvePasskeysOptions,
  type UserPasskeysModuleOptions,
} from './options/passkeys-options.js';
import {
  PASSKEYS_MODULE_OPTIONS,
  PASSKEYS_OPTIONS_TYPE,
  UserPasskeysConfigurableModule,
} from './passkeys.module-definition.js';
import { PasskeysRepository } from './repositories/passkeys.repository.js';
import { PasskeyRegistrationService } from './services/passkey-registration.service.js';
import { PasskeySignInService } from './services/passkey-sign-in.service.js';
import { PasskeysService } from './services/passkeys.service.js';

/**
 * Passkeys (WebAuthn): add, list, rename and remove your own (`/me/passkeys`), and sign in with
 * one, without a password (`/auth/passkey`). Needs the optional peer `@simplewebauthn/server`,
 * which only this module loads.
 */
@Module({
  imports: [MikroOrmModule.forFeature(PASSKEYS_ENTITIES)],
  controllers: [MePasskeysController, PasskeySignInController],
  providers: [
    {
      provide: PASSKEYS_OPTIONS,
      useFactory: (options: UserPasskeysModuleOptions, core: ResolvedUserOptions) =>
        resolvePasskeysOptions(options, core),
      inject: [PASSKEYS_MODULE_OPTIONS, USER_OPTIONS],
    },
    PasskeysRepository,
    PasskeyRegistrationService,
    PasskeySignInService,
    PasskeysService,
    PasskeysFeatureListener,
  ],
  exports: [PasskeysService, PasskeyRegistrationService, PasskeySignInService],
})
export class UserPasskeysModule extends UserPasskeysConfigurableModule {
  /** Every option has a default when UserModule has a `publicUrl`: `forRoot()` is enough. */
  static forRoot(options: typeof PASSKEYS_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
