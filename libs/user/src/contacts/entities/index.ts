import { EmailSignInToken } from './email-sign-in-token.entity.js';
import { VerificationCode } from './verification-code.entity.js';

export { EmailSignInToken, VerificationCode };

/** This feature's entities: add them to the host's MikroORM `entities` after USER_ENTITIES. */
export const CONTACTS_ENTITIES = [VerificationCode, EmailSignInToken];
