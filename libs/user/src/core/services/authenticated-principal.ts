import type { Session } from '../entities/session.entity.js';
import type { User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type {
  ActiveSessionRow,
  SessionsRepository,
  UserValues,
} from '../repositories/sessions.repository.js';
import type { AccessTokenClaims } from './access-token.service.js';

/** Who a valid access token belongs to, as the guard hands it to controllers. */
export interface AuthenticatedPrincipal {
  id: string;
  sessionId: string;
  roles: string[];
  isAnonymous: boolean;
  /** When the session's user last proved who they are (sign-in, not a refresh). */
  authenticatedAt: Date;
  /**
   * The admin acting as the user in an impersonation session (the token's `act`); null: the user
   * themselves. Routes marked @RefusedWhileImpersonating() refuse such a session.
   */
  impersonatorId: string | null;
  /**
   * With `requireVerifiedEmail`: the user (not anonymous) has no verified email address yet, so
   * only routes marked @AllowUnverifiedEmail() let them through. Always false without the option.
   */
  emailVerificationPending: boolean;
  /**
   * The user, with roles, mapped on first read from the row the guard read (no extra query). In
   * stateless sessions the guard reads no row: `await principal.load()` first.
   */
  readonly user: User;
  /** The session, mapped on first read from the row the guard read (see `user`). */
  readonly session: Session;
  /** The user's own values (no collections), plain, from the row the guard read (see `user`). */
  readonly userValues: UserValues;
  /**
   * The custom attribute values, the host's declared fields among them (`UserModule.forRoot({
   * fields })`), from the same row (see `user`); typed with `PrincipalWithFields<typeof fields>`.
   */
  readonly fields: Readonly<Record<string, unknown>>;
  /**
   * Makes `user`, `session`, `userValues` and `fields` readable. The database mode read them with
   * the session check: resolves at once. Stateless sessions read the session and the user now
   * (one statement, in the route's ORM context), and a session that has ended since the token was
   * issued is refused here (401 `SESSION_REVOKED`).
   */
  load(): Promise<AuthenticatedPrincipal>;
}

/**
 * The database mode's principal, from the guard's row. A class, not a literal with getters: one
 * allocation per request, the getters on the prototype; the row and the mapped entities are
 * private fields, so serializing a principal never writes the user's columns.
 */
export class RowPrincipal implements AuthenticatedPrincipal {
  readonly id: string;
  readonly sessionId: string;
  readonly roles: string[];
  readonly isAnonymous: boolean;
  readonly authenticatedAt: Date;
  readonly impersonatorId: string | null;
  readonly emailVerificationPending: boolean;
  #sessions: SessionsRepository;
  #row: ActiveSessionRow;
  #user: User | undefined;
  #session: Session | undefined;
  #userValues: UserValues | undefined;

  constructor(sessions: SessionsRepository, row: ActiveSessionRow, requireVerifiedEmail: boolean) {
    this.id = row.userId;
    this.sessionId = row.sessionId;
    this.roles = row.roles;
    this.isAnonymous = row.isAnonymous;
    this.authenticatedAt = row.authenticatedAt;
    this.impersonatorId = row.impersonatorId;
    this.emailVerificationPending =
      requireVerifiedEmail && !row.isAnonymous && row.emailVerified === false;
    this.#sessions = sessions;
    this.#row = row;
  }

  get user(): User {
    return (this.#user ??= this.#sessions.mapUser(this.#row));
  }

  get session(): Session {
    return (this.#session ??= this.#sessions.mapSession(this.#row));
  }

  get userValues(): UserValues {
    return (this.#userValues ??= this.#sessions.userValues(this.#row));
  }

  get fields(): Readonly<Record<string, unknown>> {
    return this.userValues.customAttributes;
  }

  load(): Promise<AuthenticatedPrincipal> {
    return Promise.resolve(this);
  }
}

/**
 * The stateless mode's principal: the token's claims, nothing read. `load()` reads the row once
 * and then answers as a RowPrincipal does.
 */
export class ClaimsPrincipal implements AuthenticatedPrincipal {
  readonly id: string;
  readonly sessionId: string;
  readonly roles: string[];
  readonly isAnonymous: boolean;
  readonly authenticatedAt: Date;
  readonly impersonatorId: string | null;
  readonly emailVerificationPending: boolean;
  #read: (principal: ClaimsPrincipal) => Promise<RowPrincipal | null>;
  #loaded: Promise<RowPrincipal> | undefined;
  #row: RowPrincipal | undefined;

  constructor(
    claims: AccessTokenClaims,
    read: (principal: ClaimsPrincipal) => Promise<RowPrincipal | null>,
  ) {
    this.id = claims.sub;
    this.sessionId = claims.sid;
    this.roles = [...claims.roles];
    this.isAnonymous = claims.anonymous === true;
    this.authenticatedAt = new Date((claims.authTime ?? 0) * 1000);
    this.impersonatorId = claims.act?.sub ?? null;
    this.emailVerificationPending = claims.emailVerificationPending === true;
    this.#read = read;
  }

  get user(): User {
    return this.#loadedRow('user').user;
  }

  get session(): Session {
    return this.#loadedRow('session').session;
  }

  get userValues(): UserValues {
    return this.#loadedRow('userValues').userValues;
  }

  get fields(): Readonly<Record<string, unknown>> {
    return this.#loadedRow('fields').fields;
  }

  async load(): Promise<AuthenticatedPrincipal> {
    this.#loaded ??= this.#read(this).then((row) => {
      if (!row) throw new UserKitException('SESSION_REVOKED');
      return (this.#row = row);
    });
    await this.#loaded;
    return this;
  }

  #loadedRow(name: string): RowPrincipal {
    if (this.#row) return this.#row;
    throw new Error(
      `AuthenticatedPrincipal.${name} is read from the database with stateless sessions (sessionValidation: 'stateless'): await principal.load() first`,
    );
  }
}
