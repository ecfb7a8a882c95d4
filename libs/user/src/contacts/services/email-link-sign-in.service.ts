import {
  Inject,
  Injectable,
  Optional,
  RequestMethod,
  HttpException,
  type OnModuleInit,
} from '@nestjs/common';
import { isBannedAt } from '../../core/entities/ban-state.js';
import type { User } from '../../core/entities/user.entity.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { MessageSender } from '../../core/extension-points/message-sender.js';
import { SignInExchange } from '../../core/extension-points/sign-in-exchange.js';
import { newId } from '../../core/entities/new-id.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { UserModuleOptionsError } from '../../core/options/resolve-options.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { AccountsService } from '../../core/services/accounts.service.js';
import {
  MessageDeliveryService,
  recipientOf,
} from '../../core/services/message-delivery.service.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';
import { generateSecretToken, hashSecretToken } from '../../core/services/secret-token.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { normalizeEmail } from '../../core/validation/email.js';
import { CONTACTS_OPTIONS, type ResolvedContactsOptions } from '../options/contacts-options.js';
import { EmailSignInCodesRepository } from '../repositories/email-sign-in-codes.repository.js';
import { EmailSignInTokensRepository } from '../repositories/email-sign-in-tokens.repository.js';
import { PasswordlessSignUp } from './passwordless-sign-up.service.js';
import { SignInCodeFlow } from './sign-in-code-flow.service.js';

/** A sign-in link works 15 minutes, once. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/**
 * The `error=` of a link's redirect: `link_used` (spent, by this or another click), `link_expired`,
 * `sign_in_refused` (the account is banned, gone, or no longer holds the address) and
 * `sign_up_refused` (the host's beforeCreate hook said no, sign-up was turned off, or the address
 * went to an account that has not proven it).
 */
export type SignInLinkError = 'link_used' | 'link_expired' | 'sign_in_refused' | 'sign_up_refused';

/** Where the verify route sends the browser, and the cookie that binds the exchange code to it. */
export interface SignInLinkFollowed {
  location: string;
  bindingCookie: string | null;
}

/**
 * Sign-in by a link mailed to a verified address (UserContactsModule's `emailLinkSignIn`). Asking
 * answers 202 for every address (the message goes out afterwards, through the SignInCodeFlow's
 * limits); the link (15 minutes, single use, SHA-256 stored) redirects to the allow-listed
 * `redirectUrl` with a code for `POST /auth/oauth/exchange`, so tokens never travel in a URL, and a
 * user with 2FA on gets the second factor's challenge there.
 */
