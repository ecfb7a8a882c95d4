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

/** nodemailer's SMTP transport options (see its docs); the common ones are named here. */
export interface SmtpTransportOptions {
  host?: string;
  port?: number;
  secure?: boolean;
  auth?: { user?: string; pass?: string; [field: string]: unknown };
  [option: string]: unknown;
}

/** The part of a nodemailer transporter the sender uses. */
interface MailTransporter {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close(): void;
}

export interface SmtpMessageSenderOptions {
  /** An SMTP URL (`smtp://user:pass@host:587`, `smtps://…`) or nodemailer SMTP transport options. */
  transport: string | SmtpTransportOptions;
  /** The From header, e.g. `"Acme" <no-reply@acme.example>`. */
  from: string;
  /** Name of the product in subjects and bodies. Default `your account`. */
  productName?: string;
}

/**
 * Mails codes and reset links as plain text through nodemailer. Phone codes need an SMS gateway,
 * which SMTP is not: it refuses them, so a host that verifies phones provides its own sender
 * (or wraps this one). nodemailer is an optional peer: it is imported on the first message, and a
 * missing package fails that send with an error naming it.
 */
export class SmtpMessageSender implements MessageSender {
  private transporter: Promise<MailTransporter> | undefined;
  private readonly productName: string;

  constructor(private readonly options: SmtpMessageSenderOptions) {
    this.productName = options.productName ?? 'your account';
  }

  async sendEmailVerificationCode(message: EmailVerificationMessage): Promise<void> {
    await (
      await this.transport()
    ).sendMail({
      from: this.options.from,
      to: message.email,
      ...(message.purpose === 'sign_in'
        ? {
            subject: `${message.code} is your sign-in code`,
            text:
              `Your code to sign in to ${this.productName} is ${message.code}.\n` +
              `It is valid for 10 minutes. If you did not ask for it, ignore this message.\n`,
          }
        : {
            subject: `${message.code} is your verification code`,
            text:
              `Your code to verify ${message.email} for ${this.productName} is ${message.code}.\n` +
              `It is valid for 10 minutes. If you did not ask for it, ignore this message.\n`,
          }),
    });
  }

  async sendPhoneVerificationCode(_message: PhoneVerificationMessage): Promise<void> {
    throw new Error('SmtpMessageSender cannot send SMS: provide a MessageSender for phone codes');
  }

  async sendPasswordResetLink(message: PasswordResetMessage): Promise<void> {
    await (
      await this.transport()
    ).sendMail({
      from: this.options.from,
      to: message.email,
      subject: `Reset your password for ${this.productName}`,
      text:
        `Someone (hopefully you) asked to reset the password of ${this.productName}.\n` +
        `Open this link within an hour to choose a new one:\n\n${message.link}\n\n` +
        `If you did not ask for it, ignore this message: your password stays as it is.\n`,
    });
  }

  async sendSignInLink(message: SignInLinkMessage): Promise<void> {
    const purpose = message.user
      ? `sign in to ${this.productName}`
      : `create your account on ${this.productName}`;
    await (
      await this.transport()
    ).sendMail({
      from: this.options.from,
      to: message.email,
      subject: `Your sign-in link for ${this.productName}`,
      text:
        `Open this link within 15 minutes to ${purpose}:\n\n${message.link}\n\n` +
        `It works once. If you did not ask for it, ignore this message.\n`,
    });
  }

  async sendEmailSignUpCode(message: EmailSignUpCodeMessage): Promise<void> {
    await (
      await this.transport()
    ).sendMail({
      from: this.options.from,
      to: message.email,
      subject: `${message.code} is your sign-up code`,
      text:
        `Your code to create your account on ${this.productName} is ${message.code}.\n` +
        `It is valid for 10 minutes. If you did not ask for it, ignore this message.\n`,
    });
  }

  async sendSignInMethodLinkedNotice(message: SignInMethodLinkedMessage): Promise<void> {
    const account = message.providerEmail ? ` (${message.providerEmail})` : '';
    await (
      await this.transport()
    ).sendMail({
      from: this.options.from,
      to: message.email,
      subject: `A new way to sign in to ${this.productName}`,
      text:
        `A ${message.provider} account${account} can now sign in to ${this.productName}.\n` +
        `If this was not you, sign in, remove it under connected accounts and change your password.\n`,
    });
  }

  async sendOrganizationInvitation(message: OrganizationInvitationMessage): Promise<void> {
    const inviter =
      message.user.displayName ??
      ([message.user.firstName, message.user.lastName].filter(Boolean).join(' ') || 'A member');
    const open = message.link
      ? `Open this link within 7 days to accept (sign in with this address first):\n\n${message.link}\n\n`
      : `Sign in to ${this.productName} with this address to accept it within 7 days.\n\n`;
    await (
      await this.transport()
    ).sendMail({
      from: this.options.from,
      to: message.email,
      subject: `You are invited to ${message.organization.name} on ${this.productName}`,
      text:
        `${inviter} invited you to join ${message.organization.name} as ${message.role}.\n` +
        open +
        `If you did not expect it, ignore this message.\n`,
    });
  }

  /** Closes pooled connections (call at shutdown). */
  close(): void {
    void this.transporter?.then((transporter) => transporter.close()).catch(() => undefined);
  }

  private transport(): Promise<MailTransporter> {
    this.transporter ??= createTransporter(this.options.transport);
    return this.transporter;
  }
}

async function createTransporter(
  transport: SmtpMessageSenderOptions['transport'],
): Promise<MailTransporter> {
  let nodemailer: typeof import('nodemailer');
  try {
    nodemailer = await import('nodemailer');
  } catch (error) {
    throw new Error(
      `SmtpMessageSender needs the package nodemailer: npm install nodemailer (${String(error)})`,
      { cause: error },
    );
  }
  return nodemailer.createTransport(
    transport as Parameters<typeof nodemailer.createTransport>[0],
  ) as MailTransporter;
}
