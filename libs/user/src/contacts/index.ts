// `@userkit/user/contacts`: several email addresses and phone numbers, verified by code.
export { UserContactsModule, type UserContactsOptions } from './user-contacts.module.js';
export { CONTACTS_ENTITIES, EmailSignInToken, VerificationCode } from './entities/index.js';
export { CONTACTS_MIGRATIONS } from './migrations/index.js';
export { ContactsService } from './services/contacts.service.js';
export { PhoneSignInService } from './services/phone-sign-in.service.js';
export { EmailSignInService } from './services/email-sign-in.service.js';
export {
  EmailLinkSignInService,
  type SignInLinkError,
} from './services/email-link-sign-in.service.js';
export type { ContactKind, ContactRecord } from './repositories/contacts.repository.js';
