import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { SecondFactor } from '../core/extension-points/second-factor.js';
import type { ResolvedUserOptions } from '../core/options/resolved-options.js';
import { USER_OPTIONS } from '../core/tokens.js';
import { AdminTwoFactorController } from './controllers/admin-two-factor.controller.js';
import { MeTwoFactorController } from './controllers/me-two-factor.controller.js';
import { TwoFactorSignInController } from './controllers/two-factor-sign-in.controller.js';
import { TWO_FACTOR_ENTITIES } from './entities/index.js';
import { TwoFactorFeatureListener } from './listeners/two-factor-feature.listener.js';
import {
  resolveTwoFactorOptions,
  TWO_FACTOR_OPTIONS,
  type UserTwoFactorModuleOptions,
} from './options/two-factor-options.js';
import { TwoFactorRepository } from './repositories/two-factor.repository.js';
import { TwoFactorSignInService } from './services/two-factor-sign-in.service.js';
import { TwoFactorService } from './services/two-factor.service.js';
import {
  TWO_FACTOR_MODULE_OPTIONS,
  TWO_FACTOR_OPTIONS_TYPE,
  UserTwoFactorConfigurableModule,
} from './two-factor.module-definition.js';

/**
 * Two-factor sign-in: TOTP authenticators and backup codes (`/me/2fa/*`), the second step of a
 * sign-in (`POST /auth/login/2fa`) and an admin's reset (`DELETE /admin/users/:id/two-factor`).
 * Provides the core's SecondFactor: without this module, a user with 2FA on cannot sign in at all
 * (the core never skips a factor the user turned on).
 */
@Module({
  imports: [MikroOrmModule.forFeature(TWO_FACTOR_ENTITIES)],
  controllers: [MeTwoFactorController, TwoFactorSignInController, AdminTwoFactorController],
  providers: [
    {
      provide: TWO_FACTOR_OPTIONS,
      useFactory: (options: UserTwoFactorModuleOptions, core: ResolvedUserOptions) =>
        resolveTwoFactorOptions(options, core.tokenIssuer),
      inject: [TWO_FACTOR_MODULE_OPTIONS, USER_OPTIONS],
    },
    TwoFactorRepository,
    TwoFactorService,
    TwoFactorSignInService,
    { provide: SecondFactor, useExisting: TwoFactorSignInService },
    TwoFactorFeatureListener,
  ],
  exports: [SecondFactor, TwoFactorService, TwoFactorSignInService],
})
export class UserTwoFactorModule extends UserTwoFactorConfigurableModule {
  /** Every option has a default: `forRoot()` is enough. */
  static forRoot(options: typeof TWO_FACTOR_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
