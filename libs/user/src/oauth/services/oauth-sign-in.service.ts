import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { OAuthProfileMapper } from '../extension-points/oauth-profile-mapper.js';
import { OAuthProviderError } from '../providers/oauth-provider-error.js';
import type { OAuthProfile } from '../extension-points/oauth-profile.js';
import {
  OAuthProviderRegistry,
  type EnabledOAuthProvider,
} from '../providers/oauth-provider-registry.js';
import { withQuery } from './redirect-allow-list.js';
import { OAuthRedirects } from './oauth-redirects.service.js';
import { sanitizeOAuthProfile } from '../providers/sanitize-oauth-profile.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import {
  OAuthFlowsRepository,
  type SpentExchangeCode,
} from '../repositories/oauth-flows.repository.js';
import { SessionsRepository } from '../../core/repositories/sessions.repository.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import type { ResolvedOAuthOptions } from '../options/resolve-oauth-options.js';
import { OAUTH_OPTIONS } from '../tokens.js';
import type { IssuedTokens } from '../../core/services/issued-tokens.js';
import { OAuthLinkingService, type LinkOutcome } from './oauth-linking.service.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { generateSecretToken, hashSecretToken } from '../../core/services/secret-token.js';
import { PasswordSignInService } from '../../core/services/password-sign-in.service.js';
import { SessionsService } from '../../core/services/sessions.service.js';
import { logValue } from '../../core/messages/log-value.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { ExternalAccountsRepository } from '../repositories/external-accounts.repository.js';
import { LINK_FAILURE_MESSAGES } from './link-failure-messages.js';
import { isBannedAt } from '../../core/entities/ban-state.js';

/** A state lives 10 minutes; an exchange code 60 seconds. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
export const OAUTH_EXCHANGE_CODE_TTL_MS = 60 * 1000;

export interface OAuthStartRequest {
  redirectUrl?: string;
  /** From `POST /me/external-accounts`: the round trip links to (or upgrades) that user. */
  intent?: string;
  /** The link binding cookie of this browser (an intent opens only where it was asked for). */
  linkBrowserToken?: string | null;
  /** The front-end's S256 challenge: the exchange then redeems the code with its verifier. */
  codeChallenge?: string;
}

export interface OAuthCallbackQuery {
  code?: unknown;
  state?: unknown;
  error?: unknown;
}

/** A form-post provider's callback body (Apple): the query's fields, and its `user`. */
export interface OAuthFormPostCallback extends OAuthCallbackQuery {
  user?: unknown;
}

/** The largest `user` a form-post provider may send (Apple's is a name and an address). */
const MAX_CALLBACK_PAYLOAD = 2048;

/** The exchange: a new session, or (2FA on) the challenge of POST /auth/login/2fa. */
export type OAuthExchangeOutcome =
  | { twoFactorRequired: false; tokens: IssuedTokens }
  | { twoFactorRequired: true; challenge: string };

/** Where to send the browser, and the browser-binding value to keep in an httpOnly cookie. */
export interface OAuthStarted {
  location: string;
  browserToken: string;
  /** Whether the binding cookie must be Secure (the callback is https). */
  secureCookie: boolean;
  /** A link intent was spent: its binding cookie can go. */
  intentUsed: boolean;
}

/**
 * The OAuth round trip: start (state, PKCE, allow-listed redirect), callback (state checks, the
 * provider, the linking rule, a one-time code in the redirect) and the code exchange.
 */
