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
}

export interface PhoneVerificationMessage {
  user: MessageRecipient;
  /** E.164. */
  phoneNumber: string;
  code: string;
  expiresAt: Date;
}

export interface PasswordResetMessage {
  user: MessageRecipient;
  email: string;
  /** Built on the configured public URL (never the request's Host header); holds the token. */
  link: string;
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
}

export const MessageSender = Symbol('MessageSender');
