import { Inject, Injectable, Logger } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { MessageSender, type MessageRecipient } from '../extension-points/message-sender.js';
import { logValue } from '../messages/log-value.js';

type MessageKind =
  | 'sendEmailVerificationCode'
  | 'sendPhoneVerificationCode'
  | 'sendPasswordResetLink'
  | 'sendSignInMethodLinkedNotice'
  | 'sendOrganizationInvitation'
  | 'sendSignInLink'
  | 'sendEmailSignUpCode';

/**
 * Calls the host's MessageSender after the change it announces is committed. A failing sender is
 * logged and swallowed: the account change stands, and the user can ask for the message again.
 */
@Injectable()
export class MessageDeliveryService {
  private readonly logger = new Logger('UserKit');

  constructor(@Inject(MessageSender) private readonly sender: MessageSender) {}

  async deliver<K extends MessageKind>(
    kind: K,
    message: Parameters<NonNullable<MessageSender[K]>>[0],
  ): Promise<void> {
    const send = this.sender[kind] as
      ((message: Parameters<NonNullable<MessageSender[K]>>[0]) => Promise<void>) | undefined;
    if (typeof send !== 'function') return; // an optional notice the host's sender does not send
    try {
      await send.call(this.sender, message);
    } catch (error) {
      // A sign-up's message goes to an address no user holds yet.
      const user = 'user' in message && message.user ? message.user.id : 'not yet created';
      this.logger.error(`MessageSender.${kind} failed for user ${user}: ${logValue(error)}`);
    }
  }
}

export function recipientOf(user: User): MessageRecipient {
  return {
    id: user.id,
    displayName: user.displayName,
    firstName: user.firstName,
    lastName: user.lastName,
  };
}