@Injectable()
export class OAuthSignInService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(OAUTH_OPTIONS) private readonly oauthOptions: ResolvedOAuthOptions,
    @Inject(OAuthProfileMapper) private readonly mapper: OAuthProfileMapper,
    private readonly registry: OAuthProviderRegistry,
    private readonly flows: OAuthFlowsRepository,
    private readonly sessionsRepository: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly linking: OAuthLinkingService,
    private readonly redirects: OAuthRedirects,
    private readonly passwordSignIn: PasswordSignInService,
    private readonly externalAccounts: ExternalAccountsRepository,
    private readonly updates: UserUpdateService,
  ) {}

  async start(providerName: string, request: OAuthStartRequest): Promise<OAuthStarted> {
    const provider = this.registry.get(providerName);
    const now = new Date();
    let redirectUrl: string | null = null;
    if (request.redirectUrl !== undefined) {
      redirectUrl = this.redirects.allowed(request.redirectUrl);
      if (!redirectUrl) throw new UserKitException('REDIRECT_NOT_ALLOWED');
    }
    let link: { userId: string; sessionId: string; accountId: string | null } | null = null;
    if (request.intent !== undefined) {
      const intent = await this.flows.consumeLinkIntent(hashSecretToken(request.intent), now);
      if (!intent || intent.provider !== providerName)
        throw new UserKitException('OAUTH_LINK_INTENT_INVALID');
      // Login CSRF: the attacker's intent URL opened in the victim's browser would link the
      // victim's provider account to the attacker's user.
      const linkBrowser = request.linkBrowserToken ?? null;
      if (
        intent.browserHash === null ||
        linkBrowser === null ||
        !safeEqual(hashSecretToken(linkBrowser), intent.browserHash)
      )
        throw new UserKitException('OAUTH_LINK_INTENT_FOREIGN_BROWSER');
      if (redirectUrl !== null && redirectUrl !== intent.redirectUrl)
        throw new UserKitException('REDIRECT_NOT_ALLOWED');
      const session = await this.sessionsRepository.findActive(
        intent.sessionId,
        intent.user.id,
        now,
      );
      if (!session || isBannedAt(session.user))
        throw new UserKitException('OAUTH_LINK_INTENT_INVALID');
      redirectUrl = intent.redirectUrl;
      link = {
        userId: intent.user.id,
        sessionId: intent.sessionId,
        accountId: intent.externalAccountId,
      };
    }
    if (redirectUrl === null) throw new UserKitException('REDIRECT_NOT_ALLOWED');

    await this.flows.purgeExpired(now);
    const state = generateSecretToken();
    const browserToken = generateSecretToken();
    await this.flows.createState({
      stateHash: hashSecretToken(state),
      provider: providerName,
      browserHash: hashSecretToken(browserToken),
      redirectUrl,
      linkUserId: link?.userId ?? null,
      linkSessionId: link?.sessionId ?? null,
      linkAccountId: link?.accountId ?? null,
      codeChallenge: request.codeChallenge ?? null,
      expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
    });
    // The pending account waits for this round trip as long as its state lives.
    if (link?.accountId)
      await this.externalAccounts.extendPending(
        link.accountId,
        new Date(now.getTime() + OAUTH_STATE_TTL_MS),
      );
    const challenge = provider.client.pkce ? pkceChallenge(this.pkceVerifier(state)) : null;
    let location: string;
    try {
      location = await provider.client.authorizationUrl(state, challenge, this.nonce(state));
    } catch (error) {
      // OpenID Connect discovery failed: the browser goes back with the reason, as at the callback.
      this.logger.warn(`OAuth ${providerName}: ${logValue(error)}`);
      location = withQuery(redirectUrl, { error: 'provider_unavailable' });
    }
    return {
      location,
      browserToken,
      secureCookie: provider.client.callbackUrl.startsWith('https:'),
      intentUsed: link !== null,
    };
  }

  /**
   * Always ends in a redirect to the flow's allow-listed URL (with `code=` or `error=`), except when
   * no flow is known at all (no state and no binding cookie): then a 400.
   */
  async callback(
    providerName: string,
    query: OAuthCallbackQuery,
    browserToken: string | null,
  ): Promise<{
    location: string;
    secureCookie: boolean;
    codeIssued: boolean;
    browserToken: string;
  }> {
    const provider = this.registry.get(providerName);
    const location = await this.finish(provider, query, browserToken);
    return {
      location,
      browserToken: browserToken ?? '',
      secureCookie: provider.client.callbackUrl.startsWith('https:'),
      codeIssued: new URL(location).searchParams.has('code'),
    };
  }

  private async finish(
    provider: EnabledOAuthProvider,
    query: OAuthCallbackQuery,
    browserToken: string | null,
  ): Promise<string> {
    const providerName = provider.name;
    const now = new Date();
    const browserHash = browserToken ? hashSecretToken(browserToken) : null;
    const stateParam = typeof query.state === 'string' && query.state !== '' ? query.state : null;
    const consumed = stateParam
      ? await this.flows.consumeState(hashSecretToken(stateParam), now)
      : { state: null, fresh: false };
    const state = consumed.state;
    if (!state) {
      // No flow to tie this to: send the browser back to where its own last flow started.
      const fallback = browserHash ? await this.flows.latestRedirectOfBrowser(browserHash) : null;
      if (!fallback) throw new UserKitException('OAUTH_NO_REDIRECT');
      return withQuery(fallback, { error: 'invalid_state' });
    }
    const valid =
      consumed.fresh &&
      state.expiresAt > now &&
      state.provider === providerName &&
      browserHash !== null &&
      state.browserHash === browserHash;
    // Someone else's state (or a replay) changes nothing of the flow's owner.
    if (!valid) return withQuery(state.redirectUrl, { error: 'invalid_state' });
    // From here on the browser is the flow's: a link's pending account keeps why it failed.
    const fail = async (error: string) => {
      if (state.linkAccountId && state.linkUser)
        await this.failPendingLink(state.linkUser.id, state.linkAccountId, error);
      return withQuery(state.redirectUrl, { error });
    };
    if (typeof query.error === 'string')
      return fail(query.error === 'access_denied' ? 'access_denied' : 'provider_error');
    if (typeof query.code !== 'string' || query.code === '') return fail('provider_error');

    const profile = await this.fetchProfile(
      provider,
      query.code,
      stateParam!,
      parsePayload(state.callbackPayload),
    );
    if (typeof profile === 'string') return fail(profile);

    const target = state.linkUser ? await this.users.findFullById(state.linkUser.id) : null;
    if (state.linkUser && !target) return fail('invalid_state');
    // A link dies with the session that asked for it (sign-out, password reset or change, ban).
    if (target && state.linkSessionId) {
      const session = await this.sessionsRepository.findActive(state.linkSessionId, target.id, now);
      if (!session || isBannedAt(target)) return fail('invalid_state');
    }
    const issueCode = (userId: string) =>
      this.issueExchangeCode(userId, providerName, state.browserHash, state.codeChallenge);
    let outcome: LinkOutcome;
    try {
      outcome = await this.linking.resolve(
        providerName,
        profile,
        target ? { user: target, pendingAccountId: state.linkAccountId } : null,
      );
    } catch (error) {
      // A host's beforeCreate hook vetoed the new user: the browser still gets its redirect.
      if (error instanceof HttpException && error.getStatus() < 500) return fail('sign_up_refused');
      throw error;
    }
    switch (outcome.kind) {
      case 'refused':
        return fail(outcome.error);
      case 'linked':
        return withQuery(state.redirectUrl, { linked: providerName });
      case 'upgraded':
        // As with POST /me/upgrade: the anonymous session ends, the code opens the new one.
        if (state.linkSessionId) await this.sessions.revokeSession(state.linkSessionId, 'upgraded');
        return withQuery(state.redirectUrl, { code: await issueCode(outcome.userId) });
      case 'signed_in':
        return withQuery(state.redirectUrl, { code: await issueCode(outcome.userId) });
    }
  }

  /**
   * The one-time code → a new session's tokens, or the 2FA challenge. Only the browser that
   * started the flow redeems it (its binding cookie, or the verifier of its code_challenge): a
   * code sent to someone else signs nobody in (login CSRF).
   */
  async exchange(
    code: string,
    meta: RequestMeta,
    binding: { browserToken: string | null; codeVerifier?: string | null },
  ): Promise<OAuthExchangeOutcome> {
    const now = new Date();
    const spent = await this.flows.consumeExchangeCode(hashSecretToken(code), now);
    if (!spent || !boundToCaller(spent, binding)) throw new UserKitException('OAUTH_CODE_INVALID');
    const user = await this.users.findFullById(spent.userId);
    if (!user || isBannedAt(user)) throw new UserKitException('OAUTH_CODE_INVALID');
    const skipsSecondFactor =
      spent.provider !== null &&
      this.oauthOptions.providers[spent.provider]?.skipTwoFactor === true;
    if (user.twoFactorEnabled && !skipsSecondFactor)
      return {
        twoFactorRequired: true,
        challenge: await this.passwordSignIn.startTwoFactor(
          user.id,
          spent.signInMethod === 'oauth' ? 'provider' : spent.signInMethod,
        ),
      };
    await this.users.recordSignIn(user.id, now);
    const signIn =
      spent.signInMethod === 'oauth'
        ? ({ method: 'oauth', provider: spent.provider, secondFactor: null } as const)
        : ({ method: spent.signInMethod, provider: null, secondFactor: null } as const);
    return {
      twoFactorRequired: false,
      tokens: await this.sessions.open(user, meta, undefined, false, signIn),
    };
  }

  private async failPendingLink(userId: string, accountId: string, code: string): Promise<void> {
    const failed = await this.externalAccounts.failPending(accountId, userId, {
      code,
      message: LINK_FAILURE_MESSAGES[code] ?? 'The provider round trip failed.',
    });
    if (failed) await this.updates.changed(userId, ['externalAccounts']);
  }

  /**
   * A form-post provider (Apple) posts its callback cross-site, where the SameSite=Lax binding
   * cookie does not come along: the post is not trusted with anything. Its `user` (sent only on
   * the first authorization) is kept on the flow's unused state, and the browser is sent on with a
   * 303 to the GET callback, a top-level navigation that carries the cookie: the state, the
   * browser binding and PKCE are checked there as for any provider.
   */
  async formPostCallback(providerName: string, body: OAuthFormPostCallback): Promise<string> {
    const provider = this.registry.get(providerName);
    if (!provider.client.formPost) throw new UserKitException('OAUTH_PROVIDER_NOT_FOUND');
    const state = typeof body.state === 'string' && body.state !== '' ? body.state : null;
    if (
      state &&
      typeof body.user === 'string' &&
      body.user.length <= MAX_CALLBACK_PAYLOAD &&
      parsePayload(body.user)
    )
      await this.flows.keepCallbackPayload(hashSecretToken(state), body.user, new Date());
    const next = new URL(provider.client.callbackUrl);
    for (const key of ['code', 'state', 'error'] as const) {
      const value = body[key];
      if (typeof value === 'string' && value.length <= 2048) next.searchParams.set(key, value);
    }
    return next.href;
  }

  private async fetchProfile(
    provider: EnabledOAuthProvider,
    code: string,
    state: string,
    callbackPayload: Record<string, unknown> | null,
  ): Promise<OAuthProfile | string> {
    try {
      const verifier = provider.client.pkce ? this.pkceVerifier(state) : null;
      const { raw, mapped } = await provider.client.fetchProfile({
        code,
        codeVerifier: verifier,
        nonce: this.nonce(state),
        callbackPayload,
      });
      const profile = sanitizeOAuthProfile(
        await this.mapper.map({ provider: provider.name, profile: raw, mapped }),
      );
      return profile ?? 'provider_error';
    } catch (error) {
      this.logger.warn(`OAuth ${provider.name}: ${logValue(error)}`);
      return error instanceof OAuthProviderError ? error.reason : 'provider_error';
    }
  }

  private async issueExchangeCode(
    userId: string,
    provider: string,
    browserHash: string,
    codeChallenge: string | null,
  ): Promise<string> {
    const code = generateSecretToken();
    await this.flows.createExchangeCode({
      codeHash: hashSecretToken(code),
      userId,
      provider,
      browserHash,
      codeChallenge,
      expiresAt: new Date(Date.now() + OAUTH_EXCHANGE_CODE_TTL_MS),
    });
    return code;
  }

  /**
   * The PKCE verifier is derived from the state with the server secret, so nothing secret is
   * stored and any app instance can recompute it at the callback.
   */
  private pkceVerifier(state: string): string {
    return createHmac('sha256', this.options.tokenSecret)
      .update(`userkit-oauth-pkce:${state}`)
      .digest('base64url');
  }

  /** The OpenID Connect nonce, derived the same way: the ID token must carry this flow's. */
  private nonce(state: string): string {
    return createHmac('sha256', this.options.tokenSecret)
      .update(`userkit-oauth-nonce:${state}`)
      .digest('base64url');
  }
}

/** The `user` a form-post provider sent, as a JSON object, else null (untrusted, never thrown on). */
function parsePayload(value: string | null | undefined): Record<string, unknown> | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { user: parsed } : null;
  } catch {
    return null;
  }
}

function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The caller holds the verifier of the flow's challenge, or the browser's binding cookie. */
function boundToCaller(
  spent: SpentExchangeCode,
  binding: { browserToken: string | null; codeVerifier?: string | null },
): boolean {
  if (spent.codeChallenge !== null && typeof binding.codeVerifier === 'string')
    return safeEqual(pkceChallenge(binding.codeVerifier), spent.codeChallenge);
  if (spent.browserHash !== null && binding.browserToken !== null)
    return safeEqual(hashSecretToken(binding.browserToken), spent.browserHash);
  return false;
}

function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}
