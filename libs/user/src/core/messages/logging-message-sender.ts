import { Logger } from '@nestjs/common';
import type {
  EmailSignUpCodeMessage,
  EmailVerificationMessage,
  MessageSender,
  SignInLinkMessage,
  PasswordResetMessage,
  PhoneVerificationMessage,
  SignInMethodLinkedMessage,
  OrganizationInvitationMessage,
} from '../extension-points/message-sender.js';
import { logValue } from './log-value.js';

/**
 * The default sender: writes each message (code or link included) to the log. Meant for
 * development and the sample app; a production host configures a real sender.
 */
export class LoggingMessageSender implements MessageSender {
  constructor(private readonly logger: Pick<Logger, 'log'> = new Logger('UserKit messages')) {}

  async sendEmailVerificationCode(message: EmailVerificationMessage): Promise<void> {
    this.logger.log(
      `Email ${message.purpose === 'sign_in' ? 'sign-in' : 'verification'} code for ${logValue(message.email)}: ${logValue(message.code)}`,
    );
  }

  async sendPhoneVerificationCode(message: PhoneVerificationMessage): Promise<void> {
    this.logger.log(
      `Phone ${message.purpose === 'sign_in' ? 'sign-in' : 'verification'} code for ${logValue(message.phoneNumber)}: ${logValue(message.code)}`,
    );
  }

  async sendPasswordResetLink(message: PasswordResetMessage): Promise<void> {
    this.logger.log(
      `Password reset link for ${logValue(message.email)}: ${logValue(message.link)}`,
    );
  }

  async sendSignInLink(message: SignInLinkMessage): Promise<void> {
    this.logger.log(`Sign-in link for ${logValue(message.email)}: ${logValue(message.link)}`);
  }

  async sendEmailSignUpCode(message: EmailSignUpCodeMessage): Promise<void> {
    this.logger.log(`Email sign-up code for ${logValue(message.email)}: ${logValue(message.code)}`);
  }

  async sendSignInMethodLinkedNotice(message: SignInMethodLinkedMessage): Promise<void> {
    this.logger.log(`Sign-in method ${message.provider} linked; notice to ${message.email}`);
  }

  async sendOrganizationInvitation(message: OrganizationInvitationMessage): Promise<void> {
    this.logger.log(
      `Invitation to ${logValue(message.organization.name)} as ${message.role} for ${logValue(message.email)}: ${logValue(message.link ?? `invitation ${message.invitationId}, token ${message.token}`)}`,
    );
  }
}
