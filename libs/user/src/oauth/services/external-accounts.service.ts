import { Inject, Injectable, RequestMethod } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { OAuthProviderRegistry } from '../providers/oauth-provider-registry.js';
import { OAuthRedirects } from './oauth-redirects.service.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { ExternalAccountsRepository } from '../repositories/external-accounts.repository.js';
import { OAuthFlowsRepository } from '../repositories/oauth-flows.repository.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import type { ResolvedOAuthOptions } from '../options/resolve-oauth-options.js';
import { OAUTH_OPTIONS } from '../tokens.js';
import { OAUTH_STATE_TTL_MS } from './oauth-sign-in.service.js';
import { generateSecretToken, hashSecretToken } from '../../core/services/secret-token.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';
import type { AuthenticatedPrincipal } from '../../core/services/sessions.service.js';
import { SignInMethodsService } from '../../core/services/sign-in-methods.service.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import type { ExternalAccount } from '../../core/entities/external-account.entity.js';

/** The pending account, the URL to open, and the value of the cookie that lets only this browser open it. */
export interface StartedLink {
  account: ExternalAccount;
  url: string;
  browserToken: string;
  /** Whether the binding cookie must be Secure (the URL is https). */
  secureCookie: boolean;
}

/** A signed-in user's external accounts: start a link (or an anonymous upgrade), unlink. */
@Injectable()
export class ExternalAccountsService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(OAUTH_OPTIONS) private readonly oauthOptions: ResolvedOAuthOptions,
    private readonly registry: OAuthProviderRegistry,
    private readonly flows: OAuthFlowsRepository,
    private readonly accounts: ExternalAccountsRepository,
    private readonly signInMethods: SignInMethodsService,
    private readonly urls: RouteUrlsService,
    private readonly redirects: OAuthRedirects,
    private readonly updates: UserUpdateService,
  ) {}

  /**
   * Stores the pending external account (`unverified`, 10 minutes) and returns it with the URL to
   * open in the user's browser: `GET /oauth/<provider>?intent=…`, a one-time (10 min)
   * intent whose digest is stored. Browsers cannot send the bearer token on a navigation; the
   * intent carries "this user" to the start of the round trip instead. It is bound to the browser
   * that asked (a cookie), so a URL the attacker asked for links nothing in the victim's browser.
   */
  async startLink(
    principal: AuthenticatedPrincipal,
    providerName: string,
    redirectUrl: string,
  ): Promise<StartedLink> {
    const { id: userId, sessionId } = principal;
    this.registry.get(providerName); // 404 for an unknown or switched-off provider
    // A new way in is as sensitive as a new email: a stolen session must not add one. A guest has
    // no way to sign in again, and its upgrade only adds the first method.
    const window = this.options.identifiers.reauthenticationWindowSeconds * 1000;
    if (!principal.isAnonymous && Date.now() - principal.authenticatedAt.getTime() > window)
      throw new UserKitException('REAUTHENTICATION_REQUIRED');
    const allowed = this.redirects.allowed(redirectUrl);
    if (!allowed) throw new UserKitException('REDIRECT_NOT_ALLOWED');
    const token = generateSecretToken();
    const browserToken = generateSecretToken();
    const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
    // The account exists from now on, `unverified` until the round trip verifies it.
    const account = await this.accounts.startPending(userId, providerName, expiresAt);
    await this.flows.createLinkIntent({
      tokenHash: hashSecretToken(token),
      userId,
      sessionId,
      provider: providerName,
      redirectUrl: allowed,
      browserHash: hashSecretToken(browserToken),
      externalAccountId: account.id,
      expiresAt,
    });
    await this.updates.changed(userId, ['externalAccounts']);
    // A host's own callbackUrl (e.g. behind a proxy) places the start route beside it.
    const customCallback = this.oauthOptions.providers[providerName]?.callbackUrl;
    const startUrl = customCallback?.endsWith('/callback')
      ? customCallback.slice(0, -'/callback'.length)
      : this.urls.publicUrlOf('/oauth/:provider', RequestMethod.GET, `/oauth/${providerName}`);
    const url = new URL(startUrl);
    url.searchParams.set('intent', token);
    return { account, url: url.href, browserToken, secureCookie: url.protocol === 'https:' };
  }

  async unlink(userId: string, accountId: string): Promise<void> {
    // Ids are UUIDs: anything else is unknown without asking the database.
    if (!/^[A-Za-z0-9-]{1,64}$/.test(accountId))
      throw new UserKitException('EXTERNAL_ACCOUNT_NOT_FOUND');
    const unlinked = await this.accounts.unlink(userId, accountId, (counts) =>
      this.signInMethods.assertRemovable(counts, { externalAccount: true }),
    );
    if (!unlinked) throw new UserKitException('EXTERNAL_ACCOUNT_NOT_FOUND');
    // A pending or failed account was never a way in: no `externalAccount.unlinked` for it.
    if (unlinked.verified && unlinked.providerUserId !== null)
      await this.updates.externalAccountUnlinked(
        userId,
        unlinked.provider,
        unlinked.providerUserId,
      );
    else await this.updates.changed(userId, ['externalAccounts']);
  }
}
