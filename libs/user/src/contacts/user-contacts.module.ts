import { Module, type DynamicModule } from '@nestjs/common';
import { MeEmailsController } from './controllers/me-emails.controller.js';
import { MePhonesController } from './controllers/me-phones.controller.js';
import { ContactsRepository } from './repositories/contacts.repository.js';
import { ContactsFeatureListener } from './services/contacts-feature-listener.js';
import { ContactsService } from './services/contacts.service.js';
import { PhoneSignInController } from './controllers/phone-sign-in.controller.js';
import { PhoneSignInCodesRepository } from './repositories/phone-sign-in-codes.repository.js';
import { PhoneSignInService } from './services/phone-sign-in.service.js';
import { IdentifierVerification } from '../core/extension-points/identifier-verification.js';
import { EmailSignInController } from './controllers/email-sign-in.controller.js';
import { EmailSignInCodesRepository } from './repositories/email-sign-in-codes.repository.js';
import { EmailSignInService } from './services/email-sign-in.service.js';
import { SignInCodeFlow } from './services/sign-in-code-flow.service.js';
import { EmailLinkSignInController } from './controllers/email-link-sign-in.controller.js';
import { EmailSignInTokensRepository } from './repositories/email-sign-in-tokens.repository.js';
import { EmailLinkSignInService } from './services/email-link-sign-in.service.js';
import { PasswordlessSignUp } from './services/passwordless-sign-up.service.js';
import {
  CONTACTS_OPTIONS,
  resolveContactsOptions,
  type UserContactsOptions,
} from './options/contacts-options.js';

export type { UserContactsOptions };

/**
 * Several email addresses and phone numbers per user, each verified by a 6-digit code
 * (`/me/emails`, `/me/phones`), and sign-in by SMS code to a verified number
 * (`/auth/phone-code`, on with UserModule's `identifiers.phone`), and sign-in by a code mailed to a
 * verified address (`/auth/email-code`, on with `emailSignIn: true`) or by a mailed link
 * (`/auth/email-link`, on with `emailLinkSignIn: true`; with `passwordless.signUp` both open an
 * account for an address nobody holds). The tables of addresses and
 * numbers are the core's (sign-in and reset read them); this module adds the codes, and gives the
 * core its IdentifierVerification (the codes sign-up sends). Global, so the host's own modules can
 * inject ContactsService.
 */
@Module({})
export class UserContactsModule {
  static forRoot(options: UserContactsOptions = {}): DynamicModule {
    return {
      module: UserContactsModule,
      global: true,
      controllers: [
        MeEmailsController,
        MePhonesController,
        PhoneSignInController,
        EmailSignInController,
        EmailLinkSignInController,
      ],
      providers: [
        { provide: CONTACTS_OPTIONS, useValue: resolveContactsOptions(options) },
        ContactsRepository,
        ContactsService,
        ContactsFeatureListener,
        SignInCodeFlow,
        PhoneSignInCodesRepository,
        PhoneSignInService,
        EmailSignInCodesRepository,
        EmailSignInService,
        EmailSignInTokensRepository,
        PasswordlessSignUp,
        EmailLinkSignInService,
        { provide: IdentifierVerification, useExisting: ContactsService },
      ],
      exports: [
        ContactsService,
        PhoneSignInService,
        EmailSignInService,
        EmailLinkSignInService,
        IdentifierVerification,
      ],
    };
  }
}
