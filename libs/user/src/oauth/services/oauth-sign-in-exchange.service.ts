import { Inject, Injectable } from '@nestjs/common';
import type {
  ExchangedSignIn,
  IssuedExchangeCode,
  SignInExchange,
} from '../../core/extension-points/sign-in-exchange.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { generateSecretToken, hashSecretToken } from '../../core/services/secret-token.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { OAuthFlowsRepository } from '../repositories/oauth-flows.repository.js';
import { browserCookie } from './oauth-browser-cookie.js';
import { OAuthRedirects } from './oauth-redirects.service.js';
import { OAUTH_EXCHANGE_CODE_TTL_MS } from './oauth-sign-in.service.js';

/**
 * The exchange and the redirect allow-list of the OAuth round trip, offered to the features that
 * end in a redirect of their own (sign-in links): the same codes, redeemed at the same route.
 */
@Injectable()
export class OAuthSignInExchange implements SignInExchange {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly redirects: OAuthRedirects,
    private readonly flows: OAuthFlowsRepository,
  ) {}

  allowedRedirect(candidate: unknown): string | null {
    return this.redirects.allowed(candidate);
  }

  async issue(
    userId: string,
    method: ExchangedSignIn,
    codeChallenge: string | null,
  ): Promise<IssuedExchangeCode> {
    const code = generateSecretToken();
    const browserToken = generateSecretToken();
    await this.flows.createExchangeCode({
      codeHash: hashSecretToken(code),
      userId,
      provider: null,
      signInMethod: method,
      browserHash: hashSecretToken(browserToken),
      codeChallenge,
      expiresAt: new Date(Date.now() + OAUTH_EXCHANGE_CODE_TTL_MS),
    });
    return {
      code,
      bindingCookie: browserCookie(
        browserToken,
        (this.options.publicUrl ?? '').startsWith('https:'),
        OAUTH_EXCHANGE_CODE_TTL_MS / 1000,
      ),
    };
  }
}
