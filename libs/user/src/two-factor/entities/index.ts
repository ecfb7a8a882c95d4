import { BackupCode } from './backup-code.entity.js';
import { TotpCredential } from './totp-credential.entity.js';
import { TwoFactorChallenge } from './two-factor-challenge.entity.js';

export { BackupCode, TotpCredential, TwoFactorChallenge };

/** The entities of UserTwoFactorModule: add them to the host's MikroORM `entities`. */
export const TWO_FACTOR_ENTITIES = [TotpCredential, BackupCode, TwoFactorChallenge];
