import { Inject, Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import {
  SessionsRepository,
  TOUCH_INTERVAL_MS,
  type ActiveSessionRow,
  type JoinedRead,
} from '../repositories/sessions.repository.js';
import {
  ClaimsPrincipal,
  RowPrincipal,
  type AuthenticatedPrincipal,
} from './authenticated-principal.js';
import { RevokedSessions } from './revoked-sessions.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { AccessTokenService, type AccessTokenClaims } from './access-token.service.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import type { IssuedTokens } from './issued-tokens.js';
import type { RequestMeta } from './request-meta.js';
import { generateSecretToken, hashSecretToken } from './secret-token.js';
import { UserEventsPublisher, userKitEvent } from '../events/user-events.publisher.js';
import type { SessionRevokedReason, SignInMethod } from '../events/user-kit-events.js';
import { SessionRevocationService } from './session-revocation.service.js';
import { isBannedAt } from '../entities/ban-state.js';

export type { AuthenticatedPrincipal } from './authenticated-principal.js';

const USER_AGENT_MAX = 512;

/** Who acts in an impersonation session, and when the session ends. */
interface Impersonation {
  impersonatorId: string;
  expiresAt: Date;
}

/** Sessions are refresh token families: open, rotate (with reuse detection), revoke, check. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly events: UserEventsPublisher,
    private readonly revocation: SessionRevocationService,
    private readonly revokedSessions: RevokedSessions,
  ) {
    this.stateless = options.sessionValidation === 'stateless';
  }

  private readonly stateless: boolean;

  /**
   * The session and its refresh token are one write (SessionsRepository.open). With `signedInAt`
   * (written by the sign-up's INSERT, or by this very write with `clearsFailedSignIns`, which also
   * clears the failure count after a password sign-in), the user already read or made in this
   * request is completed instead of read again: collections not loaded yet come from one prepared
   * read (roles were read with it; a new user has them all). `signIn`: how a sign-in proved the
   * user (`signIn.succeeded` follows `session.created`); none for a sign-up or an upgrade.
   */
  async open(
    user: User,
    meta: RequestMeta,
    signedInAt?: Date,
    clearsFailedSignIns = false,
    signIn?: SignInMethod,
  ): Promise<IssuedTokens> {
    const refreshToken = generateSecretToken();
    const now = signedInAt ?? new Date();
    const sessionId = await this.events.commit(
      () =>
        this.sessions.open({
          user,
          at: now,
          userAgent: meta.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
          ip: meta.ip,
          expiresAt: new Date(now.getTime() + this.options.refreshTokenTtlSeconds * 1000),
          refreshTokenHash: hashSecretToken(refreshToken),
          clearsFailedSignIns,
        }),
      (opened) => [
        userKitEvent('session.created', { userId: user.id, sessionId: opened }),
        ...(signIn
          ? [userKitEvent('signIn.succeeded', { userId: user.id, sessionId: opened, ...signIn })]
          : []),
      ],
    );
    if (!signedInAt) return this.issue(user.id, sessionId, refreshToken, now);
    await this.users.populateFull(user);
    user.lastSignInAt = signedInAt;
    return this.tokensFor(user, sessionId, refreshToken, now);
  }

  /**
   * A session of `user` for the admin `impersonatorId` to act in, ending `lifetimeSeconds` from
   * now (its refresh never passes that end): `session.created` then `user.impersonated`. The
   * access tokens carry the admin as their `act` claim.
   */
  async openImpersonation(
    user: User,
    impersonatorId: string,
    meta: RequestMeta,
    lifetimeSeconds: number,
  ): Promise<IssuedTokens> {
    const refreshToken = generateSecretToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
    const sessionId = await this.events.commit(
      () =>
        this.sessions.openImpersonation({
          user,
          at: now,
          userAgent: meta.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
          ip: meta.ip,
          expiresAt,
          refreshTokenHash: hashSecretToken(refreshToken),
          impersonatorId,
        }),
      (opened) => [
        userKitEvent('session.created', { userId: user.id, sessionId: opened }),
        userKitEvent('user.impersonated', {
          userId: user.id,
          impersonatorId,
          sessionId: opened,
          expiresAt: expiresAt.toISOString(),
        }),
      ],
    );
    return this.issue(user.id, sessionId, refreshToken, now, { impersonatorId, expiresAt });
  }

  /**
   * Single use: a second use of a token revokes the whole session (likely theft), also when the
   * two uses race. A thief racing the owner must not keep the session by winning; the library's
   * clients never race themselves (one refresh at a time, across tabs too).
   */
  async rotate(refreshToken: string): Promise<IssuedTokens> {
    const stored = await this.sessions.findRefreshToken(hashSecretToken(refreshToken));
    const now = new Date();
    if (!stored) throw new UserKitException('INVALID_REFRESH_TOKEN');
    const session = stored.session;
    if (stored.usedAt !== null) {
      await this.revocation.revokeSession(session.id, 'refresh_token_reused', session.user.id);
      throw new UserKitException('REFRESH_TOKEN_REUSED');
    }
    if (session.revokedAt !== null || session.expiresAt <= now || isBannedAt(session.user, now)) {
      throw new UserKitException('INVALID_REFRESH_TOKEN');
    }
    if (
      session.impersonatorId &&
      !(await this.impersonatorMayAct(session.impersonatorId, session.user, now))
    )
      throw new UserKitException('INVALID_REFRESH_TOKEN');
    const nextToken = generateSecretToken();
    const won = await this.sessions.rotate(stored.id, session.id, hashSecretToken(nextToken), now);
    if (!won) {
      await this.revocation.revokeSession(session.id, 'refresh_token_reused', session.user.id);
      throw new UserKitException('REFRESH_TOKEN_REUSED');
    }
    return this.issue(
      session.user.id,
      session.id,
      nextToken,
      session.authenticatedAt,
      !session.impersonatorId
        ? undefined
        : { impersonatorId: session.impersonatorId, expiresAt: session.expiresAt },
    );
  }

  /** Logout: unknown tokens are ignored, so the answer says nothing about them. */
  async revokeByRefreshToken(refreshToken: string): Promise<void> {
    const stored = await this.sessions.findRefreshToken(hashSecretToken(refreshToken));
    if (stored)
      await this.revocation.revokeSession(stored.session.id, 'logout', stored.session.user.id);
  }

  /** See SessionRevocationService, the one way sessions end (and `session.revoked` is emitted). */
  async revokeSession(
    sessionId: string,
    reason: SessionRevokedReason,
    userId?: string,
  ): Promise<void> {
    await this.revocation.revokeSession(sessionId, reason, userId);
  }

  async revokeAllOfUser(userId: string, reason: SessionRevokedReason): Promise<void> {
    await this.revocation.revokeAllOfUser(userId, reason);
  }

  /**
   * The guard's check. The database mode: token valid AND session still live AND user not banned,
   * read fresh in one statement. Stateless sessions: the token's signature and expiry only (and
   * the sessions a revocation broadcast named), no database; the row is read if a caller asks.
   */
  async authenticate(accessToken: string): Promise<AuthenticatedPrincipal | null> {
    return (await this.authenticateJoined(accessToken))?.principal ?? null;
  }

  /**
   * As `authenticate`, with a feature's read joined to the database mode's statement (see
   * SessionCheckRead): its columns come back as `joined`. Stateless sessions read nothing.
   */
  async authenticateJoined(
    accessToken: string,
    joinedRead?: JoinedRead,
  ): Promise<{ principal: AuthenticatedPrincipal; joined?: Record<string, unknown> } | null> {
    const claims = await this.accessTokens.verify(accessToken);
    if (!claims) return null;
    if (this.stateless) {
      if (this.revokedSessions.has(claims.sid)) return null;
      const principal = new ClaimsPrincipal(claims, async () => {
        const row = await this.readLiveRow(claims, new Date());
        return row && this.principalOf(row);
      });
      return { principal };
    }
    const now = new Date();
    const row = await this.readLiveRow(claims, now, joinedRead);
    if (!row) return null;
    if (now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS)
      await this.sessions.touch(row.sessionId, now);
    return { principal: this.principalOf(row), joined: row.joined };
  }

  /** The session of the claims, live, and its user, unbanned: one statement, plain values. */
  private async readLiveRow(
    claims: AccessTokenClaims,
    now: Date,
    joinedRead?: JoinedRead,
  ): Promise<ActiveSessionRow | null> {
    const row = await this.sessions.findActiveRow(
      claims.sid,
      claims.sub,
      now,
      this.options.identifiers.requireVerifiedEmail,
      joinedRead,
    );
    if (!row || row.banned) return null;
    if (!(await this.impersonationHolds(claims, row, now))) return null;
    return row;
  }

  private principalOf(row: ActiveSessionRow): RowPrincipal {
    return new RowPrincipal(this.sessions, row, this.options.identifiers.requireVerifiedEmail);
  }

  /**
   * An impersonation session passes only while its token names the same actor, its admin still
   * holds the admin role (unbanned), and its user holds none (an admin never acts as an admin). A
   * token with an actor on a session without one is forged or stale: refused too.
   */
  private async impersonationHolds(
    claims: AccessTokenClaims,
    row: ActiveSessionRow,
    now: Date,
  ): Promise<boolean> {
    if (row.impersonatorId === null) return claims.act === undefined;
    if (claims.act?.sub !== row.impersonatorId || row.roles.includes(ADMIN_ROLE)) return false;
    return this.sessions.isActiveAdmin(row.impersonatorId, ADMIN_ROLE, now);
  }

  /** A refresh of an impersonation session: the same conditions as the guard's. */
  private async impersonatorMayAct(
    impersonatorId: string,
    user: User,
    now: Date,
  ): Promise<boolean> {
    await this.users.populateFull(user);
    if (user.roles.getItems().some((role) => role.name === ADMIN_ROLE)) return false;
    return this.sessions.isActiveAdmin(impersonatorId, ADMIN_ROLE, now);
  }

  private async issue(
    userId: string,
    sessionId: string,
    refreshToken: string,
    authenticatedAt: Date,
    impersonation?: Impersonation,
  ): Promise<IssuedTokens> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('INVALID_REFRESH_TOKEN');
    return this.tokensFor(user, sessionId, refreshToken, authenticatedAt, impersonation);
  }

  /**
   * An impersonation session's access tokens end with it at the latest. Stateless sessions carry
   * what the guard would otherwise read (sign-in time, anonymous, email verification pending).
   */
  private async tokensFor(
    user: User,
    sessionId: string,
    refreshToken: string,
    authenticatedAt: Date,
    impersonation?: Impersonation,
  ): Promise<IssuedTokens> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      sid: sessionId,
      roles: user.roles.getItems().map((role) => role.name),
      ...(impersonation ? { act: { sub: impersonation.impersonatorId } } : {}),
      ...(this.stateless ? this.statelessClaims(user, authenticatedAt) : {}),
    };
    const secondsLeft = impersonation
      ? Math.max(1, Math.floor((impersonation.expiresAt.getTime() - Date.now()) / 1000))
      : Number.POSITIVE_INFINITY;
    const expiresIn = Math.min(this.accessTokens.ttlSeconds, secondsLeft);
    const accessToken = await this.accessTokens.sign(
      claims,
      expiresIn < this.accessTokens.ttlSeconds ? expiresIn : undefined,
    );
    return {
      accessToken,
      refreshToken,
      expiresIn,
      sessionId,
      user,
      ...(impersonation ? { impersonatorId: impersonation.impersonatorId } : {}),
    };
  }

  private statelessClaims(user: User, authenticatedAt: Date): Partial<AccessTokenClaims> {
    const pending =
      this.options.identifiers.requireVerifiedEmail &&
      !user.isAnonymous &&
      !user.emailAddresses.getItems().some((address) => address.verified);
    return {
      authTime: Math.floor(authenticatedAt.getTime() / 1000),
      ...(user.isAnonymous ? { anonymous: true } : {}),
      ...(pending ? { emailVerificationPending: true } : {}),
    };
  }
}