@Injectable()
export class EmailLinkSignInService implements OnModuleInit {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(CONTACTS_OPTIONS) private readonly contactsOptions: ResolvedContactsOptions,
    @Inject(MessageSender) private readonly sender: MessageSender,
    private readonly flow: SignInCodeFlow,
    private readonly addresses: EmailSignInCodesRepository,
    private readonly tokens: EmailSignInTokensRepository,
    private readonly signUp: PasswordlessSignUp,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsService,
    private readonly delivery: MessageDeliveryService,
    private readonly urls: RouteUrlsService,
    @Optional()
    @Inject(SignInExchange)
    private readonly exchange: SignInExchange | null = null,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    if (this.contactsOptions.emailLinkSignIn) {
      if (!this.exchange)
        problems.push(
          'emailLinkSignIn needs UserOAuthModule (from @userkit/user/oauth): its code exchange and redirectAllowList',
        );
      if (!this.options.publicUrl)
        problems.push('emailLinkSignIn needs publicUrl: the mailed link is built on it');
      if (typeof this.sender.sendSignInLink !== 'function')
        problems.push('emailLinkSignIn needs a MessageSender with sendSignInLink');
    }
    if (
      this.contactsOptions.passwordlessSignUp &&
      this.contactsOptions.emailSignIn &&
      typeof this.sender.sendEmailSignUpCode !== 'function'
    )
      problems.push(
        'passwordless.signUp with emailSignIn needs a MessageSender with sendEmailSignUpCode',
      );
    if (problems.length > 0) throw new UserModuleOptionsError(problems);
  }

  /** 400 REDIRECT_NOT_ALLOWED off the allow-list; else answers at once, the link goes afterwards. */
  async requestLink(
    input: string,
    redirectUrl: string,
    codeChallenge: string | null,
  ): Promise<void> {
    const exchange = this.enabledExchange();
    const redirect = exchange.allowedRedirect(redirectUrl);
    if (!redirect) throw new UserKitException('REDIRECT_NOT_ALLOWED');
    const email = normalizeEmail(input);
    await this.flow.answerThenSend(email, 'Sign-in link', () =>
      this.sendLink(email, redirect, codeChallenge),
    );
  }

  /**
   * Spends the link and sends the browser to its redirect with `code=` (and the binding cookie),
   * or `error=`. 400 EMAIL_LINK_INVALID for a token no link has (no redirect is known for it).
   */
  async follow(token: unknown): Promise<SignInLinkFollowed> {
    const exchange = this.enabledExchange();
    if (typeof token !== 'string' || token.length < 16 || token.length > 128)
      throw new UserKitException('EMAIL_LINK_INVALID');
    const spent = await this.tokens.spendLink(hashSecretToken(token), new Date());
    if (!spent) throw new UserKitException('EMAIL_LINK_INVALID');
    if ('refused' in spent) return refusal(spent.redirectUrl, spent.refused);
    const user =
      spent.userId === null
        ? await this.signedUp(spent.email, spent.normalizedEmail)
        : await this.stillHolder(spent.userId, spent.normalizedEmail);
    if (typeof user === 'string') return refusal(spent.redirectUrl, user);
    const issued = await exchange.issue(user.id, 'email_link', spent.codeChallenge);
    return {
      location: withParam(spent.redirectUrl, 'code', issued.code),
      bindingCookie: issued.bindingCookie,
    };
  }

  private async sendLink(email: string, redirectUrl: string, codeChallenge: string | null) {
    const target = await this.addresses.findVerified(email);
    let user: User | null = null;
    if (target) {
      if (target.banned) return;
      user = await this.users.findFullById(target.userId);
      if (!user) return;
    } else if (!(await this.signUp.offeredTo(email))) return;
    const token = generateSecretToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
    await this.tokens.create(
      {
        id: newId(),
        kind: 'link',
        tokenHash: hashSecretToken(token),
        normalizedEmail: email,
        email: target?.email ?? email,
        userId: user?.id ?? null,
        redirectUrl,
        codeChallenge,
        expiresAt,
      },
      now,
    );
    const link = new URL(this.urls.publicUrlOf('/auth/email-link/verify', RequestMethod.GET));
    link.searchParams.set('token', token);
    await this.delivery.deliver('sendSignInLink', {
      user: user ? recipientOf(user) : null,
      email: target?.email ?? email,
      link: link.href,
      token,
      expiresAt,
    });
  }

  /** The link's user, while not banned and still holding the address verified. */
  private async stillHolder(userId: string, email: string): Promise<User | SignInLinkError> {
    const holder = await this.addresses.findVerified(email);
    const user = holder?.userId === userId ? await this.users.findFullById(userId) : null;
    if (!user || isBannedAt(user)) {
      const reason = user ? 'banned' : 'unknown_account';
      this.accounts.signInFailed(user?.id ?? null, 'email_link', reason, email);
      return 'sign_in_refused';
    }
    return user;
  }

  /** A sign-up link: the new account, or why there is none. */
  private async signedUp(email: string, normalizedEmail: string): Promise<User | SignInLinkError> {
    try {
      const user = await this.signUp.accountFor(email, normalizedEmail);
      return user && !isBannedAt(user) ? user : 'sign_up_refused';
    } catch (error) {
      // The host's beforeCreate hook vetoed the new user: the browser still gets its redirect.
      if (error instanceof HttpException && error.getStatus() < 500) return 'sign_up_refused';
      throw error;
    }
  }

  private enabledExchange(): SignInExchange {
    if (
      !this.contactsOptions.emailLinkSignIn ||
      this.options.identifiers.email === false ||
      !this.exchange
    )
      throw new UserKitException('EMAIL_LINK_SIGN_IN_DISABLED');
    return this.exchange;
  }
}

function refusal(redirectUrl: string, error: SignInLinkError): SignInLinkFollowed {
  return { location: withParam(redirectUrl, 'error', error), bindingCookie: null };
}

function withParam(redirectUrl: string, name: string, value: string): string {
  const url = new URL(redirectUrl);
  url.searchParams.set(name, value);
  return url.href;
}
