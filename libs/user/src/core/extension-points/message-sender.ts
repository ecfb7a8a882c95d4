/** Who a message is for: enough to greet them, never a secret of theirs. */
export interface MessageRecipient {
  id: string;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface EmailVerificationMessage {
  user: MessageRecipient;
  email: string;
  /** 6 digits, valid until `expiresAt`, single use. */
  code: string;
  expiresAt: Date;
  /**
   * `sign_in`: a code to sign in with (POST /auth/email-code) sent to a verified address, e.g.
   * "Your sign-in code is …"; absent or `verify`: a code that proves the address.
   */
  purpose?: 'verify' | 'sign_in';
}

/**
 * A code that opens a new account (UserContactsModule's `passwordless.signUp`), sent to an address
 * no account holds yet: nobody is greeted, since nobody exists until the code is used.
 */
export interface EmailSignUpCodeMessage {
  email: string;
  /** 6 digits, valid until `expiresAt`, single use. */
  code: string;
  expiresAt: Date;
}

/** A single-use sign-in link (UserContactsModule's `emailLinkSignIn`). */
export interface SignInLinkMessage {
  /** The account the link signs in to; null: none yet, the link creates it (`passwordless.signUp`). */
  user: MessageRecipient | null;
  email: string;
  /** `GET /auth/email-link/verify?token=…` on the configured public URL. */
  link: string;
  token: string;
  expiresAt: Date;
}

export interface PhoneVerificationMessage {
  user: MessageRecipient;
  /** E.164. */
  phoneNumber: string;
  code: string;
  expiresAt: Date;
  /**
   * `sign_in`: a code to sign in with (POST /auth/phone-code) sent to a verified number, e.g.
   * "Your sign-in code is …"; absent or `verify`: a code that proves the number.
   */
  purpose?: 'verify' | 'sign_in';
}

export interface PasswordResetMessage {
  user: MessageRecipient;
  email: string;
  /** Built on the configured public URL (never the request's Host header); holds the token. */
  link: string;
  token: string;
  expiresAt: Date;
}

/** Tells the owner a new way to sign in was added, so a link they did not make gets noticed. */
export interface SignInMethodLinkedMessage {
  user: MessageRecipient;
  /** The user's primary address (where the notice goes). */
  email: string;
  /** `google`, `github`, ... */
  provider: string;
  /** The provider account's address, if it gave one. */
  providerEmail: string | null;
  linkedAt: Date;
}

/**
 * An invitation to join an organization (UserOrganizationsModule), sent to an address that may
 * not belong to any user yet. `user` is who invited.
 */
export interface OrganizationInvitationMessage {
  /** The member who invited. */
  user: MessageRecipient;
  /** Where the invitation goes; only a user who verified this address can accept it. */
  email: string;
  organization: { id: string; name: string; slug: string };
  /** The role the invitee gets. */
  role: string;
  invitationId: string;
  /** The module's `invitationUrl` with `invitation` and `token` added; null without one. */
  link: string | null;
  /** Single use, valid until `expiresAt`; only its digest is stored. */
  token: string;
  expiresAt: Date;
}

/**
 * Delivers the codes and links of the library: one method per kind of message. The library calls
 * it after the change is committed; a rejection is logged and never undoes the change. The default
 * logs messages (development only); `SmtpMessageSender` mails them; a host provides its own (SMS,
 * a mail API, templates) through the `messageSender` option.
 */
export interface MessageSender {
  sendEmailVerificationCode(message: EmailVerificationMessage): Promise<void>;
  sendPhoneVerificationCode(message: PhoneVerificationMessage): Promise<void>;
  sendPasswordResetLink(message: PasswordResetMessage): Promise<void>;
  /** Optional: "a new sign-in method was linked to your account" (the event fires either way). */
  sendSignInMethodLinkedNotice?(message: SignInMethodLinkedMessage): Promise<void>;
  /** A sign-in link; required by UserContactsModule's `emailLinkSignIn` (checked at start). */
  sendSignInLink?(message: SignInLinkMessage): Promise<void>;
  /** A code that opens a new account; required by `passwordless.signUp` with `emailSignIn`. */
  sendEmailSignUpCode?(message: EmailSignUpCodeMessage): Promise<void>;
  /** Optional: an invitation to join an organization (UserOrganizationsModule). */
  sendOrganizationInvitation?(message: OrganizationInvitationMessage): Promise<void>;
}

export const MessageSender = Symbol('MessageSender');
