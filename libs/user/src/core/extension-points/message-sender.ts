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
}

export const MessageSender = Symbol('MessageSender');
