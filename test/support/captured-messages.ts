import type {
  EmailSignUpCodeMessage,
  EmailVerificationMessage,
  MessageSender,
  OrganizationInvitationMessage,
  PasswordResetMessage,
  PhoneVerificationMessage,
  SignInLinkMessage,
  SignInMethodLinkedMessage,
} from '@userkit/user';

export type CapturedMessage =
  | ({ kind: 'emailCode' } & EmailVerificationMessage)
  | ({ kind: 'phoneCode' } & PhoneVerificationMessage)
  | ({ kind: 'resetLink' } & PasswordResetMessage);

/**
 * A MessageSender that keeps what it was given, for tests to read codes and links the way a user
 * would read their inbox. `fail` makes it throw (to check that a broken sender loses nothing).
 */
export class CapturingMessageSender implements MessageSender {
  readonly messages: CapturedMessage[] = [];
  fail = false;
  /** A slow provider: each send takes this long. */
  delayMs = 0;

  async sendEmailVerificationCode(message: EmailVerificationMessage): Promise<void> {
    await this.record({ kind: 'emailCode', ...message });
  }

  async sendPhoneVerificationCode(message: PhoneVerificationMessage): Promise<void> {
    await this.record({ kind: 'phoneCode', ...message });
  }

  async sendPasswordResetLink(message: PasswordResetMessage): Promise<void> {
    await this.record({ kind: 'resetLink', ...message });
  }

  /** "A sign-in method was linked" notices, apart from the codes and links. */
  readonly linkedNotices: SignInMethodLinkedMessage[] = [];

  async sendSignInMethodLinkedNotice(message: SignInMethodLinkedMessage): Promise<void> {
    this.linkedNotices.push(message);
  }

  /** Invitations to organizations, apart from the codes and links. */
  readonly invitations: OrganizationInvitationMessage[] = [];

  async sendOrganizationInvitation(message: OrganizationInvitationMessage): Promise<void> {
    this.invitations.push(message);
  }

  /** Sign-in links (`/auth/email-link`) and sign-up codes (`passwordless.signUp`), apart. */
  readonly signInLinks: SignInLinkMessage[] = [];
  readonly signUpCodes: EmailSignUpCodeMessage[] = [];

  async sendSignInLink(message: SignInLinkMessage): Promise<void> {
    if (this.fail) throw new Error('the test sender is down');
    this.signInLinks.push(message);
  }

  async sendEmailSignUpCode(message: EmailSignUpCodeMessage): Promise<void> {
    if (this.fail) throw new Error('the test sender is down');
    this.signUpCodes.push(message);
  }

  /** The newest code sent to this email address or phone number. */
  lastCode(address: string): string {
    const found = [...this.messages]
      .reverse()
      .find(
        (message) =>
          (message.kind === 'emailCode' && message.email === address) ||
          (message.kind === 'phoneCode' && message.phoneNumber === address),
      );
    if (!found || found.kind === 'resetLink') throw new Error(`no code was sent to ${address}`);
    return found.code;
  }

  countTo(address: string): number {
    return this.messages.filter(
      (message) => (message.kind === 'phoneCode' ? message.phoneNumber : message.email) === address,
    ).length;
  }

  /** Reset links are sent after the answer: wait (a little) for the one to this address. */
  async waitForResetLink(email: string, timeoutMs = 5000): Promise<PasswordResetMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(
        (message) => message.kind === 'resetLink' && message.email === email,
      );
      if (found && found.kind === 'resetLink') return found;
      if (Date.now() > deadline) throw new Error(`no reset link was sent to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async record(message: CapturedMessage): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.fail) throw new Error('the test sender is down');
    this.messages.push(message);
  }
}
