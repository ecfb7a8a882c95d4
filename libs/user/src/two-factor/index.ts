// `@userkit/user/two-factor`: TOTP authenticators, backup codes and the second step of a sign-in.
export { UserTwoFactorModule } from './user-two-factor.module.js';
export {
  TWO_FACTOR_MODULE_OPTIONS,
  TWO_FACTOR_OPTIONS_TYPE,
  TWO_FACTOR_ASYNC_OPTIONS_TYPE,
} from './two-factor.module-definition.js';
export type { UserTwoFactorModuleOptions } from './options/two-factor-options.js';
export {
  TWO_FACTOR_ENTITIES,
  TotpCredential,
  BackupCode,
  TwoFactorChallenge,
} from './entities/index.js';
export { TWO_FACTOR_MIGRATIONS } from './migrations/index.js';
export { TwoFactorService, type TotpEnrollment } from './services/two-factor.service.js';
export { TwoFactorSignInService } from './services/two-factor-sign-in.service.js';
