import { Logger } from '@nestjs/common';
import type {
  EmailVerificationMessage,
  MessageSender,
  PasswordResetMessage,
  PhoneVerificationMessage,
  SignInMethodLinkedMessage,
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

  async sendSignInMethodLinkedNotice(message: SignInMethodLinkedMessage): Promise<void> {
    this.logger.log(`Sign-in method ${message.provider} linked; notice to ${message.email}`);
  }
}
