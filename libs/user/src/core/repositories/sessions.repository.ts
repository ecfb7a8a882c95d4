import { EntityManager, type EntityMetadata } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../entities/email-address.entity.js';
import { RefreshToken } from '../entities/refresh-token.entity.js';
import { newId } from '../entities/new-id.js';
import { Role } from '../entities/role.entity.js';
import { Session } from '../entities/session.entity.js';
import { User } from '../entities/user.entity.js';
import { isPostgres } from '../sql/sql-dialect-of.js';
import { PreparedRead } from '../sql/prepared-read.js';
import { plainValues } from '../sql/plain-values.js';
import { PreparedWrite } from '../sql/prepared-write.js';
import { isBannedAt } from '../entities/ban-state.js';
import type { SessionCheckRead } from '../extension-points/session-check-reads.js';

export interface NewSessionRecord {
  user: User;
  /** The session's creation time (also its authentication and last use). */
  at?: Date;
  /**
   * A password sign-in just completed (every factor passed): the same write clears the user's
   * failed-attempt count and records `lastSignInAt` = `at` (one statement fewer per sign-in).
   */
  clearsFailedSignIns?: boolean;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
  refreshTokenHash: string;
}

/** The guard's read of a live session: plain values, and the raw rows to map entities on demand. */
export interface ActiveSessionRow {
  sessionId: string;
  userId: string;
  banned: boolean;
  isAnonymous: boolean;
  roles: string[];
  authenticatedAt: Date;
  lastUsedAt: Date;
  /** The admin acting as the user (an impersonation session); null: the user's own session. */
  impersonatorId: string | null;
  /** Whether the user has a verified email address; read only when asked for (undefined). */
  emailVerified?: boolean;
  /** The columns of the session check's joined read (SessionCheckRead), when it had one. */
  joined?: Record<string, unknown>;
  /** Session and user columns by database field name, for `em.map` when a caller wants entities. */
  sessionRow: Record<string, unknown>;
  userRow: Record<string, unknown>;
}

/** A user's column values as plain data (the entity's properties without its collections). */
export type UserValues = Omit<
  User,
  'emailAddresses' | 'phoneNumbers' | 'externalAccounts' | 'roles'
>;

/** A feature's read joined to the session check, and its argument for this request. */
export interface JoinedRead {
  read: SessionCheckRead;
  argument: string;
}

/** The columns of a joined read, prefix `<name>__` removed (all null when its LEFT JOINs found no row). */
function joinedColumns(row: Record<string, unknown>, name: string): Record<string, unknown> {
  const prefix = `${name}__`;
  const columns: Record<string, unknown> = {};
  for (const key in row) if (key.startsWith(prefix)) columns[key.slice(prefix.length)] = row[key];
  return columns;
}

/** Separates role names in the aggregated column (role names never hold control characters). */
const ROLE_SEPARATOR = '\u001f';

