import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { User } from '../entities/user.entity.js';
import { PreparedRead } from '../sql/prepared-read.js';
import { isPostgres } from '../sql/sql-dialect-of.js';

@Injectable()
export class SignInAttemptsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One atomic increment of the consecutive-failure count (parallel attempts each move it, none is
   * lost or refused); the one reaching `disableAt` turns password sign-in off. False when it is
   * off already. A prepared statement (it runs on every password sign-in).
   */
  async countAttempt(userId: string, at: Date, disableAt: number): Promise<boolean> {
    this.countWrite ??= new PreparedRead(
      'userkit_count_sign_in_attempt_v2',
      `update "${this.usersTable()}" set "failed_sign_in_count" = "failed_sign_in_count" + 1, ` +
        `"last_failed_sign_in_at" = ?, ` +
        `"password_sign_in_disabled" = ("failed_sign_in_count" + 1 >= ?) ` +
        `where "id" = ? and "password_sign_in_disabled" = ? returning "id"`,
    );
    const rows = await this.countWrite.all(this.em, [
      this.em.getPlatform().processDateProperty(at),
      disableAt,
      userId,
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
