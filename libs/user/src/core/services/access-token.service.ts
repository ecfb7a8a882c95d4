import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
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
  private readonly key: KeyObject;
  /** The header segment of every token this service signs (`{"alg":"HS256","typ":"JWT"}`). */
  private readonly header: string;

  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {
    // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
    // PEM public key, then builds a secret key, on every sign and verify (a thrown error each time).
    const key: KeyObject = createSecretKey(Buffer.from(options.tokenSecret, 'utf8'));
    this.key = key;
    this.jwt = new JwtService({
      secret: key as unknown as Buffer,
      signOptions: {
        algorithm: 'HS256',
        issuer: options.tokenIssuer,
        expiresIn: options.accessTokenTtlSeconds,
      },
    });
    this.header = this.jwt.sign({}).split('.')[0];
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

  /**
   * The claims of a valid token, or null for a bad signature, header, issuer, shape or an expired
   * token. Only tokens of the exact form this service signs pass: the header segment is compared
   * as a whole (HS256 pinned, no `alg` to choose), then the HMAC in constant time, then `iss`,
   * `exp` (and `nbf` if present), as jsonwebtoken checks them, without its generic parsing.
   */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    const known = this.recentlyVerified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.expiresAt) return known.claims;
      this.recentlyVerified.delete(token);
      return null;
    }
    const verified = this.verifyAnew(token);
    return verified && this.remember(token, verified);
  }

  /**
   * A client sends the same access token with every request of its lifetime: a token verified
   * once is looked up, its expiry still checked on each use (the signature cannot change without
   * the string changing). Only tokens that verified are kept, at most RECENTLY_VERIFIED_MAX (the
   * oldest goes first), each until it expires; the claims are frozen, as callers share them.
   */
  private readonly recentlyVerified = new Map<
    string,
    { claims: AccessTokenClaims; expiresAt: number }
  >();

  private remember(
    token: string,
    { expiresAt, ...kept }: AccessTokenClaims & { expiresAt: number },
  ): AccessTokenClaims {
    if (this.recentlyVerified.size >= RECENTLY_VERIFIED_MAX) {
      const oldest = this.recentlyVerified.keys().next().value;
      if (oldest !== undefined) this.recentlyVerified.delete(oldest);
    }
    Object.freeze(kept.roles);
    if (kept.act) Object.freeze(kept.act);
    const claims = Object.freeze(kept);
    this.recentlyVerified.set(token, { claims, expiresAt });
    return claims;
  }

  private verifyAnew(token: string): (AccessTokenClaims & { expiresAt: number }) | null {
    try {
      const payload = this.verifiedPayload(token);
      if (!payload) return null;
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
        expiresAt: payload.exp as number,
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

  private verifiedPayload(token: string): Record<string, unknown> | null {
    const headerEnd = token.indexOf('.');
    const payloadEnd = token.indexOf('.', headerEnd + 1);
    if (headerEnd !== this.header.length || !token.startsWith(this.header)) return null;
    // An HMAC-SHA256 is 32 bytes: 43 base64url characters, nothing after them.
    if (payloadEnd < 0 || token.length - payloadEnd - 1 !== SIGNATURE_LENGTH) return null;
    // The text is compared, not the decoded bytes: base64url decoding is lenient (stray characters
    // skipped, the last character's spare bits ignored), so several texts would decode alike.
    const signature = Buffer.from(token.slice(payloadEnd + 1), 'latin1');
    const expected = Buffer.from(
      createHmac('sha256', this.key).update(token.slice(0, payloadEnd)).digest('base64url'),
      'latin1',
    );
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    const payload: unknown = JSON.parse(
      Buffer.from(token.slice(headerEnd + 1, payloadEnd), 'base64url').toString('utf8'),
    );
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
    const claims = payload as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== this.options.tokenIssuer) return null;
    if (typeof claims.exp !== 'number' || now >= claims.exp) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now))
      return null;
    return claims;
  }
}

/** Verified tokens kept for their lifetime (a few MB at most: a token is about 300 bytes). */
const RECENTLY_VERIFIED_MAX = 10_000;

/** Base64url characters of a 32-byte signature, unpadded. */
const SIGNATURE_LENGTH = 43;
