import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';
import { PreparedRead } from './prepared-read.js';
import { isPostgres } from './sql-dialect-of.js';

export interface SignInFailureState {
  failedSignInCount: number;
  lastFailedSignInAt: Date | null;
  passwordSignInDisabled: boolean;
}

@Injectable()
export class SignInAttemptsRepository {
  constructor(private readonly em: EntityManager) {}

  async read(userId: string): Promise<SignInFailureState | null> {
    const user = await this.em.findOne(
      User,
      { id: userId },
      {
        fields: ['failedSignInCount', 'lastFailedSignInAt', 'passwordSignInDisabled'],
        // A partial load must not replace the managed user's snapshot (a later flush would
        // then write stale columns back), so this read bypasses the identity map.
        disableIdentityMap: true,
      },
    );
    return user
      ? {
          failedSignInCount: user.failedSignInCount,
          lastFailedSignInAt: user.lastFailedSignInAt,
          passwordSignInDisabled: user.passwordSignInDisabled,
        }
      : null;
  }

  /**
   * Compare-and-set on the count: of parallel attempts, one moves it per round. A prepared
   * statement (it runs on every password sign-in); RETURNING makes its rows the rows it changed.
   */
  async countAttempt(
    userId: string,
    expectedCount: number,
    at: Date,
    disable: boolean,
  ): Promise<boolean> {
    this.countWrite ??= new PreparedRead(
      'userkit_count_sign_in_attempt_v1',
      `update "${this.usersTable()}" set "failed_sign_in_count" = ?, ` +
        `"last_failed_sign_in_at" = ?, "password_sign_in_disabled" = ? ` +
        `where "id" = ? and "failed_sign_in_count" = ? and "password_sign_in_disabled" = ? ` +
        `returning "id"`,
    );
    const rows = await this.countWrite.all(this.em, [
      expectedCount + 1,
      this.em.getPlatform().processDateProperty(at),
      this.boolean(disable),
      userId,
      expectedCount,
      this.boolean(false),
    ]);
    return rows.length === 1;
  }

  private countWrite: PreparedRead | undefined;

  private usersTable(): string {
    return this.em.getMetadata().get(User).tableName;
  }

  /** As the ORM binds a boolean: SQLite has none (0/1). */
  private boolean(value: boolean): boolean | number {
    return isPostgres(this.em) ? value : value ? 1 : 0;
  }

  async clear(userId: string): Promise<void> {
    await this.em.nativeUpdate(
      User,
      { id: userId },
      { failedSignInCount: 0, lastFailedSignInAt: null, passwordSignInDisabled: false },
    );
  }
}
