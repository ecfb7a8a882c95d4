import { PasskeyChallenge } from './passkey-challenge.entity.js';
import { Passkey } from './passkey.entity.js';

export { Passkey, PasskeyChallenge };

/** The entities of UserPasskeysModule: add them to the host's MikroORM `entities`. */
export const PASSKEYS_ENTITIES = [Passkey, PasskeyChallenge];