/** lastUsedAt is written at most this often per session, to keep reads from turning into writes. */
export const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class SessionsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * A new session with its first refresh token, in one round trip (see PreparedWrite): every
   * sign-in and sign-up opens one, so the ORM's four statements (BEGIN, two INSERTs, COMMIT) and
   * its unit of work are skipped. Returns the session's id.
   */
  async open(record: NewSessionRecord): Promise<string> {
    const platform = this.em.getPlatform();
    const at = platform.processDateProperty(record.at ?? new Date());
    const sessionId = newId();
    const rows = [
      [
        sessionId,
        record.user.id,
        record.userAgent,
        record.ip,
        at,
        at,
        at,
        platform.processDateProperty(record.expiresAt),
      ],
      [newId(), sessionId, record.refreshTokenHash, at],
    ];
    if (record.clearsFailedSignIns) {
      const notDisabled = isPostgres(this.em) ? false : 0;
      this.openClearingWrite ??= this.openSessionWrite(true);
      await this.openClearingWrite.run(this.em, [[notDisabled, at, record.user.id], ...rows]);
    } else {
      this.openWrite ??= this.openSessionWrite(false);
      await this.openWrite.run(this.em, rows);
    }
    return sessionId;
  }

  private openWrite: PreparedWrite | undefined;
  private openClearingWrite: PreparedWrite | undefined;

  private openSessionWrite(clearing: boolean): PreparedWrite {
    const insertSession =
      `insert into "userkit_sessions" ("id", "user_id", "user_agent", "ip", "created_at", ` +
      `"authenticated_at", "last_used_at", "expires_at") values (?, ?, ?, ?, ?, ?, ?, ?)`;
    const tokenColumns = `insert into "userkit_refresh_tokens" ("id", "session_id", "token_hash", "created_at")`;
    // The completed sign-in on the user row: the failure count cleared, the sign-in time set.
    const clear =
      `update "${this.em.getMetadata().get(User).tableName}" set "failed_sign_in_count" = 0, ` +
      `"last_failed_sign_in_at" = null, "password_sign_in_disabled" = ?, "last_sign_in_at" = ? ` +
      `where "id" = ?`;
    return new PreparedWrite(
      clearing ? 'userkit_open_session_clearing_v1' : 'userkit_open_session_v1',
      // The token's row is inserted from the session's RETURNING, so it follows the session's.
      `with ${clearing ? `c as (${clear}), ` : ''}s as (${insertSession} returning "id") ` +
        `${tokenColumns} select ?::varchar, ?::varchar, ?::varchar, ?::timestamptz from s`,
      [...(clearing ? [clear] : []), insertSession, `${tokenColumns} values (?, ?, ?, ?)`],
    );
  }

  /**
   * An impersonation session (the admin in `impersonatorId`) and its first refresh token, in one
   * transaction: rare, so the ORM's statements, not the sign-in's prepared write.
   */
  async openImpersonation(
    record: Omit<NewSessionRecord, 'clearsFailedSignIns'> & { impersonatorId: string },
  ): Promise<string> {
    const at = record.at ?? new Date();
    const sessionId = newId();
    await this.em.transactional(async (em) => {
      await em.insert(Session, {
        id: sessionId,
        user: record.user.id,
        userAgent: record.userAgent,
        ip: record.ip,
        createdAt: at,
        authenticatedAt: at,
        lastUsedAt: at,
        expiresAt: record.expiresAt,
        revokedAt: null,
        revokedReason: null,
        impersonatorId: record.impersonatorId,
      });
      await em.insert(RefreshToken, {
        id: newId(),
        session: sessionId,
        tokenHash: record.refreshTokenHash,
        createdAt: at,
        usedAt: null,
      });
    });
    return sessionId;
  }

  /**
   * Whether the user may still act through an impersonation session: exists, holds `adminRole`,
   * and no ban in force (the guard asks on each request of such a session).
   */
  async isActiveAdmin(userId: string, adminRole: string, at: Date): Promise<boolean> {
    // A count, not an entity: nothing of the admin lands in this request's identity map.
    const found = await this.em.count(User, {
      id: userId,
      roles: { name: adminRole },
      $or: [{ banned: false }, { bannedUntil: { $lte: at } }],
    });
    return found > 0;
  }

  findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return this.em.findOne(
      RefreshToken,
      { tokenHash },
      { populate: ['session', 'session.user'], refresh: true },
    );
  }

  /**
   * Marks the token used and issues its successor in one transaction. The conditional update is
   * the race's referee: of two concurrent refreshes exactly one sees a row change.
   */
  async rotate(
    tokenId: string,
    sessionId: string,
    nextTokenHash: string,
    at: Date,
  ): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const changed = await em.nativeUpdate(
        RefreshToken,
        { id: tokenId, usedAt: null },
        { usedAt: at },
      );
      if (changed !== 1) return false;
      await em.insert(RefreshToken, {
        id: newId(),
        session: sessionId,
        tokenHash: nextTokenHash,
        createdAt: at,
        usedAt: null,
      });
      await em.nativeUpdate(Session, { id: sessionId }, { lastUsedAt: at });
      return true;
    });
  }

  /** A live session (not revoked, not expired) of this user, with the user and its roles. */
  findActive(sessionId: string, userId: string, now: Date): Promise<Session | null> {
    return this.em.findOne(
      Session,
      { id: sessionId, user: userId, revokedAt: null, expiresAt: { $gt: now } },
      // Each request has its own ORM context, so no refresh is needed. Not the 'joined' strategy:
      // on SQLite its date hydration marks entities dirty and a later auto-flush rewrites them.
      { populate: ['user', 'user.roles'] },
    );
  }

  /**
   * The guard's check as ONE indexed statement (session by primary key, joined with its user, the
   * user's role names aggregated), read fresh from the database on every request so a revocation
   * made on any instance applies at once. No entity hydration here: callers map on demand.
   */
  async findActiveRow(
    sessionId: string,
    userId: string,
    now: Date,
    withEmailVerified = false,
    joined?: JoinedRead,
  ): Promise<ActiveSessionRow | null> {
    const read = this.activeReadFor(withEmailVerified, joined?.read);
    const at = this.em.getPlatform().processDateProperty(now);
    const rows = await read.all(
      this.em,
      joined ? [joined.argument, sessionId, userId, at] : [sessionId, userId, at],
    );
    const row = rows[0];
    if (!row) return null;
    const sessionRow: Record<string, unknown> = {};
    const userRow: Record<string, unknown> = {};
    const emailVerified = withEmailVerified ? Boolean(row.email_verified) : undefined;
    const { session, user } = this.activeColumns!;
    for (let i = 0; i < session.length; i += 1) sessionRow[session[i][1]] = row[session[i][0]];
    for (let i = 0; i < user.length; i += 1) userRow[user[i][1]] = row[user[i][0]];
    const roles =
      typeof row.roles === 'string' && row.roles !== '' ? row.roles.split(ROLE_SEPARATOR) : [];
    return {
      ...(joined ? { joined: joinedColumns(row, joined.read.name) } : {}),
      sessionId: String(sessionRow.id),
      userId: String(userRow.id),
      // A ban with an end blocks only until it; read the end only for a banned user (rare).
      banned:
        Boolean(userRow.banned) &&
        isBannedAt(
          {
            banned: true,
            bannedUntil:
              userRow.banned_until === null || userRow.banned_until === undefined
                ? null
                : new Date(userRow.banned_until as string | number | Date),
          },
          now,
        ),
      isAnonymous: Boolean(userRow.is_anonymous),
      roles,
      authenticatedAt: new Date(sessionRow.authenticated_at as string | number | Date),
      lastUsedAt: new Date(sessionRow.last_used_at as string | number | Date),
      impersonatorId:
        typeof sessionRow.impersonator_id === 'string' ? sessionRow.impersonator_id : null,
      emailVerified,
      sessionRow,
      userRow,
    };
  }

  /** The user of a row from `findActiveRow` as a managed entity of this request, roles loaded. */
  mapUser(row: ActiveSessionRow): User {
    const user = this.em.map(User, row.userRow);
    if (!user.roles.isInitialized())
      user.roles.hydrate(row.roles.map((name) => this.em.getReference(Role, name)));
    return user;
  }

  /** The user of a row from `findActiveRow` as plain values, for read-only views: no entity. */
  userValues(row: ActiveSessionRow): UserValues {
    return plainValues(this.em, User, row.userRow);
  }

  /** The session of a row from `findActiveRow` as a managed entity of this request. */
  mapSession(row: ActiveSessionRow): Session {
    return this.em.map(Session, row.sessionRow);
  }

  /** One prepared statement per shape: email verification read or not, and each joined read. */
  private activeReadFor(withEmailVerified: boolean, joined?: SessionCheckRead): PreparedRead {
    const key = `${withEmailVerified ? 'verified' : 'plain'}:${joined?.name ?? ''}`;
    let read = this.activeReads.get(key);
    if (!read) {
      const name =
        `userkit_active_session${withEmailVerified ? '_verified' : ''}` +
        `${joined ? `_${joined.name}` : ''}_v1`;
      read = new PreparedRead(name, this.activeSessionSql(withEmailVerified, joined));
      this.activeReads.set(key, read);
    }
    return read;
  }

  private readonly activeReads = new Map<string, PreparedRead>();
  /** The statement's columns as [result key, field name], per table: the row split without scans. */
  private activeColumns: { session: [string, string][]; user: [string, string][] } | undefined;

  /**
   * Built once from the entity metadata: every column of both tables, prefixed to keep apart.
   * `withEmailVerified` adds whether the user holds a verified address (requireVerifiedEmail).
   */
  private activeSessionSql(withEmailVerified: boolean, joined?: SessionCheckRead): string {
    const metadata = this.em.getMetadata();
    const fields = (meta: EntityMetadata): string[] =>
      meta.props
        .filter((prop) => prop.fieldNames?.length === 1 && prop.persist !== false)
        .filter((prop) => prop.kind === 'scalar' || prop.kind === 'm:1' || prop.kind === '1:1')
        .map((prop) => prop.fieldNames[0]);
    const columns = (meta: EntityMetadata, alias: string): string[] =>
      fields(meta).map((field) => `${alias}."${field}" as "${alias}__${field}"`);
    const session = metadata.get(Session);
    const user = metadata.get(User);
    this.activeColumns ??= {
      session: fields(session).map((field) => [`s__${field}`, field]),
      user: fields(user).map((field) => [`u__${field}`, field]),
    };
    const aggregate = isPostgres(this.em)
      ? `string_agg(r.role_name, chr(31))`
      : `group_concat(r.role_name, char(31))`;
    const emails = metadata.get(EmailAddress).tableName;
    const emailVerified = withEmailVerified
      ? `exists (select 1 from "${emails}" v where v.user_id = u.id and v.verified) as "email_verified", `
      : '';
    return (
      `select ${[...columns(session, 's'), ...columns(user, 'u')].join(', ')}, ${emailVerified}` +
      `${joined ? `${joined.columns}, ` : ''}` +
      `(select ${aggregate} from "userkit_user_roles" r where r.user_id = u.id) as "roles" ` +
      `from "${session.tableName}" s join "${user.tableName}" u on u.id = s.user_id ` +
      `${joined ? `${joined.joins} ` : ''}` +
      `where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > ?`
    );
  }

  async touch(sessionId: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(
      Session,
      { id: sessionId, lastUsedAt: { $lt: new Date(now.getTime() - TOUCH_INTERVAL_MS) } },
      { lastUsedAt: now },
    );
  }

  /** The number of sessions revoked now (0 when it was already revoked). */
  async revoke(sessionId: string, reason: string, at: Date): Promise<number> {
    return this.em.nativeUpdate(
      Session,
      { id: sessionId, revokedAt: null },
      { revokedAt: at, revokedReason: reason },
    );
  }

  /** The user the session belongs to, or null when there is no such session. */
  async ownerOf(sessionId: string): Promise<string | null> {
    const session = await this.em.findOne(Session, { id: sessionId }, { refresh: true });
    return session?.user.id ?? null;
  }
}
