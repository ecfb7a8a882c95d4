import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';

/**
 * The user's TOTP authenticator. The secret is encrypted (AES-256-GCM, key derived from the
 * tokenSecret), so a database dump alone does not give it away. Pending until a first code
 * confirms it.
 */
@Entity({ tableName: 'userkit_totp_credentials' })
export class TotpCredential {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @OneToOne(() => User, {
    owner: true,
    deleteRule: 'cascade',
    unique: 'userkit_totp_credentials_user_unique',
  })
  user!: Rel<User>;

  @Property({ type: 'text' })
  encryptedSecret!: string;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;

  /** The last accepted time step: a code of this step or an earlier one is refused (no replay). */
  @Property({ type: 'integer', nullable: true })
  lastUsedStep: number | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
