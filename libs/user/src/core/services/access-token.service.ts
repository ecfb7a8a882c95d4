import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  roles: string[];
  /**
   * RFC 8693's actor: the admin acting as `sub` in an impersonation session. The guard checks it
   * against the session, which is what decides.
   */
  act?: { sub: string };
  /**
   * Stateless sessions only, so the guard needs no database: when the user last signed in
   * (`auth_time`, seconds), whether the user is anonymous (`anon`) and, with
   * `requireVerifiedEmail`, whether no verified address is held yet (`evp`).
   */
  authTime?: number;
  anonymous?: boolean;
  emailVerificationPending?: boolean;
}

/**
 * Short-lived HS256 JWTs. In the database mode the guard still checks the session, so revocation
 * is immediate; in the stateless mode the token is all the guard reads.
 */
@Injectable()
export class AccessTokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {
    // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
    // PEM public key, then builds a secret key, on every sign and verify (a thrown error each time).
    const key: KeyObject = createSecretKey(Buffer.from(options.tokenSecret, 'utf8'));
    this.jwt = new JwtService({
      secret: key as unknown as Buffer,
      signOptions: {
        algorithm: 'HS256',
        issuer: options.tokenIssuer,
        expiresIn: options.accessTokenTtlSeconds,
      },
      verifyOptions: { algorithms: ['HS256'], issuer: options.tokenIssuer },
    });
  }

  get ttlSeconds(): number {
    return this.options.accessTokenTtlSeconds;
  }

  /** `expiresInSeconds`: shorter than the usual lifetime (a session ending sooner). */
  sign(claims: AccessTokenClaims, expiresInSeconds?: number): Promise<string> {
    const payload = {
      sub: claims.sub,
      sid: claims.sid,
      roles: claims.roles,
      ...(claims.act ? { act: { sub: claims.act.sub } } : {}),
      ...(claims.authTime !== undefined ? { auth_time: claims.authTime } : {}),
      ...(claims.anonymous ? { anon: true } : {}),
      ...(claims.emailVerificationPending ? { evp: true } : {}),
    };
    return expiresInSeconds === undefined
      ? this.jwt.signAsync(payload)
      : this.jwt.signAsync(payload, { expiresIn: expiresInSeconds });
  }

  /** The claims of a valid token, or null for a bad signature, issuer, shape or an expired token. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      // Synchronous: HMAC-SHA256 over a short token is microseconds; no promise round trips.
      const payload = this.jwt.verify<Record<string, unknown>>(token);
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((r) => typeof r === 'string')
        : [];
      const act = payload.act as { sub?: unknown } | undefined;
      if (act !== undefined && (typeof act !== 'object' || typeof act?.sub !== 'string'))
        return null;
      const authTime = payload.auth_time;
      if (authTime !== undefined && (typeof authTime !== 'number' || !Number.isFinite(authTime)))
        return null;
      return {
        sub: payload.sub,
        sid: payload.sid,
        roles,
        ...(act ? { act: { sub: act.sub as string } } : {}),
        ...(authTime !== undefined ? { authTime } : {}),
        ...(payload.anon === true ? { anonymous: true } : {}),
        ...(payload.evp === true ? { emailVerificationPending: true } : {}),
      };
    } catch {
      return null;
    }
  }
}
