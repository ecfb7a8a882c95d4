// `@userkit/user/passkeys`: WebAuthn passkeys, as a way in of their own (needs @simplewebauthn/server).
export { UserPasskeysModule } from './user-passkeys.module.js';
export {
  PASSKEYS_MODULE_OPTIONS,
  PASSKEYS_OPTIONS_TYPE,
  PASSKEYS_ASYNC_OPTIONS_TYPE,
} from './passkeys.module-definition.js';
export type { UserPasskeysModuleOptions } from './options/passkeys-options.js';
export { PASSKEYS_ENTITIES, Passkey, PasskeyChallenge } from './entities/index.js';
export { PASSKEYS_MIGRATIONS } from './migrations/index.js';
export { PasskeysService } from './services/passkeys.service.js';
export { PasskeyRegistrationService } from './services/passkey-registration.service.js';
export { PasskeySignInService } from './services/passkey-sign-in.service.js';
