import {
  LoggingMessageSender,
  SmtpMessageSender,
  type EmailSignUpCodeMessage,
  type EmailVerificationMessage,
  type MessageSender,
  type OrganizationInvitationMessage,
  type PasswordResetMessage,
  type PhoneVerificationMessage,
  type SignInLinkMessage,
  type SmtpMessageSenderOptions,
} from '@userkit/user';

/**
 * The sample's sender when SMTP_URL is set: email codes and reset links go out through SMTP, and
 * phone codes — which SMTP cannot carry (SmtpMessageSender refuses them) — are written to the log
 * the way LoggingMessageSender writes them. For development only: a real host plugs its SMS
 * gateway in for phone codes (its own MessageSender, or one wrapping SmtpMessageSender).
 */
export class DevelopmentMessageSender implements MessageSender {
  private readonly mail: SmtpMessageSender;
  private readonly log = new LoggingMessageSender();

  constructor(options: SmtpMessageSenderOptions) {
    this.mail = new SmtpMessageSender(options);
  }

  sendEmailVerificationCode(message: EmailVerificationMessage): Promise<void> {
    return this.mail.sendEmailVerificationCode(message);
  }

  sendPhoneVerificationCode(message: PhoneVerificationMessage): Promise<void> {
    return this.log.sendPhoneVerificationCode(message);
  }

  sendPasswordResetLink(message: PasswordResetMessage): Promise<void> {
    return this.mail.sendPasswordResetLink(message);
  }

  sendOrganizationInvitation(message: OrganizationInvitationMessage): Promise<void> {
    return this.mail.sendOrganizationInvitation(message);
  }

  sendSignInLink(message: SignInLinkMessage): Promise<void> {
    return this.mail.sendSignInLink(message);
  }

  sendEmailSignUpCode(message: EmailSignUpCodeMessage): Promise<void> {
    return this.mail.sendEmailSignUpCode(message);
  }
}
