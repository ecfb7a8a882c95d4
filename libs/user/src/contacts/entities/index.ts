import { VerificationCode } from './verification-code.entity.js';

export { VerificationCode };

/** This feature's entities: add them to the host's MikroORM `entities` after USER_ENTITIES. */
export const CONTACTS_ENTITIES = [VerificationCode];
